import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdjustableClock } from '../../electron/service/core/AdjustableClock';
import { newId } from '../../electron/service/core/newId';
import { CENTRAL_STATUS_EVENT, type CentralConnector } from '../../electron/service/sync/centralConnector';
import { centralLinkExtraSchema } from '../../shared/schemas/central';
import { companyInput, personInput } from '../helpers/profileFixtures';
import { openTempService, type TempService } from '../helpers/tempService';
import { startRestHarness, type RestHarness } from '../service/kycRestHarness';
import { startFaultProxy, type FaultProxy } from './faultProxy';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const demo = (f: string) => readFileSync(join(import.meta.dirname, '../../resources/demo', f));
const FRONT = demo('pe_100_pass-cze.jpg');
const BACK = demo('pe_53_id-d.jpg');
const ALL_STEPS = ['profile', 'documents', 'confirm', 'liveness', 'submit'];

/**
 * Branch → central over real HTTP: two real servers on 127.0.0.1. The central is this product's
 * own kycService REST API (a real service behind the real HTTP server); the branch is a service
 * whose central connector points at it, through a proxy that can drop connections and lose
 * answers. A case onboarded at the branch travels to the central, and its decision comes back.
 */
describe('sync: a branch forwards its cases to a central kycService and takes its decision back', () => {
  let central: RestHarness;
  let proxy: FaultProxy;
  let branch: TempService;
  let reopened: TempService | null;
  let clock: AdjustableClock;
  let admin: string;
  let staff: string;
  let officer: string;
  let centralOfficer: string;
  let branchToken: string;

  const options = () => ({ clock: clock.now, sync: { random: () => 0, pollIntervalMs: 60_000 } });

  beforeEach(async () => {
    central = await startRestHarness({ analysisWaitMs: 2000 });
    // The branch holds an intake token of the central: it onboards there, it does not review.
    branchToken = await central.apiToken('branch-bogota', 'branch_staff');
    centralOfficer = await central.apiToken('central-review', 'officer');
    proxy = await startFaultProxy(central.base);
    clock = new AdjustableClock();
    reopened = null;
    branch = openTempService(options());
    admin = await branch.signInAs('admin');
    staff = await branch.signInAs('branch_staff');
    officer = await branch.signInAs('officer');
    must(await branch.service.call('sync.configure', { id: 'central', enabled: true, config: { baseUrl: proxy.url }, secret: branchToken }, admin));
  });
  afterEach(async () => {
    const t = reopened ?? branch;
    await t.service.deps.syncRuntime.runner.stop();
    await proxy.close();
    await central.close();
    t.cleanup();
  });

  const svc = () => (reopened ?? branch).service;
  const drain = () => svc().deps.syncRuntime.runner.drain();
  const connector = () => svc().deps.syncRuntime.connector('central') as CentralConnector;
  /** One poll as the runner does it: the events into the inbox, then applied. */
  const poll = async () => {
    const settings = svc().deps.syncRuntime.runner.settings('central')!;
    const events = await connector().poll(settings);
    for (const e of events) svc().deps.sync.receive({ id: newId(), connector: 'central', eventId: e.eventId, kind: e.kind, payload: e.payload, now: clock.now().toISOString() });
    await drain();
    return events;
  };
  const onboard = async (overrides: Parameters<typeof personInput>[0] = {}) => {
    const p = must(await svc().call('profiles.createPerson', personInput(overrides), staff));
    const caseId = svc().deps.cases.byProfileId(p.id)!.id;
    must(await svc().call('cases.start', { id: caseId }, staff));
    must(await svc().call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.jpg', mimeType: 'image/jpeg', dataBase64: FRONT.toString('base64') }, staff));
    must(await svc().call('evidence.add', { caseId, kind: 'DOCUMENT_BACK', fileName: 'back.jpg', mimeType: 'image/jpeg', dataBase64: BACK.toString('base64') }, staff));
    must(await svc().call('cases.submit', { id: caseId }, staff));
    return { caseId, profileId: p.id, externalId: p.externalId };
  };
  const atCentral = (externalId: string) => {
    const d = central.t.service.deps;
    const profile = d.profiles.byExternalId(externalId);
    const c = profile ? d.cases.byProfileId(profile.id) : undefined;
    return { profile, case: c, evidence: c ? d.evidenceRows.forCase(c.id) : [] };
  };
  const centralProfiles = () => (central.t.service.deps.db.prepare('SELECT count(*) AS n FROM profiles').get() as { n: number }).n;
  const link = (caseId: string) => {
    const l = svc().deps.sync.link('central', 'case', caseId)!;
    return { ...l, extra: centralLinkExtraSchema.parse(l.extra) };
  };
  const decideAtCentral = (profileId: string, status: '2' | '-1') => central.post('/admin/kyc/update-status', { profileId, status, remark: 'checked at the central office' }, centralOfficer);
  const auditTypes = (type: string) => svc().deps.db.prepare('SELECT count(*) AS n FROM audit_events WHERE type = ?').get(type) as { n: number };

  it("sends each signed checkpoint of the branch's audit chain to the central, which keeps it and names a rewrite", async () => {
    // A checkpoint signed now (as at a report or every 1,000 events) is queued with it and delivered.
    const a1 = svc().deps.db.transaction(() => svc().deps.audit.checkpoint(clock.now().toISOString()))()!;
    await drain();
    const kept = central.t.service.deps.receivedAnchors.list();
    expect(kept).toEqual([expect.objectContaining({ keyId: a1.keyId, seq: a1.seq, head: a1.head, conflict: false })]);
    const [row] = svc().deps.sync.list({ connector: 'central', limit: 10 }).filter((r) => r.kind === 'central.anchor');
    expect(row).toMatchObject({ status: 'delivered', idempotencyKey: `central:anchor:${a1.keyId}:${a1.seq}`, remoteId: 'recorded' });

    // The branch's chain is rewritten and the same event signed again with another head: the
    // central keeps both and names the conflict in its own audit trail.
    const forged = svc().deps.keys.signer().anchor(a1.seq, 'f'.repeat(64), clock.now().toISOString());
    const r = await central.post<{ status: string }>('/admin/kyc/audit-anchors', { anchor: forged }, branchToken);
    expect(r).toMatchObject({ status: 200, data: { status: 'conflict' } });
    expect(central.t.service.deps.receivedAnchors.list().filter((x) => x.seq === a1.seq).map((x) => x.conflict)).toEqual([true, true]);
    const conflicts = central.t.service.deps.db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'audit.anchor_conflict'").get() as { n: number };
    expect(conflicts.n).toBe(1);
    // A signature that does not hold is refused with a coded error, and nothing is kept.
    const bad = await central.post('/admin/kyc/audit-anchors', { anchor: { ...a1, head: 'e'.repeat(64) } }, branchToken);
    expect(bad.status).toBe(400);
    expect(central.t.service.deps.receivedAnchors.list()).toHaveLength(2);
  });

  it('"Test connection" proves the token; a wrong token is reported, never shown', async () => {
    expect(must(await branch.service.call('sync.test', { id: 'central' }, admin))).toMatchObject({ ok: true });
    must(await branch.service.call('sync.configure', { id: 'central', enabled: true, config: { baseUrl: proxy.url }, secret: 'kyc_not-a-real-token' }, admin));
    const r = must(await branch.service.call('sync.test', { id: 'central' }, admin));
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('token') });
    expect(JSON.stringify(must(await branch.service.call('sync.connectors', {}, admin)))).not.toContain(branchToken);
  });

  it('submission queues the forward in its transaction; the case reaches the central once, with its documents; the approval comes back', async () => {
    const { caseId, externalId } = await onboard();
    const c = branch.service.deps.cases.byId(caseId)!;
    const queued = branch.service.deps.sync.list({ caseId, limit: 10 });
    expect(queued).toMatchObject([{ connector: 'central', kind: 'central.forward', status: 'pending' }]);
    // Queued at the very moment of the submission, naming the case and nothing personal.
    expect(queued[0]!.createdAt).toBe(c.submittedAt);
    expect(queued[0]!.payload).toEqual({ caseId, submittedAt: c.submittedAt });

    await drain();
    const there = atCentral(externalId);
    expect(centralProfiles()).toBe(1);
    expect(there.profile).toMatchObject({ type: 'PERSON', displayName: 'Valentina Restrepo' });
    expect(there.case!.status).toBe('SUBMITTED');
    const ours = branch.service.deps.evidenceRows.forCase(caseId);
    expect(there.evidence.map((e) => [e.kind, e.sha256])).toEqual(ours.map((e) => [e.kind, e.sha256]));
    const l = link(caseId);
    expect(l.remoteId).toBe(there.profile!.id);
    expect(l.extra).toMatchObject({ documentId: there.case!.documentId, done: ALL_STEPS });
    expect(branch.service.deps.sync.list({ caseId, limit: 10 })[0]).toMatchObject({ status: 'delivered', remoteId: there.profile!.id, attempts: 1 });
    expect(auditTypes('sync.central_step')).toEqual({ n: 5 });
    // The central's /submit went out once, and every call of this forward is audited there under the branch's token.
    expect(proxy.count('POST', '/kycService/submit')).toBe(1);

    // Not decided at the central yet: the poll records where it stands, the case stays here.
    await poll();
    expect(link(caseId).remoteStatus).toBe('SUBMITTED');
    expect(branch.service.deps.cases.byId(caseId)!.status).toBe('SUBMITTED');
    expect(await poll()).toEqual([]);

    const decided = await decideAtCentral(there.profile!.id, '2');
    expect(decided.code).toBe(0);
    expect(central.t.service.deps.cases.byId(there.case!.id)!.status).toBe('APPROVED');
    const events = await poll();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: CENTRAL_STATUS_EVENT, payload: { status: 'APPROVED', profileId: there.profile!.id } });
    expect(branch.service.deps.cases.byId(caseId)!.status).toBe('APPROVED');
    expect(link(caseId).remoteStatus).toBe('APPROVED');
    const moved = branch.service.deps.db
      .prepare("SELECT e.actor_name AS actor, p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'case.status_changed' AND e.case_id = ? ORDER BY e.seq DESC LIMIT 1")
      .get(caseId) as { actor: string; body: string };
    expect(moved.actor).toBe('central kycService');
    expect(JSON.parse(moved.body)).toMatchObject({ from: 'SUBMITTED', to: 'APPROVED', via: 'central' });
    // Approved by the central's review, not by this workstation's engine: never result 1.
    const item = must(await branch.service.call('admin.kycDetail', { profileId: branch.service.deps.cases.byId(caseId)!.profileId }, officer));
    expect(item.submitResult).toBe(2);
    // A decided case is polled no more.
    expect(await poll()).toEqual([]);
    expect(proxy.count('GET', `/status/${there.profile!.id}`)).toBeGreaterThan(0);
  });

  it('a kycService applicant goes as {userId, country} with its confirmed fields and userModified; a central rejection comes back', async () => {
    const sub = must(await branch.service.call('kycApi.submit', { userId: 'user_10001', country: 'CZ' }, staff));
    const caseId = sub.case.id;
    must(await branch.service.call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.jpg', mimeType: 'image/jpeg', dataBase64: FRONT.toString('base64') }, staff));
    must(await branch.service.call('kycApi.documentMetadata', { caseId, docType: 'PASSPORT', issueCountry: 'CZ' }, staff));
    must(await branch.service.call('kycApi.confirmDocument', { caseId, name: 'Alex Tan', idNumber: 'E12345678', birthDate: '1990-01-01', nationality: 'CZE', userModified: true }, staff));
    must(await branch.service.call('cases.submit', { id: caseId }, staff));
    await drain();
    const there = atCentral('user_10001');
    expect(there.profile?.type).toBe('PERSON');
    const data = there.profile!.data as Record<string, unknown>;
    expect(data).toMatchObject({ stage: 'APPLICANT', country: 'CZ', firstName: 'Alex', lastName: 'Tan', dateOfBirth: '1990-01-01', nationality: 'CZ', document: { type: 'PASSPORT', number: 'E12345678', issuedCountryCode: 'CZ' } });
    expect(there.case).toMatchObject({ status: 'SUBMITTED', userModified: true });
    expect(there.evidence.map((e) => e.kind)).toEqual(['DOCUMENT_FRONT']);

    expect((await decideAtCentral(there.profile!.id, '-1')).code).toBe(0);
    await poll();
    expect(branch.service.deps.cases.byId(caseId)!.status).toBe('REJECTED');
  });

  it("the branch's liveness result reaches the central as a provider callback (clips are not replayed), once", async () => {
    const p = must(await branch.service.call('profiles.createPerson', personInput(), staff));
    const caseId = branch.service.deps.cases.byProfileId(p.id)!.id;
    must(await branch.service.call('cases.start', { id: caseId }, staff));
    must(await branch.service.call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.jpg', mimeType: 'image/jpeg', dataBase64: FRONT.toString('base64') }, staff));
    const session = must(await branch.service.call('liveness.start', { caseId }, staff));
    // The verdict as the engine would leave it (the engine itself is covered by the liveness suites).
    branch.service.deps.liveness.complete(session.id, 'PASSED', { actions: [], passedActions: 3, requiredActions: 3, confidence: 0.912 }, clock.now().toISOString());
    must(await branch.service.call('cases.submit', { id: caseId }, staff));
    // The callback's answer is lost once: the central keeps the result once all the same.
    proxy.enqueue('/callback/liveness', { kind: 'loseResponse' });
    await drain();
    const there = atCentral(p.externalId);
    const remote = central.t.service.deps.remoteLiveness.forCase(there.case!.id);
    expect(remote).toMatchObject([{ sessionId: session.id, result: 'success', verdict: 'PASSED', confidence: 91.2 }]);
    expect(proxy.count('POST', '/callback/liveness')).toBe(2);
    expect(proxy.count('POST', '/liveness/start')).toBe(0);
    expect(there.case!.status).toBe('SUBMITTED');
  });

  it('answers lost after the central committed: each retry links or skips what is there, never a second profile or file', async () => {
    proxy.enqueue('/kycService/submit', { kind: 'loseResponse' });
    proxy.enqueue('/document/upload', { kind: 'loseResponse' });
    proxy.enqueue('/document/confirm', { kind: 'loseResponse' });
    proxy.enqueue('/document/submit', { kind: 'loseResponse' });
    const { caseId, externalId } = await onboard();
    await drain();
    const row = branch.service.deps.sync.list({ caseId, limit: 1 })[0]!;
    expect(row).toMatchObject({ status: 'delivered', attempts: 5 });
    // Each step's request reached the central exactly as often as the faults forced, no more.
    expect([proxy.count('POST', '/kycService/submit'), proxy.count('POST', '/document/upload'), proxy.count('POST', '/document/submit')]).toEqual([2, 1, 2]);
    expect(centralProfiles()).toBe(1);
    const there = atCentral(externalId);
    expect(there.evidence.map((e) => e.kind)).toEqual(['DOCUMENT_FRONT', 'DOCUMENT_BACK']);
    expect(there.case!.status).toBe('SUBMITTED');
    const l = link(caseId);
    expect(l.remoteId).toBe(there.profile!.id);
    expect(l.extra.done).toEqual(ALL_STEPS);
    // The profile was found through USER.0001, and that is on record.
    const step = branch.service.deps.db
      .prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'sync.central_step' AND e.case_id = ? ORDER BY e.seq LIMIT 1")
      .get(caseId) as { body: string };
    expect(JSON.parse(step.body)).toMatchObject({ step: 'profile', adopted: true, remoteId: there.profile!.id });
  });

  it('the central goes down mid-way and the branch restarts: the forward resumes after its last step, once', async () => {
    const { caseId, externalId } = await onboard();
    // One pass: the profile goes through, then the upload's connection drops.
    proxy.enqueue('/document/upload', { kind: 'reset' });
    await branch.service.deps.syncRuntime.runner.drain(1);
    let row = branch.service.deps.sync.list({ caseId, limit: 1 })[0]!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('connection failed');
    expect(link(caseId).extra.done).toEqual(['profile']);
    // Then the central is unreachable for a while: the row waits, its progress kept.
    proxy.setDown(true);
    await branch.service.deps.syncRuntime.runner.drain(3);
    row = branch.service.deps.sync.list({ caseId, limit: 1 })[0]!;
    expect(row).toMatchObject({ status: 'pending', attempts: 4 });
    expect(link(caseId).extra.done).toEqual(['profile']);
    expect(branch.service.deps.syncRuntime.runner.status().find((s) => s.id === 'central')).toMatchObject({ pending: 1, state: 'degraded' });

    // The branch dies while a delivery is claimed and starts again on the same store; the central is back.
    branch.service.deps.sync.claimDue(['central'], clock.now().toISOString(), 10);
    await branch.service.deps.syncRuntime.runner.stop();
    branch.service.close();
    reopened = openTempService({ ...options(), dataDir: branch.dataDir });
    proxy.setDown(false);
    // Start re-queues the claimed row: delivery is at-least-once, and every step is safe to repeat.
    reopened.service.deps.syncRuntime.runner.start();
    await drain();
    expect(reopened.service.deps.sync.list({ caseId, limit: 1 })[0]).toMatchObject({ status: 'delivered', lastError: null });
    expect(proxy.count('POST', '/kycService/submit')).toBe(1);
    expect(proxy.count('POST', '/document/upload')).toBe(1);
    expect(centralProfiles()).toBe(1);
    expect(atCentral(externalId).evidence).toHaveLength(2);
    expect(link(caseId).extra.done).toEqual(ALL_STEPS);
  });

  it('a refusal is a dead letter naming the central error code; after an admin retry the forward completes', async () => {
    // The central already holds a person with this email under another id: USER.0003.
    const email = 'shared.person@example.co';
    expect((await central.post('/api/web/kycService/submit', personInput({ email }), branchToken)).code).toBe(0);
    const { caseId } = await onboard({ email });
    await drain();
    const dead = must(await branch.service.call('sync.deadLetters', {}, admin));
    expect(dead).toMatchObject([{ caseId, connector: 'central', status: 'dead', attempts: 1 }]);
    expect(dead[0]!.lastError).toContain('USER.0003');
    expect(dead[0]!.lastError).not.toContain(email);
    expect(branch.service.deps.sync.link('central', 'case', caseId)).toBeUndefined();
    // The central sorts it out (the other profile's email changes); the admin retries.
    const other = central.t.service.deps.db.prepare('SELECT id FROM profiles WHERE email = ?').get(email) as { id: string } | undefined;
    expect(other).toBeDefined();
    central.t.service.deps.db.prepare("UPDATE profiles SET email = 'moved@example.co', data = json_set(data, '$.email', 'moved@example.co') WHERE id = ?").run(other!.id);
    must(await branch.service.call('sync.retry', { id: dead[0]!.id, note: 'duplicate email resolved at the central' }, admin));
    await drain();
    expect(branch.service.deps.sync.outboxById(dead[0]!.id)).toMatchObject({ status: 'delivered', lastError: null });
    expect(centralProfiles()).toBe(2);
  });

  it('a local final decision is never overwritten; an older central state is ignored; both audited', async () => {
    const { caseId, profileId } = await onboard();
    await drain();
    const remoteId = link(caseId).remoteId;
    // Decided here first: rejected by a local officer.
    must(await branch.service.call('admin.kycUpdateStatus', { profileId, status: -1, remark: 'document tampered' }, officer));
    expect(branch.service.deps.cases.byId(caseId)!.status).toBe('REJECTED');
    expect((await decideAtCentral(remoteId, '2')).code).toBe(0);
    await poll();
    expect(branch.service.deps.cases.byId(caseId)!.status).toBe('REJECTED');
    expect(link(caseId).remoteStatus).toBe('APPROVED');
    const ignored = branch.service.deps.db
      .prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'sync.event_ignored' AND e.case_id = ?")
      .all(caseId) as { body: string }[];
    expect(ignored.map((r) => JSON.parse(r.body))).toMatchObject([{ connector: 'central', remoteStatus: 'APPROVED', localStatus: 'REJECTED', conflict: true }]);

    // An event older than the state applied (a delayed or replayed poll) changes nothing.
    const applied = link(caseId).remoteUpdatedAt!;
    const older = new Date(Date.parse(applied) - 60_000).toISOString();
    svc().deps.sync.receive({ id: newId(), connector: 'central', eventId: `${remoteId}:UNDER_REVIEW:${older}`, kind: CENTRAL_STATUS_EVENT, payload: { caseId, profileId: remoteId, status: 'UNDER_REVIEW', reviewStatus: 0, remoteAt: older }, now: clock.now().toISOString() });
    await drain();
    expect(link(caseId)).toMatchObject({ remoteStatus: 'APPROVED', remoteUpdatedAt: applied });
    expect(auditTypes('sync.event_ignored')).toEqual({ n: 2 });
  });

  it('an event naming another case for a linked central profile is not applied', async () => {
    const { caseId } = await onboard();
    await drain();
    const remoteId = link(caseId).remoteId;
    // An event naming another case for this profile is not applied to either.
    svc().deps.sync.receive({ id: newId(), connector: 'central', eventId: 'forged', kind: CENTRAL_STATUS_EVENT, payload: { caseId: 'another-case', profileId: remoteId, status: 'APPROVED', reviewStatus: 2, remoteAt: clock.now().toISOString() }, now: clock.now().toISOString() });
    await drain();
    expect(branch.service.deps.cases.byId(caseId)!.status).toBe('SUBMITTED');
    expect(svc().deps.db.prepare("SELECT status FROM sync_inbox WHERE event_id = 'forged'").get()).toEqual({ status: 'ignored' });
  });

  it('a company goes after its owner, naming the owner by its central profile id', async () => {
    const owner = must(await branch.service.call('profiles.createPerson', personInput(), staff));
    const company = must(await branch.service.call('profiles.createCompany', companyInput(owner.id), staff));
    const caseId = branch.service.deps.cases.byProfileId(company.id)!.id;
    must(await branch.service.call('cases.start', { id: caseId }, staff));
    must(await branch.service.call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.jpg', mimeType: 'image/jpeg', dataBase64: FRONT.toString('base64') }, staff));
    must(await branch.service.call('cases.submit', { id: caseId }, staff));
    await drain();
    const ownerThere = atCentral(owner.externalId).profile!;
    const companyThere = atCentral(company.externalId);
    expect(companyThere.profile?.type).toBe('COMPANY');
    expect((companyThere.profile!.data as { mainOwnerUser?: string }).mainOwnerUser).toBe(ownerThere.id);
    expect(companyThere.case!.status).toBe('SUBMITTED');
    expect(branch.service.deps.sync.link('central', 'profile', owner.id)!.remoteId).toBe(ownerThere.id);
    expect(centralProfiles()).toBe(2);
  });

  it('the started runner does it all by itself: forward on submit, decision on its poll', async () => {
    await branch.service.deps.syncRuntime.runner.stop();
    branch.service.close();
    reopened = openTempService({ clock: clock.now, dataDir: branch.dataDir, sync: { random: () => 0, pollIntervalMs: 0 } });
    const runner = reopened.service.deps.syncRuntime.runner;
    runner.start();
    const { caseId, externalId } = await onboard();
    await vi.waitFor(() => expect(reopened!.service.deps.sync.list({ caseId, limit: 1 })[0]!.status).toBe('delivered'), { timeout: 10_000, interval: 50 });
    expect((await decideAtCentral(atCentral(externalId).profile!.id, '2')).code).toBe(0);
    runner.wake();
    await vi.waitFor(() => expect(reopened!.service.deps.cases.byId(caseId)!.status).toBe('APPROVED'), { timeout: 10_000, interval: 50 });
  });

  it('with the connector off, a submission queues nothing', async () => {
    must(await branch.service.call('sync.configure', { id: 'central', enabled: false, config: { baseUrl: proxy.url } }, admin));
    const { caseId } = await onboard();
    expect(branch.service.deps.sync.list({ caseId, limit: 10 })).toEqual([]);
  });
});
