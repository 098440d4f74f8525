import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../electron/service/core/AdjustableClock';
import { SECRET_KEY_FILE } from '../../electron/service/sync/secretBox';
import { RETRY_WINDOW_MS } from '../../electron/service/sync/backoff';
import { MAX_DELIVERY_ATTEMPTS } from '../../electron/service/sync/SyncRunner';
import { moveCase } from '../../electron/service/cases/caseWorkflow';
import { ErrorCode } from '../../shared/errorCodes';
import { caseAt, TINY_PNG } from '../helpers/caseSetup';
import { companyInput, personInput } from '../helpers/profileFixtures';
import { openTempService, type TempService } from '../helpers/tempService';
import { startFakeKillb, type FakeKillb } from '../fakes/fakeKillb';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/**
 * The KillB connector over real HTTP against the KillB fake (seed 001): users created after
 * approval through the outbox, exactly once, whatever the network does.
 */
describe('sync: KillB users after approval, through the outbox', () => {
  let t: TempService;
  let killb: FakeKillb;
  let clock: AdjustableClock;
  let admin: string;
  let staff: string;
  let officer: string;

  beforeEach(async () => {
    killb = await startFakeKillb();
    clock = new AdjustableClock();
    // Backoff draws 0: a retry is due at once, so a test drives time only where it is about time.
    t = openTempService({ clock: clock.now, sync: { random: () => 0, pollIntervalMs: 60_000 } });
    admin = await t.signInAs('admin');
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    must(await t.service.call('sync.configure', { id: 'killb', enabled: true, config: { baseUrl: killb.url, email: killb.credentials.email }, secret: killb.credentials.password }, admin));
  });
  afterEach(async () => {
    await t.service.deps.syncRuntime.runner.stop();
    await killb.close();
    t.cleanup();
  });

  const approve = async (caseId: string) => {
    const c = t.service.deps.cases.byId(caseId)!;
    must(await t.service.call('admin.kycUpdateStatus', { profileId: c.profileId, status: 2, remark: 'verified' }, officer));
    return c.profileId;
  };
  const drain = () => t.service.deps.syncRuntime.runner.drain();
  const submitted = async (caseId: string) => {
    must(await t.service.call('cases.start', { id: caseId }, staff));
    must(await t.service.call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
    must(await t.service.call('cases.submit', { id: caseId }, staff));
  };

  it('the secret is sealed at rest, never answered, never audited; the key file is 0600', async () => {
    const row = t.service.deps.sync.connector('killb')!;
    expect(row.secret).not.toBeNull();
    expect(row.secret!.toString('latin1')).not.toContain(killb.credentials.password);
    const views = must(await t.service.call('sync.connectors', {}, admin));
    expect(JSON.stringify(views)).not.toContain(killb.credentials.password);
    expect(views.find((v) => v.id === 'killb')).toMatchObject({ enabled: true, secretSet: true, secretHint: null });
    // The password is never shown, not even its last characters.
    expect(JSON.stringify(views)).not.toContain(killb.credentials.password.slice(-4));
    const audit = t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'sync.configured'").all() as { body: string }[];
    expect(audit.length).toBe(1);
    expect(audit[0]!.body).not.toContain(killb.credentials.password);
    if (process.platform !== 'win32') expect(statSync(join(t.dataDir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(must(await t.service.call('sync.test', { id: 'killb' }, admin))).toMatchObject({ ok: true });
    // Non-admins see none of it.
    expect((await t.service.call('sync.connectors', {}, officer)).ok).toBe(false);
  });

  it("an address copied with KillB's /api/v2 is the same address; a wrong password is said as such", async () => {
    must(await t.service.call('sync.configure', { id: 'killb', enabled: true, config: { baseUrl: `${killb.url}/api/v2/`, email: killb.credentials.email } }, admin));
    expect(must(await t.service.call('sync.test', { id: 'killb' }, admin))).toMatchObject({ ok: true });
    must(await t.service.call('sync.configure', { id: 'killb', enabled: true, config: { baseUrl: killb.url, email: killb.credentials.email }, secret: 'not-the-password' }, admin));
    expect(must(await t.service.call('sync.test', { id: 'killb' }, admin))).toEqual({ ok: false, message: 'KillB refused the email or password (POST /api/v2/auth/login: HTTP 401)' });
  });

  it('approval queues the user in the same transaction; delivery creates it once and links id, accessLevel, status', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const profileId = await approve(caseId);
    const queued = t.service.deps.sync.list({ caseId, limit: 10 });
    expect(queued).toMatchObject([{ connector: 'killb', kind: 'killb.createUser', status: 'pending', idempotencyKey: `killb:user:${profileId}` }]);
    // The payload names the profile, not its personal data.
    expect(JSON.stringify(queued[0]!.payload)).toBe(JSON.stringify({ profileId }));
    await drain();
    expect(killb.users).toHaveLength(1);
    const link = t.service.deps.sync.link('killb', 'profile', profileId)!;
    expect(link.remoteId).toBe(killb.users[0]!.id);
    expect(link).toMatchObject({ remoteStatus: killb.users[0]!.status, extra: { accessLevel: killb.users[0]!.accessLevel } });
    expect(t.service.deps.sync.list({ caseId, limit: 10 })[0]).toMatchObject({ status: 'delivered', remoteId: killb.users[0]!.id });
    const state = must(await t.service.call('sync.caseState', { caseId }, officer));
    expect(state.links).toEqual([expect.objectContaining({ connector: 'killb', remoteId: killb.users[0]!.id })]);
    expect(t.service.deps.db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'sync.delivered'").get()).toEqual({ n: 1 });
  });

  it('a response lost after KillB committed: the retry gets USER.0001, looks the user up and links it, never a second user', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const profileId = await approve(caseId);
    killb.faults.enqueue('createUser', { kind: 'commitThenLose' });
    await drain();
    expect(killb.users).toHaveLength(1);
    expect(t.service.deps.sync.link('killb', 'profile', profileId)!.remoteId).toBe(killb.users[0]!.id);
    expect(t.service.deps.sync.list({ caseId, limit: 10 })[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('429 with Retry-After waits at least that long; 5xx and resets are retried', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    await approve(caseId);
    killb.faults.enqueue('createUser', { kind: 'rateLimited', retryAfterSeconds: 30 });
    const t0 = clock.now();
    clock.pin(t0);
    await drain();
    const row = t.service.deps.sync.list({ caseId, limit: 1 })[0]!;
    expect(row.status).toBe('pending');
    expect(Date.parse(row.nextAttemptAt) - t0.getTime()).toBeGreaterThanOrEqual(30_000);
    expect(row.lastError).toContain('429');
    killb.faults.enqueue('createUser', { kind: 'serverError', status: 502 }, { kind: 'reset' });
    clock.pin(new Date(t0.getTime() + 31_000));
    await drain();
    clock.pin(null);
    expect(t.service.deps.sync.list({ caseId, limit: 1 })[0]).toMatchObject({ status: 'delivered', attempts: 4 });
    expect(killb.users).toHaveLength(1);
  });

  it('data the seed says KillB refuses is not sent: a dead letter naming the field and the rule, with no value of the customer', async () => {
    // Valid here: a German national ID card and a Singapore mobile (E.164, 10 digits). Seed 001 takes
    // PASSPORT, DNI, DUI or CPF outside CO, MX and US, and a phone of 11 to 15 digits.
    const p = must(await t.service.call('profiles.createPerson', personInput({ phone: '+6591234567', document: { type: 'NATIONAL_ID', number: 'L01X00T47', issuedCountryCode: 'DE' } }), staff));
    const c = t.service.deps.cases.byProfileId(p.id)!;
    await submitted(c.id);
    must(await t.service.call('admin.kycUpdateStatus', { profileId: p.id, status: 2 }, officer));
    await drain();
    expect(killb.requests.filter((r) => r.path.startsWith('/api/v2/users'))).toHaveLength(0);
    const [dead] = must(await t.service.call('sync.deadLetters', {}, admin));
    expect(dead).toMatchObject({ caseId: c.id, status: 'dead', attempts: 1 });
    expect(dead!.lastError).toBe(
      'not sent, KillB would refuse it: data.document.type: KillB takes no NATIONAL_ID issued in DE (it takes PASSPORT, DNI, DUI, CPF; USER.0002); data.phone: KillB needs + and 11 to 15 digits (USER.0004)',
    );
    expect(dead!.lastError).not.toContain('L01X00T47');
    expect(dead!.lastError).not.toContain('6591234567');
  });

  it('a case reset before its KillB row went out is not sent; fixed and approved again, its dead letter goes out, audited as a retry', async () => {
    const p = must(await t.service.call('profiles.createPerson', personInput({ phone: '+6591234567' }), staff));
    const c = t.service.deps.cases.byProfileId(p.id)!;
    await submitted(c.id);
    must(await t.service.call('admin.kycUpdateStatus', { profileId: p.id, status: 2 }, officer));
    // Reset before the runner ran: the queued row must not reach KillB for a case under review.
    must(await t.service.call('cases.decide', { caseId: c.id, action: 'reset', internalComment: 'phone to check', expectedVersion: t.service.deps.cases.byId(c.id)!.version }, officer));
    await drain();
    expect(killb.requests.filter((r) => r.path.startsWith('/api/v2/users'))).toHaveLength(0);
    const row = () => t.service.deps.sync.outboxByKey(`killb:user:${p.id}`)!;
    expect(row()).toMatchObject({ status: 'dead', lastError: expect.stringContaining('not sent: the case is IN_REVIEW') });
    // The phone corrected under review, the case approved again: the same row goes out, once.
    must(await t.service.call('profiles.update', { id: p.id, patch: { phone: '+573001112233' }, reason: 'customer gave the full number' }, staff));
    must(await t.service.call('cases.decide', { caseId: c.id, action: 'approve', expectedVersion: t.service.deps.cases.byId(c.id)!.version }, officer));
    await drain();
    expect(row()).toMatchObject({ status: 'delivered' });
    expect(killb.users.map((u) => u.externalId)).toEqual([p.externalId]);
    const retried = t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'sync.retried'").all() as { body: string }[];
    expect(retried.map((r) => JSON.parse(r.body) as { note: string })).toMatchObject([{ note: 'sent again on approval' }]);
  });

  it("a company whose owner's KillB user was refused does not wait out the retry window: its dead letter says to resolve the owner", async () => {
    const owner = must(await t.service.call('profiles.createPerson', personInput({ phone: '+6591234567' }), staff));
    const ownerCase = t.service.deps.cases.byProfileId(owner.id)!;
    await submitted(ownerCase.id);
    await approve(ownerCase.id);
    const company = must(await t.service.call('profiles.createCompany', companyInput(owner.id), staff));
    await submitted(t.service.deps.cases.byProfileId(company.id)!.id);
    must(await t.service.call('admin.kycUpdateStatus', { profileId: company.id, status: 2 }, officer));
    await drain();
    expect(t.service.deps.sync.outboxByKey(`killb:user:${owner.id}`)).toMatchObject({ status: 'dead' });
    expect(t.service.deps.sync.outboxByKey(`killb:user:${company.id}`)).toMatchObject({ status: 'dead', lastError: expect.stringContaining("an owner's KillB user was refused or is not queued") });
    expect(killb.users).toHaveLength(0);
  });

  it('KillB refusing what only it can know (USER.0003: the email registered there by another system) is a dead letter an admin sees, retries or discards, audited', async () => {
    // Another system registered this customer's email at KillB first.
    const email = `shared.${Date.now()}@example.co`;
    const login = (await (await fetch(`${killb.url}/api/v2/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(killb.credentials) })).json()) as { accessToken: string };
    const other = await fetch(`${killb.url}/api/v2/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({ type: 'PERSON', externalId: 'other-system-1', data: { ...personInput({ email }), externalId: undefined } }),
    });
    expect(other.status).toBe(201);
    const p = must(await t.service.call('profiles.createPerson', personInput({ email }), staff));
    const c = t.service.deps.cases.byProfileId(p.id)!;
    await submitted(c.id);
    must(await t.service.call('admin.kycUpdateStatus', { profileId: p.id, status: 2 }, officer));
    await drain();
    expect(killb.users).toHaveLength(1);
    const dead = must(await t.service.call('sync.deadLetters', {}, admin));
    expect(dead).toMatchObject([{ caseId: c.id, status: 'dead', attempts: 1 }]);
    // KillB's code and the seed's meaning of it; never KillB's own message, which may quote the data.
    expect(dead[0]!.lastError).toBe('POST /api/v2/users: HTTP 409 USER.0003 (email already registered: use a different email)');
    // KillB refused one customer's data; the connection itself is fine.
    const health = t.service.deps.syncRuntime.runner.status().find((s) => s.id === 'killb')!;
    expect(health).toMatchObject({ breaker: 'closed', dead: 1 });
    expect(['idle', 'online']).toContain(health.state);
    // The reviewer sees it on the case.
    expect(must(await t.service.call('sync.caseState', { caseId: c.id }, officer)).outbox[0]).toMatchObject({ status: 'dead' });
    expect((await t.service.call('sync.retry', { id: dead[0]!.id, note: 'x' }, officer)).ok).toBe(false);
    const retried = must(await t.service.call('sync.retry', { id: dead[0]!.id, note: 'other system asked to release the email' }, admin));
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    await drain();
    const again = t.service.deps.sync.outboxById(dead[0]!.id)!;
    expect(again.status).toBe('dead');
    const discarded = must(await t.service.call('sync.discard', { id: again.id, note: 'customer withdrew' }, admin));
    expect(discarded.status).toBe('discarded');
    expect((await t.service.call('sync.discard', { id: again.id, note: 'twice' }, admin)).ok).toBe(false);
    const types = (t.service.deps.db.prepare("SELECT type FROM audit_events WHERE type LIKE 'sync.%' ORDER BY seq").all() as { type: string }[]).map((r) => r.type);
    expect(types).toEqual(['sync.configured', 'sync.dead_lettered', 'sync.retried', 'sync.dead_lettered', 'sync.discarded']);
  });

  it('a company is approved only after its owner, then goes to KillB after them with their KillB ids; an unapproved owner is never sent', async () => {
    const owner = must(await t.service.call('profiles.createPerson', personInput(), staff));
    const company = must(await t.service.call('profiles.createCompany', companyInput(owner.id), staff));
    const c = t.service.deps.cases.byProfileId(company.id)!;
    await submitted(c.id);
    // The owner's own application is not even started: the company's approval is refused and nothing is queued.
    const refused = await t.service.call('admin.kycUpdateStatus', { profileId: company.id, status: 2 }, officer);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: ErrorCode.OWNERS_NOT_APPROVED, message: expect.stringContaining('(NOT_STARTED)') });
    expect(t.service.deps.cases.byId(c.id)!.status).toBe('SUBMITTED');
    expect(t.service.deps.sync.list({ limit: 10 })).toHaveLength(0);
    // The owner's own approval sends the owner; the company's approval then sends the company.
    const ownerCase = t.service.deps.cases.byProfileId(owner.id)!;
    await submitted(ownerCase.id);
    await approve(ownerCase.id);
    await drain();
    expect(killb.users.map((u) => u.type)).toEqual(['PERSON']);
    must(await t.service.call('admin.kycUpdateStatus', { profileId: company.id, status: 2 }, officer));
    await drain();
    expect(killb.users.map((u) => u.type)).toEqual(['PERSON', 'COMPANY']);
    expect(killb.users[1]!.data.mainOwnerUser).toBe(killb.users[0]!.id);
    expect(t.service.deps.sync.link('killb', 'profile', owner.id)!.remoteId).toBe(killb.users[0]!.id);
  });

  it("a company approval imported from the central kycService sends only owners approved here; the company goes once the last owner is approved", async () => {
    const db = t.service.deps;
    const approvedOwner = must(await t.service.call('profiles.createPerson', personInput(), staff));
    const openOwner = must(await t.service.call('profiles.createPerson', personInput(), staff));
    await submitted(db.cases.byProfileId(approvedOwner.id)!.id);
    await approve(db.cases.byProfileId(approvedOwner.id)!.id);
    const company = must(await t.service.call('profiles.createCompany', { ...companyInput(approvedOwner.id), ownerUsers: [approvedOwner.id, openOwner.id] }, staff));
    const c = db.cases.byProfileId(company.id)!;
    await submitted(c.id);
    // As the central connector applies a status it imports: through the case workflow, as the remote.
    db.db.transaction(() => moveCase(db, db.cases.byId(c.id)!, 'APPROVED', { actor: { id: null, displayName: 'Central kycService' }, now: clock.now(), payload: { via: 'central' } }))();
    await drain();
    // The approved owner reaches KillB; the other is never sent, and the company does not wait out the retry window for them.
    expect(killb.users.map((u) => u.externalId)).toEqual([approvedOwner.externalId]);
    expect(db.sync.outboxByKey(`killb:user:${openOwner.id}`)).toBeUndefined();
    expect(db.sync.outboxByKey(`killb:user:${company.id}`)).toMatchObject({ status: 'dead', lastError: expect.stringContaining("an owner's KillB user was refused or is not queued") });
    // The other owner approved here: they go, and the company after them.
    await submitted(db.cases.byProfileId(openOwner.id)!.id);
    await approve(db.cases.byProfileId(openOwner.id)!.id);
    await drain();
    expect(killb.users.map((u) => u.externalId)).toEqual([approvedOwner.externalId, openOwner.externalId, company.externalId]);
    expect(killb.users[2]!.data.ownerUsers).toEqual([killb.users[0]!.id, killb.users[1]!.id]);
  });

  it('a remote that keeps failing opens the breaker: no calls until the cooldown, then one trial', async () => {
    for (let i = 0; i < 3; i++) await approve((await caseAt(t, staff, officer, 'IN_REVIEW')).caseId);
    killb.faults.enqueue('*', ...Array.from({ length: 30 }, () => ({ kind: 'serverError' as const, status: 503 as const })));
    const t0 = clock.now();
    clock.pin(t0);
    for (let i = 0; i < 8; i++) await drain();
    const status = t.service.deps.syncRuntime.runner.status().find((s) => s.id === 'killb')!;
    expect(status).toMatchObject({ state: 'offline', breaker: 'open', pending: 3 });
    const calls = killb.requests.length;
    await drain();
    expect(killb.requests.length).toBe(calls);
    // The remote recovers; after the cooldown one trial call closes the breaker again.
    killb.faults.clear();
    clock.pin(new Date(t0.getTime() + 31_000));
    await drain();
    clock.pin(null);
    expect(killb.users).toHaveLength(3);
    expect(t.service.deps.syncRuntime.runner.status().find((s) => s.id === 'killb')).toMatchObject({ state: 'online', breaker: 'closed', pending: 0, deliveredTotal: 3 });
  });

  it('an outage is waited out: a failing remote leaves the row pending past its attempts, a dead letter only after the retry window', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    await approve(caseId);
    killb.faults.enqueue('*', ...Array.from({ length: 60 }, () => ({ kind: 'serverError' as const, status: 503 as const })));
    const t0 = clock.now();
    let at = t0.getTime();
    // Each drain a breaker cooldown later, so every pass makes a call: well past the 8 attempts.
    const pass = async () => {
      at += 31_000;
      clock.pin(new Date(at));
      await drain();
    };
    for (let i = 0; i < 12; i++) await pass();
    const row = () => t.service.deps.sync.list({ caseId, connector: 'killb', limit: 10 })[0]!;
    expect(row().attempts).toBeGreaterThan(MAX_DELIVERY_ATTEMPTS);
    expect(row().status).toBe('pending');
    // Three days after its first failure, still failing: now it is a dead letter for an admin.
    const firstFailure = Date.parse(row().failingSince!);
    expect(firstFailure).toBe(t0.getTime() + 31_000);
    at = firstFailure + RETRY_WINDOW_MS - 31_000;
    await pass();
    expect(row().status).toBe('dead');
    // An admin's retry starts a new window: the row is not given up after its attempts alone.
    // (Three days on, the morning's sessions have idled out: the admin signs in again.)
    must(await t.service.call('sync.retry', { id: row().id, note: 'link restored, try again' }, await t.signInAs('admin')));
    expect(row()).toMatchObject({ status: 'pending', attempts: 0, failingSince: null });
    for (let i = 0; i < 10; i++) await pass();
    expect(row()).toMatchObject({ status: 'pending' });
    expect(row().attempts).toBeGreaterThan(MAX_DELIVERY_ATTEMPTS);
    clock.pin(null);
  });

  it('a row claimed by a process that died is delivered after restart, once', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    await approve(caseId);
    // What a SIGKILL mid-delivery leaves: the row claimed, the remote maybe done.
    const row = t.service.deps.sync.claimDue(['killb'], new Date().toISOString(), 10)[0]!;
    expect(row.status).toBe('delivering');
    t.service.deps.syncRuntime.runner.start();
    await drain();
    expect(t.service.deps.sync.outboxById(row.id)!.status).toBe('delivered');
    expect(killb.users).toHaveLength(1);
  });
});
