import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../electron/service/core/AdjustableClock';
import type { Logger } from '../../electron/service/core/Logger';
import { createHttpServer } from '../../electron/service/server/httpServer';
import { DIDIT_WEBHOOK_PATH } from '../../electron/service/server/diditWebhook';
import { ErrorCode } from '../../shared/errorCodes';
import { caseAt, TINY_PNG } from '../helpers/caseSetup';
import { pdfText } from '../helpers/pdfText';
import { errorIsHistory } from '../../renderer/src/sync/errorIsHistory';
import { companyInput, personInput } from '../helpers/profileFixtures';
import { openTempService, type TempService } from '../helpers/tempService';
import { startFakeDidit, type FakeDidit, type SendWebhookOptions } from '../fakes/fakeDidit';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const API_KEY = 'didit-test-api-key-4a7f';
const WEBHOOK_SECRET = 'didit-test-webhook-secret-91c3';
const CALLBACK = 'https://bank.example/kyc/done';

/**
 * The Didit connector over real HTTP against the Didit fake (seed 003): the policy as a workflow,
 * a session per case created exactly once, decisions by signed webhook and by polling into the
 * inbox and onto the case (never backwards), the officer's outcome back as one update-status,
 * blocklisting, and the PDF report as evidence.
 */
describe('sync: Didit sessions, decisions and outcomes', () => {
  let t: TempService;
  let didit: FakeDidit;
  let server: Server;
  let clock: AdjustableClock;
  /** The fake's clock: its webhooks stamp `created_at` from it, so a test orders states by moving it. */
  let fakeNow: number;
  let logLines: string[];
  let admin: string;
  let staff: string;
  let officer: string;

  beforeEach(async () => {
    fakeNow = Date.now();
    didit = await startFakeDidit({ apiKeys: [API_KEY], webhookSecret: WEBHOOK_SECRET, now: () => fakeNow });
    clock = new AdjustableClock();
    logLines = [];
    const capture = (level: string) => (event: string, fields?: Record<string, unknown>) => void logLines.push(JSON.stringify({ level, event, ...fields }));
    const log: Logger = { info: capture('info'), warn: capture('warn'), error: capture('error') };
    // Backoff draws 0: a retry is due at once. Polls only when a test moves the clock a minute on.
    t = openTempService({ clock: clock.now, log, sync: { random: () => 0, pollIntervalMs: 60_000 } });
    server = createHttpServer(t.service);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    didit.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}${DIDIT_WEBHOOK_PATH}`);
    admin = await t.signInAs('admin');
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    must(await t.service.call('sync.configure', { id: 'didit', enabled: true, config: { baseUrl: didit.url, callbackUrl: CALLBACK }, secret: API_KEY, webhookSecret: WEBHOOK_SECRET }, admin));
  });
  afterEach(async () => {
    clock.pin(null);
    await t.service.deps.syncRuntime.runner.stop();
    await new Promise((r) => server.close(r));
    await didit.close();
    t.cleanup();
    expect(didit.internalErrors).toEqual([]);
  });

  const drain = () => t.service.deps.syncRuntime.runner.drain();
  /** Runs the analyses queued so far with the real engine (a held Didit approval waits on one), then the effects they queued. */
  const analysed = async () => {
    await t.service.startAnalysis();
    await t.service.deps.engine!.runner.idle();
    await drain();
  };
  const tick = (seconds: number) => (fakeNow += seconds * 1000);
  const statusOf = (caseId: string) => t.service.deps.cases.byId(caseId)!.status;
  const webhook = (sid: string, o: SendWebhookOptions = {}) => didit.sendWebhook(sid, { retryDelayMs: 1, ...o });
  const count = (sql: string, ...args: unknown[]) => (t.service.deps.db.prepare(sql).get(...args) as { n: number }).n;
  const outboxOf = (caseId: string, kind: string) => t.service.deps.sync.list({ caseId, limit: 100 }).filter((r) => r.kind === kind);
  const auditTypesAll = () => (t.service.deps.db.prepare('SELECT type FROM audit_events ORDER BY seq').all() as { type: string }[]).map((r) => r.type);
  const auditTypes = (caseId: string) => (t.service.deps.db.prepare('SELECT type FROM audit_events WHERE case_id = ? ORDER BY seq').all(caseId) as { type: string }[]).map((r) => r.type);

  /** A case at NOT_STARTED with its Didit session created (as branch staff would open it). */
  async function linkedCase(): Promise<{ caseId: string; sid: string }> {
    const { caseId } = await caseAt(t, staff, officer, 'NOT_STARTED');
    expect(must(await t.service.call('sync.diditSession', { caseId }, staff))).toMatchObject({ state: 'queued', sessionId: null, url: null });
    await drain();
    const state = must(await t.service.call('sync.diditSession', { caseId }, staff));
    expect(state.state).toBe('linked');
    return { caseId, sid: state.sessionId! };
  }

  /** Didit approves the session (by signed webhook) and the engine's analysis lets the approval take effect. */
  async function approvedByDidit(sid: string): Promise<void> {
    tick(10);
    didit.setDecision(sid, { status: 'Approved' });
    await webhook(sid);
    await drain();
    await analysed();
  }

  /** A linked case that Didit put In Review (the customer finished; Didit wants a human). */
  async function inReview(): Promise<{ caseId: string; sid: string }> {
    const l = await linkedCase();
    tick(10);
    didit.setDecision(l.sid, { status: 'In Review' });
    expect((await webhook(l.sid))[0]!.attempts.at(-1)!.status).toBe(200);
    await drain();
    expect(statusOf(l.caseId)).toBe('IN_REVIEW');
    return l;
  }

  it('pushes the policy as a workflow once, finding a create whose answer was lost; a new policy version is a new workflow', async () => {
    didit.faults.enqueue('createWorkflow', { kind: 'commitThenLose' });
    await drain();
    expect(didit.workflows).toHaveLength(1);
    const policy = must(await t.service.call('policy.get', {}, admin));
    expect(didit.workflows[0]).toMatchObject({
      workflow_label: 'KYC workstation policy v1',
      workflow_type: 'kyc',
      settings: {
        is_liveness_enabled: policy.body.checks.liveness,
        is_face_match_enabled: policy.body.is_face_match_enabled,
        face_match_score_decline_threshold: policy.body.face_match_score_decline_threshold,
        max_retry_attempts: policy.body.max_retry_attempts,
        is_aml_enabled: policy.body.aml.enabled,
        aml_decline_threshold: policy.body.aml.declineThreshold,
      },
    });
    const [row] = t.service.deps.sync.list({ connector: 'didit', limit: 10 });
    expect(row).toMatchObject({ kind: 'didit.pushWorkflow', idempotencyKey: 'didit:workflow:v1', status: 'delivered', attempts: 2, remoteId: didit.workflows[0]!.uuid });
    const view = async () => must(await t.service.call('sync.connectors', {}, admin));
    expect((await view()).find((v) => v.id === 'didit')!.config).toMatchObject({ workflowId: didit.workflows[0]!.uuid, workflowPolicyVersion: 1 });

    const threshold = Math.max(0, policy.body.face_match_score_decline_threshold - 5);
    must(await t.service.call('policy.update', { body: { ...policy.body, face_match_score_decline_threshold: threshold }, note: 'stricter face match' }, admin));
    await drain();
    expect(didit.workflows).toHaveLength(2);
    expect(didit.workflows[1]).toMatchObject({ workflow_label: 'KYC workstation policy v2', settings: { face_match_score_decline_threshold: threshold } });
    expect((await view()).find((v) => v.id === 'didit')!.config).toMatchObject({ workflowId: didit.workflows[1]!.uuid, workflowPolicyVersion: 2 });

    // The admin saves the page again without the connector's fields: the pushed workflow stays, nothing is pushed again.
    must(await t.service.call('sync.configure', { id: 'didit', enabled: true, config: { baseUrl: didit.url, callbackUrl: CALLBACK } }, admin));
    await drain();
    expect(didit.workflows).toHaveLength(2);
    expect((await view()).find((v) => v.id === 'didit')!.config).toMatchObject({ workflowId: didit.workflows[1]!.uuid });
    expect(must(await t.service.call('sync.test', { id: 'didit' }, admin))).toEqual({ ok: true, message: 'Didit accepted the API key' });
  });

  it('an API key the admin corrects sends again what Didit refused for the wrong one; nothing stays a dead letter', async () => {
    must(await t.service.call('sync.configure', { id: 'didit', enabled: true, config: { baseUrl: didit.url, callbackUrl: CALLBACK }, secret: 'not-the-api-key' }, admin));
    await drain();
    expect(t.service.deps.sync.list({ connector: 'didit', limit: 10 })).toMatchObject([{ kind: 'didit.pushWorkflow', status: 'dead', lastError: 'GET /v3/workflows/: HTTP 401' }]);
    expect(didit.workflows).toHaveLength(0);
    // The admin enters the right key: the refused push goes again (the same row, its key unchanged), audited as a retry.
    must(await t.service.call('sync.configure', { id: 'didit', enabled: true, config: { baseUrl: didit.url, callbackUrl: CALLBACK }, secret: API_KEY }, admin));
    await drain();
    expect(t.service.deps.sync.list({ connector: 'didit', limit: 10 })).toMatchObject([{ kind: 'didit.pushWorkflow', status: 'delivered' }]);
    expect(didit.workflows).toHaveLength(1);
    expect(auditTypesAll().filter((x) => x === 'sync.retried')).toHaveLength(1);
    const status = must(await t.service.call('sync.status', {}, admin)).connectors.find((c) => c.id === 'didit')!;
    expect(status).toMatchObject({ state: 'online', dead: 0, lastError: 'GET /v3/workflows/: HTTP 401' });
    // The page shows that error as history: a delivery succeeded after it.
    expect(errorIsHistory(status)).toBe(true);
    expect(errorIsHistory({ lastErrorAt: status.lastSuccessAt, lastSuccessAt: status.lastErrorAt })).toBe(false);
  });

  it('creates one session per case even when the answer is lost, with the profile as expected details; branch staff get its url', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'NOT_STARTED');
    const c = t.service.deps.cases.byId(caseId)!;
    const profile = must(await t.service.call('profiles.get', { id: c.profileId }, staff));
    expect(must(await t.service.call('sync.diditSession', { caseId }, staff))).toEqual({ caseId, state: 'queued', sessionId: null, url: null, status: null, error: null });
    didit.faults.enqueue('createSession', { kind: 'commitThenLose' });
    await drain();
    expect(didit.sessions).toHaveLength(1);
    const s = didit.sessions[0]!;
    expect(s).toMatchObject({ vendor_data: caseId, callback: CALLBACK, workflow_id: didit.workflows[0]!.uuid, expected_details: { first_name: 'Valentina', last_name: 'Restrepo', date_of_birth: '1990-04-12' } });
    expect(s.contact_details).toEqual({ email: profile.type === 'PERSON' && 'email' in profile.data ? profile.data.email : 'missing', phone: '+573001234567' });
    // The retry looked the session up by vendor_data instead of creating a second one.
    expect(didit.requests.filter((r) => r.route === 'listSessions')).toHaveLength(1);
    expect(outboxOf(caseId, 'didit.createSession')).toMatchObject([{ status: 'delivered', attempts: 2, remoteId: s.session_id, idempotencyKey: `didit:session:${caseId}` }]);
    expect(must(await t.service.call('sync.diditSession', { caseId }, staff))).toEqual({ caseId, state: 'linked', sessionId: s.session_id, url: s.url, status: 'Not Started', error: null });
    // Asking again answers the same session, never a second one.
    must(await t.service.call('sync.diditSession', { caseId }, staff));
    await drain();
    expect(didit.sessions).toHaveLength(1);
    expect(outboxOf(caseId, 'didit.createSession')).toHaveLength(1);
    expect(must(await t.service.call('sync.caseState', { caseId }, officer)).didit).toMatchObject({ sessionId: s.session_id, url: s.url, status: 'Not Started', result: null });

    // Didit verifies people: a company's case is refused, nothing queued.
    const owner = must(await t.service.call('profiles.createPerson', personInput(), staff));
    const company = must(await t.service.call('profiles.createCompany', companyInput(owner.id), staff));
    const companyCase = t.service.deps.cases.byProfileId(company.id)!.id;
    const refused = await t.service.call('sync.diditSession', { caseId: companyCase }, staff);
    expect(refused.ok ? null : refused.error.code).toBe(ErrorCode.INVALID_INPUT);
    expect(outboxOf(companyCase, 'didit.createSession')).toHaveLength(0);
  });

  it('a session found after a lost create answer, already decided at Didit, is still imported (found by the fault soak)', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'NOT_STARTED');
    must(await t.service.call('sync.diditSession', { caseId }, staff));
    // The create lands at Didit but its answer is lost; the lookup that follows is told to come back in a minute.
    didit.faults.enqueue('createSession', { kind: 'commitThenLose' });
    didit.faults.enqueue('listSessions', { kind: 'serverError', status: 503, retryAfterSeconds: 60 });
    await drain();
    expect(didit.sessions).toHaveLength(1);
    expect(outboxOf(caseId, 'didit.createSession')).toMatchObject([{ status: 'pending' }]);
    // Meanwhile the customer finishes and Didit wants a human; its webhook went nowhere.
    const sid = didit.sessions[0]!.session_id;
    tick(10);
    didit.setDecision(sid, { status: 'In Review' });
    const t0 = Date.now();
    clock.pin(new Date(t0 + 61_000));
    await drain();
    expect(outboxOf(caseId, 'didit.createSession')).toMatchObject([{ status: 'delivered', remoteId: sid }]);
    expect(didit.sessions).toHaveLength(1);
    // The next poll.
    clock.pin(new Date(t0 + 122_000));
    await drain();
    // The link does not claim a state it never applied: polling fetched the decision and the case moved.
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    expect(t.service.deps.sync.link('didit', 'case', caseId)).toMatchObject({ remoteId: sid, remoteStatus: 'In Review' });
  });

  it('takes a signed webhook into the case; a wrong, tampered, missing or stale signature is refused with 401 and nothing stored', async () => {
    const { caseId, sid } = await linkedCase();
    tick(10);
    didit.setDecision(sid, { status: 'Approved' });
    for (const signature of ['wrongSecret', 'tamperedBody', 'missing', 'staleTimestamp'] as const) {
      const [d] = await webhook(sid, { signature, maxAttempts: 1 });
      expect(d!.attempts.map((a) => a.status), signature).toEqual([401]);
    }
    expect(count('SELECT count(*) AS n FROM sync_inbox')).toBe(0);
    await drain();
    expect(statusOf(caseId)).toBe('NOT_STARTED');
    expect(logLines.filter((l) => l.includes('sync.webhook_refused'))).toHaveLength(4);

    const [ok] = await webhook(sid);
    expect(ok!.attempts.map((a) => a.status)).toEqual([200]);
    expect(count("SELECT count(*) AS n FROM sync_inbox WHERE status = 'pending'")).toBe(1);
    await drain();
    // Didit's approval waits in review for the engine's analysis of what is on file (no images came with it).
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    expect(t.service.deps.jobs.forCase(caseId).map((j) => [j.status, j.lane])).toEqual([['queued', 'background']]);
    await analysed();
    expect(statusOf(caseId)).toBe('APPROVED');
    const steps = (t.service.deps.db.prepare("SELECT e.actor_name AS actor, p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.case_id = ? AND e.type = 'case.status_changed' ORDER BY e.seq").all(caseId) as { actor: string; body: string }[]).map((r) => ({ actor: r.actor, ...(JSON.parse(r.body) as { from: string; to: string }) }));
    expect(steps.map((s) => [s.actor, s.from, s.to])).toEqual([
      ['sync', 'NOT_STARTED', 'IN_PROGRESS'],
      ['sync', 'IN_PROGRESS', 'SUBMITTED'],
      ['sync', 'SUBMITTED', 'IN_REVIEW'],
      ['sync', 'IN_REVIEW', 'APPROVED'],
    ]);
    const approval = (t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.case_id = ? AND e.type = 'sync.didit_approval' ORDER BY e.seq").all(caseId) as { body: string }[]).map((r) => JSON.parse(r.body) as { outcome: string; objections?: string[] });
    expect(approval.map((a) => a.outcome)).toEqual(['held', 'confirmed']);
    expect(approval[1]!.objections).toEqual([]);
    expect(must(await t.service.call('sync.caseState', { caseId }, officer)).didit!.approval).toBeNull();
    const state = must(await t.service.call('sync.caseState', { caseId }, officer));
    expect(state.didit).toMatchObject({ sessionId: sid, status: 'Approved' });
    expect(state.didit!.result).toMatchObject({
      sessionId: sid,
      status: 'Approved',
      // The shipped policy screens (aml.enabled), so its Didit workflow has AML on too.
      features: ['ID_VERIFICATION', 'LIVENESS', 'FACE_MATCH', 'AML'],
      idVerifications: [{ firstName: 'John', lastName: 'Doe', dateOfBirth: '1990-01-15', documentNumber: 'ABC123456', documentType: 'PASSPORT', issuingCountry: 'USA' }],
      liveness: [{ status: 'Approved', score: 96.2 }],
      faceMatches: [{ status: 'Approved', score: 91.37 }],
    });
    // The expected details differ from the document (Valentina vs John): Didit's warnings come along, codes only in the audit.
    expect(state.didit!.result!.warnings.map((w) => w.risk)).toEqual(expect.arrayContaining(['FIRST_NAME_MISMATCH', 'LAST_NAME_MISMATCH']));
    const resultAudit = t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'sync.didit_result'").all() as { body: string }[];
    expect(resultAudit).toHaveLength(1);
    expect(resultAudit[0]!.body).toContain('96.2');
    expect(resultAudit[0]!.body).not.toMatch(/John|Doe|ABC123456|Valentina/);
    // The inbox keeps what the event was, not the personal data it carried.
    const inbox = t.service.deps.db.prepare('SELECT status, payload FROM sync_inbox').all() as { status: string; payload: string }[];
    expect(inbox.map((r) => r.status)).toEqual(['applied']);
    expect(inbox[0]!.payload).not.toMatch(/John|ABC123456/);
    expect(auditTypes(caseId)).toContain('sync.applied');
  });

  it('duplicate and reordered webhooks: each state is stored once, and an older one never moves the case back', async () => {
    const { caseId, sid } = await linkedCase();
    tick(10);
    didit.setStatus(sid, 'In Progress');
    tick(10);
    didit.setDecision(sid, { status: 'In Review' });
    // Newest first, every copy three times, all at once.
    const sent = await webhook(sid, { events: 'all', order: 'reverse', duplicate: 2, concurrent: true });
    expect(sent).toHaveLength(9);
    expect(sent.every((d) => d.attempts.at(-1)!.status === 200)).toBe(true);
    expect(count('SELECT count(*) AS n FROM sync_inbox')).toBe(3);
    await drain();
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    // In Progress and Not Started arrived after In Review, older: recorded as ignored, the case untouched by them.
    expect(count("SELECT count(*) AS n FROM sync_inbox WHERE status = 'applied'")).toBe(1);
    expect(auditTypes(caseId).filter((x) => x === 'sync.event_ignored')).toHaveLength(2);
    expect(auditTypes(caseId).filter((x) => x === 'case.status_changed')).toHaveLength(3);
    expect(t.service.deps.sync.link('didit', 'case', caseId)).toMatchObject({ remoteStatus: 'In Review' });

    await approvedByDidit(sid);
    expect(statusOf(caseId)).toBe('APPROVED');
    // The whole history again, shuffled: every state is a replay, nothing changes.
    await webhook(sid, { events: 'all', order: 'shuffle' });
    await drain();
    expect(count('SELECT count(*) AS n FROM sync_inbox')).toBe(4);
    expect(statusOf(caseId)).toBe('APPROVED');
    expect(t.service.deps.sync.link('didit', 'case', caseId)).toMatchObject({ remoteStatus: 'Approved' });
  });

  it('polls sessions that are not final, imports a change, and stops polling a final one', async () => {
    const { caseId, sid } = await linkedCase();
    const polls = () => didit.requests.filter((r) => r.route === 'getDecision' && r.path.includes(sid)).length;
    const t0 = Date.now();
    didit.setStatus(sid, 'In Progress');
    clock.pin(new Date(t0 + 61_000));
    await drain();
    expect(polls()).toBe(1);
    expect(statusOf(caseId)).toBe('IN_PROGRESS');
    // Unchanged at the next poll: asked again, nothing new stored.
    clock.pin(new Date(t0 + 122_000));
    await drain();
    expect(polls()).toBe(2);
    expect(count("SELECT count(*) AS n FROM sync_inbox WHERE kind = 'didit.decision'")).toBe(1);

    didit.setDecision(sid, { status: 'Declined' });
    clock.pin(new Date(t0 + 183_000));
    await drain();
    expect(polls()).toBe(3);
    expect(statusOf(caseId)).toBe('REJECTED');
    expect(must(await t.service.call('sync.caseState', { caseId }, officer)).didit!.result).toMatchObject({ status: 'Declined', faceMatches: [{ status: 'Declined' }] });
    clock.pin(new Date(t0 + 244_000));
    await drain();
    expect(polls()).toBe(3);
  });

  it("an officer's decision reaches Didit as exactly one update-status, even when the answer is lost; Didit's echo changes nothing", async () => {
    const { caseId, sid } = await inReview();
    let c = t.service.deps.cases.byId(caseId)!;
    must(
      await t.service.call(
        'cases.decide',
        { caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', customerMessage: 'Please retake the front of your ID', resubmitItems: ['DOCUMENT_FRONT', 'SELFIE'], expectedVersion: c.version },
        officer,
      ),
    );
    expect(outboxOf(caseId, 'didit.updateStatus')).toMatchObject([{ status: 'pending', idempotencyKey: `didit:status:${caseId}:v${c.version}` }]);
    didit.faults.enqueue('updateStatus', { kind: 'commitThenLose' });
    await drain();
    expect(didit.statusUpdates).toHaveLength(1);
    expect(didit.statusUpdates[0]).toMatchObject({
      sessionId: sid,
      new_status: 'Resubmitted',
      nodes_to_resubmit: [
        { node_id: 'feature_ocr', feature: 'OCR' },
        { node_id: 'feature_face_match', feature: 'FACE_MATCH' },
      ],
    });
    expect(didit.statusUpdates[0]!.comment).toContain('Please retake the front of your ID');
    expect(outboxOf(caseId, 'didit.updateStatus')).toMatchObject([{ status: 'delivered', attempts: 2 }]);
    // Didit tells us about the change we made: applied, the case stays where the officer put it, nothing sent back.
    tick(10);
    await webhook(sid);
    await drain();
    expect(statusOf(caseId)).toBe('RESUBMISSION_REQUESTED');
    expect(didit.statusUpdates).toHaveLength(1);

    // The customer redoes it, Didit puts it in review again, the officer approves: one more update, Approved.
    tick(10);
    didit.setDecision(sid, { status: 'In Review' });
    await webhook(sid);
    await drain();
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    c = t.service.deps.cases.byId(caseId)!;
    must(await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: c.version }, officer));
    await drain();
    expect(didit.statusUpdates.map((u) => [u.new_status, u.changed])).toEqual([
      ['Resubmitted', true],
      ['Approved', true],
    ]);
  });

  it("the case PDF names Didit's approval as what the case stands on, with Didit's checks, after an earlier resubmission request", async () => {
    const auditor = await t.signInAs('auditor');
    const { caseId, sid } = await inReview();
    const c = t.service.deps.cases.byId(caseId)!;
    must(await t.service.call('cases.decide', { caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', customerMessage: 'Please retake the front of your ID', resubmitItems: ['DOCUMENT_FRONT'], expectedVersion: c.version }, officer));
    await drain();
    await approvedByDidit(sid);
    expect(statusOf(caseId)).toBe('APPROVED');

    const r = must(await t.service.call('reports.casePdf', { caseId }, auditor));
    const text = pdfText(Buffer.from(r.dataBase64, 'base64')).replace(/\s+/g, ' ');
    // The header: Didit's approval, not the officer's earlier request, is the decision in effect
    // (the session id may break over the cell's lines).
    const header = text.slice(text.indexOf('DECISION IN EFFECT'), text.indexOf('FIELDS CORRECTED'));
    expect(header).toMatch(/Approved in Didit \(.+\), imported on \d{4}-\d{2}-\d{2} \(no officer decided here\)/);
    expect(header).not.toContain('Request resubmission');
    // The decision history keeps the request and says what closed the case after it.
    expect(text).toContain("The case was closed without an officer's decision: Approved in Didit");
    // Didit's checks, which the approval rests on, with their scores and warnings.
    const section = text.slice(text.indexOf('Remote verification (Didit)'));
    expect(section).toContain(`Session ${sid} · Didit status Approved`);
    expect(section).toMatch(/Liveness Approved 96\.2 \/ 100/);
    expect(section).toMatch(/Face match Approved 91\.37 \/ 100/);
    expect(section).toContain('FIRST_NAME_MISMATCH');
  });

  it('"Kyc Expired" while Didit\'s approval waits on our analysis withdraws it: the analysis does not approve the case', async () => {
    const { caseId, sid } = await linkedCase();
    tick(10);
    didit.setDecision(sid, { status: 'Approved' });
    await webhook(sid);
    await drain();
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    tick(10);
    didit.setDecision(sid, { status: 'Kyc Expired' });
    await webhook(sid);
    await drain();
    await analysed();
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    const outcomes = t.service.deps.auditRows.forCase(caseId).filter((e) => e.type === 'sync.didit_approval').map((e) => e.payload?.outcome);
    expect(outcomes).toEqual(['held', 'withdrawn']);
    expect(must(await t.service.call('sync.caseState', { caseId }, officer)).didit?.approval ?? null).toBeNull();
  });

  it('"Kyc Expired" on an approved case closes it as EXPIRED (its company goes on owner alert); a restart gets a new session', async () => {
    const auditor = await t.signInAs('auditor');
    const { caseId, sid } = await linkedCase();
    await approvedByDidit(sid);
    expect(statusOf(caseId)).toBe('APPROVED');
    // A company this customer owns, approved on the strength of their approval.
    const ownerId = t.service.deps.cases.byId(caseId)!.profileId;
    const company = must(await t.service.call('profiles.createCompany', companyInput(ownerId), staff));
    const companyCaseId = t.service.deps.cases.byProfileId(company.id)!.id;
    must(await t.service.call('cases.start', { id: companyCaseId }, staff));
    must(await t.service.call('evidence.add', { caseId: companyCaseId, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
    must(await t.service.call('cases.submit', { id: companyCaseId }, staff));
    const claimed = must(await t.service.call('cases.claim', { id: companyCaseId }, officer));
    must(await t.service.call('cases.decide', { caseId: companyCaseId, action: 'approve', expectedVersion: claimed.version }, officer));

    // The document Didit verified has expired since: Didit says so.
    tick(30);
    didit.setDecision(sid, { status: 'Kyc Expired' });
    await webhook(sid);
    await drain();
    expect(statusOf(caseId)).toBe('EXPIRED');
    const applied = t.service.deps.auditRows.forCase(caseId).filter((e) => e.type === 'sync.applied').at(-1)!;
    expect(applied.payload).toMatchObject({ remoteStatus: 'Kyc Expired', from: 'APPROVED', steps: ['EXPIRED'] });
    // Nothing is sent back to Didit: it said so itself.
    expect(outboxOf(caseId, 'didit.updateStatus')).toHaveLength(0);
    const companyNow = must(await t.service.call('cases.get', { id: companyCaseId }, officer)).case;
    expect(companyNow).toMatchObject({ status: 'APPROVED', ownerAlert: true });
    // The PDF says what closed it, in Didit's word, and what Didit's result said before.
    const text = pdfText(Buffer.from(must(await t.service.call('reports.casePdf', { caseId }, auditor)).dataBase64, 'base64')).replace(/\s+/g, ' ');
    expect(text).toMatch(/Expired in Didit \(.+\) as "Kyc Expired", imported on \d{4}-\d{2}-\d{2} \(no officer decided here\)/);
    expect(text).toMatch(new RegExp(`Session ${sid} · Didit status Approved at [^·]+ \\(later Kyc Expired at `));
    // Staff restart it and the customer gets a new session, which replaces the expired one.
    must(await t.service.call('cases.restart', { id: caseId }, staff));
    expect(must(await t.service.call('sync.diditSession', { caseId }, staff)).state).toBe('queued');
    await drain();
    const renewed = must(await t.service.call('sync.diditSession', { caseId }, staff));
    expect(renewed.state).toBe('linked');
    expect(renewed.sessionId).not.toBe(sid);
  });

  it("a final local decision is never overwritten by a later Didit state; the import itself never sends a status back", async () => {
    const { caseId, sid } = await inReview();
    // Didit's own move (the import) queued no update-status: only operators' decisions are sent.
    expect(outboxOf(caseId, 'didit.updateStatus')).toHaveLength(0);
    const c = t.service.deps.cases.byId(caseId)!;
    must(await t.service.call('cases.decide', { caseId, action: 'reject', reasonCode: 'FACE_MISMATCH', expectedVersion: c.version }, officer));
    await drain();
    expect(didit.statusUpdates.map((u) => u.new_status)).toEqual(['Declined']);
    // Someone approves it in Didit's console afterwards: the link learns it, the officer's rejection stands.
    tick(30);
    didit.setDecision(sid, { status: 'Approved' });
    await webhook(sid);
    await drain();
    expect(statusOf(caseId)).toBe('REJECTED');
    expect(t.service.deps.sync.link('didit', 'case', caseId)).toMatchObject({ remoteStatus: 'Approved' });
    expect(didit.statusUpdates).toHaveLength(1);
  });

  it('blocklisting a Didit-linked case blocklists the face and document at Didit once', async () => {
    const { caseId, sid } = await inReview();
    const entries = must(await t.service.call('blocklist.add', { caseId, face: true, document: true, reason: 'forged passport' }, officer));
    // No selfie analysed here: the document is blocklisted locally, the face only at Didit.
    expect(entries.map((e) => e.kind)).toEqual(['DOCUMENT']);
    // Asked again, it is refused (the document is on the blocklist already) and nothing more goes to Didit.
    const again = await t.service.call('blocklist.add', { caseId, face: true, document: true, reason: 'forged passport (again)' }, officer);
    expect(again.ok ? null : again.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'document' });
    await drain();
    expect(didit.blocklist).toEqual([expect.objectContaining({ session_id: sid, blocklist_face: true, blocklist_document: true, duplicate: false })]);
    expect(outboxOf(caseId, 'didit.blocklist')).toMatchObject([{ status: 'delivered', remoteId: sid }]);
    // The face alone, asked again: it is only at Didit, and already sent there, so it is refused
    // by name and Didit is not asked a second time.
    const faceAgain = await t.service.call('blocklist.add', { caseId, face: true, document: false, reason: 'forged passport (face)' }, officer);
    expect(faceAgain.ok ? null : faceAgain.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'face', message: expect.stringContaining("already sent to Didit's blocklist") });
    await drain();
    expect(didit.blocklist).toHaveLength(1);
    expect(outboxOf(caseId, 'didit.blocklist')).toHaveLength(1);

    // The case page says where each part is blocked: the face at Didit only, delivered.
    expect(must(await t.service.call('cases.get', { id: caseId }, officer)).blocklistTargets).toMatchObject({
      localFace: false,
      diditFace: true,
      diditDocument: true,
      diditRequests: [{ face: true, document: true, status: 'delivered', lastError: null }],
    });

    // A case without a Didit session sends nothing to Didit.
    const other = await caseAt(t, staff, officer, 'IN_REVIEW');
    must(await t.service.call('blocklist.add', { caseId: other.caseId, face: false, document: true, reason: 'forged passport' }, officer));
    expect(outboxOf(other.caseId, 'didit.blocklist')).toHaveLength(0);
  });

  it("a blocklist request Didit refuses is a dead letter the case page states: the face only Didit held is blocked nowhere", async () => {
    const { caseId } = await inReview();
    // Didit no longer takes our key (it was rotated in Didit's console): the request is refused, 4xx.
    must(await t.service.call('sync.configure', { id: 'didit', enabled: true, config: { baseUrl: didit.url, callbackUrl: CALLBACK }, secret: 'a-key-didit-does-not-know', webhookSecret: WEBHOOK_SECRET }, admin));
    must(await t.service.call('blocklist.add', { caseId, face: true, document: true, reason: 'forged passport' }, officer));
    await drain();
    expect(didit.blocklist).toHaveLength(0);
    const targets = must(await t.service.call('cases.get', { id: caseId }, officer)).blocklistTargets;
    expect(targets).toMatchObject({ localFace: false, diditFace: true, diditRequests: [{ face: true, document: true, status: 'dead' }] });
    expect(targets.diditRequests[0]!.lastError).toMatch(/^POST \/v3\/blocklist\/add\/: HTTP 40[13]/);
  });

  it('one Didit endpoint down (the blocklist answering 503) does not hold up a new session past one breaker cooldown', async () => {
    const { caseId } = await inReview();
    didit.faults.enqueue('blocklistAdd', ...Array.from({ length: 50 }, () => ({ kind: 'serverError' as const, status: 503 as const })));
    must(await t.service.call('blocklist.add', { caseId, face: true, document: false, reason: 'impostor' }, officer));
    const t0 = clock.now();
    clock.pin(t0);
    for (let i = 0; i < 8; i++) await drain();
    const runner = t.service.deps.syncRuntime.runner;
    expect(runner.status().find((s) => s.id === 'didit')).toMatchObject({ breaker: 'open' });
    // A new customer asks for a session while the breaker is open.
    const fresh = await caseAt(t, staff, officer, 'NOT_STARTED');
    expect(must(await t.service.call('sync.diditSession', { caseId: fresh.caseId }, staff)).state).toBe('queued');
    // One cooldown later the trial call is the session, not the blocklist row that keeps failing.
    clock.pin(new Date(t0.getTime() + 31_000));
    await drain();
    clock.pin(null);
    expect(must(await t.service.call('sync.diditSession', { caseId: fresh.caseId }, staff)).state).toBe('linked');
    expect(outboxOf(caseId, 'didit.blocklist')).toMatchObject([{ status: 'pending' }]);
    expect(didit.blocklist).toHaveLength(0);
  });

  it('a session that expired before the customer opened it holds nothing at Didit: the face is refused, the document blocked here only', async () => {
    const { caseId, sid } = await linkedCase();
    tick(10);
    didit.expireSession(sid);
    await webhook(sid);
    await drain();
    expect(statusOf(caseId)).toBe('EXPIRED');
    const face = await t.service.call('blocklist.add', { caseId, face: true, document: false, reason: 'impostor' }, officer);
    expect(face.ok ? null : face.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'face', message: expect.stringContaining('Didit captured no face') });
    const entries = must(await t.service.call('blocklist.add', { caseId, face: false, document: true, reason: 'forged passport' }, officer));
    expect(entries.map((e) => e.kind)).toEqual(['DOCUMENT']);
    await drain();
    expect(outboxOf(caseId, 'didit.blocklist')).toHaveLength(0);
    expect(didit.blocklist).toHaveLength(0);
  });

  it("stores the session's PDF report as evidence once the case is decided, filed under who opened the session", async () => {
    const { caseId, sid } = await linkedCase();
    const staffId = must(await t.service.call('auth.me', {}, staff)).id;
    tick(10);
    didit.setDecision(sid, { status: 'Approved' });
    await webhook(sid);
    await drain();
    // Not while the approval waits on the analysis: the report Didit makes is of a decided case.
    expect(outboxOf(caseId, 'didit.fetchPdf')).toEqual([]);
    await analysed();
    expect(statusOf(caseId)).toBe('APPROVED');
    const evidence = t.service.deps.evidenceRows.forCase(caseId);
    expect(evidence).toMatchObject([{ kind: 'SUPPLEMENTARY', mimeType: 'application/pdf', fileName: `didit-report-${sid}.pdf`, createdBy: staffId }]);
    expect(t.service.deps.evidenceFiles.get(evidence[0]!.sha256).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(didit.requests.filter((r) => r.route === 'generatePdf')).toHaveLength(1);
    expect(outboxOf(caseId, 'didit.fetchPdf')).toMatchObject([{ status: 'delivered' }]);
  });

  it("Didit's approval waits for the engine's analysis of Didit's images, and stays with an officer when that analysis objects", async () => {
    const { caseId, sid } = await linkedCase();
    const demo = join(import.meta.dirname, '../../resources/demo');
    // One person's passport and another person's selfie: Didit approved them, the engine must not.
    const front = didit.setMedia(sid, 'front.png', readFileSync(join(demo, 'pe_100_pass-fin.png')), 'image/png');
    const selfie = didit.setMedia(sid, 'selfie.png', readFileSync(join(demo, 'set1_selfie.png')), 'image/png');
    tick(10);
    didit.setDecision(sid, { status: 'Approved', id_verifications: [{ front_image: front }], liveness_checks: [{ reference_image: selfie }] });
    await webhook(sid);
    await drain();
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    expect(t.service.deps.evidenceRows.forCase(caseId).map((e) => e.kind).sort()).toEqual(['DOCUMENT_FRONT', 'SELFIE']);
    const approvalShown = async () => must(await t.service.call('sync.caseState', { caseId }, officer)).didit!.approval;
    expect(await approvalShown()).toEqual({ state: 'held', objections: [] });
    await analysed();
    // The analysis found the faces differ: the approval is not applied, an officer decides.
    expect(statusOf(caseId)).toBe('IN_REVIEW');
    const approval = (t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.case_id = ? AND e.type = 'sync.didit_approval' ORDER BY e.seq").all(caseId) as { body: string }[]).map((r) => JSON.parse(r.body) as { outcome: string; objections?: string[] });
    expect(approval.map((a) => a.outcome)).toEqual(['held', 'disputed']);
    expect(approval[1]!.objections).toContain('FACE_MISMATCH');
    // The case page says why Didit's approval did not take effect, until an officer decides.
    expect(await approvalShown()).toEqual({ state: 'disputed', objections: approval[1]!.objections });
    // Didit saying Approved again, later (another webhook of the same state), holds nothing again.
    const jobs = t.service.deps.jobs.forCase(caseId).length;
    tick(30);
    await webhook(sid);
    await drain();
    expect(count("SELECT count(*) AS n FROM audit_events WHERE case_id = ? AND type = 'sync.didit_approval'", caseId)).toBe(2);
    expect(t.service.deps.jobs.forCase(caseId)).toHaveLength(jobs);
    expect(await approvalShown()).toEqual({ state: 'disputed', objections: approval[1]!.objections });
    // Nothing goes back to Didit, and no report of a decision is fetched: nobody decided yet.
    expect(outboxOf(caseId, 'didit.updateStatus')).toEqual([]);
    expect(outboxOf(caseId, 'didit.fetchPdf')).toEqual([]);
    expect(t.service.deps.sync.link('didit', 'case', caseId)!.extra).not.toHaveProperty('heldApproval');
    // The officer's decision (confirmed by a second reviewer when the policy asks) is what reaches Didit.
    const decided = must(await t.service.call('cases.decide', { caseId, action: 'reject', reasonCode: 'FACE_MISMATCH', expectedVersion: t.service.deps.cases.byId(caseId)!.version }, officer));
    expect(await approvalShown()).toBeNull();
    if (decided.state === 'proposed') {
      const senior = await t.signInAs('senior_officer');
      must(await t.service.call('cases.review', { decisionId: decided.id, verdict: 'confirm', comment: 'not the same person', expectedVersion: t.service.deps.cases.byId(caseId)!.version }, senior));
    }
    await drain();
    expect(statusOf(caseId)).toBe('REJECTED');
    expect(didit.statusUpdates.map((u) => u.new_status)).toEqual(['Declined']);
  }, 120_000);

  it('downloads the images a decision carries from the Didit host only, and queues them for the local engine', async () => {
    const { caseId, sid } = await linkedCase();
    const front = didit.setMedia(sid, 'front.png', TINY_PNG, 'image/png');
    tick(10);
    didit.setDecision(sid, { status: 'In Review', id_verifications: [{ front_image: front }], liveness_checks: [{ reference_image: 'http://127.0.0.1:9/elsewhere/selfie.png' }] });
    await webhook(sid);
    await drain();
    const evidence = t.service.deps.evidenceRows.forCase(caseId);
    expect(evidence.map((e) => [e.kind, e.mimeType])).toEqual([['DOCUMENT_FRONT', 'image/png']]);
    expect(t.service.deps.evidenceFiles.get(evidence[0]!.sha256).equals(TINY_PNG)).toBe(true);
    expect(didit.requests.filter((r) => r.route === 'media')).toHaveLength(1);
    expect(t.service.deps.jobs.forCase(caseId).map((j) => [j.status, j.lane])).toEqual([['queued', 'background']]);
  });

  it('never answers, audits, logs or queues either secret; each is sealed at rest and may change alone', async () => {
    const { caseId, sid } = await linkedCase();
    tick(10);
    didit.setDecision(sid, { status: 'Approved' });
    await webhook(sid, { signature: 'wrongSecret', maxAttempts: 1 });
    await webhook(sid);
    await drain();
    const connectors = must(await t.service.call('sync.connectors', {}, admin));
    const answers = [
      connectors,
      must(await t.service.call('sync.status', {}, admin)),
      must(await t.service.call('sync.test', { id: 'didit' }, admin)),
      must(await t.service.call('sync.caseState', { caseId }, officer)),
      must(await t.service.call('sync.diditSession', { caseId }, staff)),
      must(await t.service.call('sync.configure', { id: 'didit', enabled: true, config: { baseUrl: didit.url }, webhookSecret: `${WEBHOOK_SECRET}-rotated` }, admin)),
    ];
    const view = connectors.find((v) => v.id === 'didit')!;
    expect(view).toMatchObject({ secretSet: true, secretHint: `••••${API_KEY.slice(-4)}`, webhookSecretSet: true });
    const db = t.service.deps.db;
    const dump = [
      JSON.stringify(answers),
      ...(db.prepare('SELECT body FROM audit_payloads').all() as { body: string }[]).map((r) => r.body),
      ...(db.prepare('SELECT payload FROM sync_outbox UNION ALL SELECT payload FROM sync_inbox UNION ALL SELECT extra FROM sync_links UNION ALL SELECT config FROM sync_connectors').all() as { payload: string }[]).map((r) => r.payload),
      (db.prepare("SELECT secret FROM sync_connectors WHERE id = 'didit'").get() as { secret: Buffer }).secret.toString('latin1'),
      ...logLines,
    ].join('\n');
    for (const secret of [API_KEY, WEBHOOK_SECRET, 'rotated']) expect(dump).not.toContain(secret);
    expect(logLines.length).toBeGreaterThan(0);
    // The API key survived the webhook secret's change, and the new webhook secret is the one checked.
    expect(must(await t.service.call('sync.test', { id: 'didit' }, admin)).ok).toBe(true);
    const [old] = await webhook(sid, { maxAttempts: 1 });
    expect(old!.attempts[0]!.status).toBe(401);
  });
});

