import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { approvedCase, fileExists, movableClock, must, travelTo, uniquePng } from '../helpers/retentionSetup';
import { caseAt } from '../helpers/caseSetup';

describe('erasure requests (GDPR art. 17) go through the retention purge', () => {
  const clock = movableClock('2026-03-01T10:00:00.000Z');
  let t: TempService;
  let staff: string;
  let officer: string;
  let admin: string;
  let senior: string;
  let auditor: string;

  beforeAll(async () => {
    t = openTempService({ clock: clock.now });
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    admin = await t.signInAs('admin');
    senior = await t.signInAs('senior_officer');
    auditor = await t.signInAs('auditor');
  }, 30_000);
  afterAll(() => t.cleanup());

  const request = async (caseId: string, reason = 'customer letter ref. 2026-311') => must(await t.service.call('retention.requestErasure', { caseId, reason }, senior));
  const execute = (id: string) => t.service.call('retention.executeErasure', { id }, admin);

  it('erases at once a case never submitted for review: no due-diligence record must be kept', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const own = must(await t.service.call('evidence.add', { caseId, kind: 'SELFIE', fileName: 's.png', mimeType: 'image/png', dataBase64: uniquePng('erase-now').toString('base64') }, staff));
    const profileId = t.service.deps.cases.byId(caseId)!.profileId;
    const req = await request(caseId);
    expect(req).toMatchObject({ caseId, status: 'PENDING', refusal: null, decidedAt: null });
    const done = must(await execute(req.id));
    expect(done).toMatchObject({ status: 'EXECUTED', refusal: null, decidedBy: expect.any(String) });
    expect(t.service.deps.cases.byId(caseId)).toBeUndefined();
    expect(t.service.deps.profiles.byId(profileId)).toBeUndefined();
    expect(fileExists(t, own.sha256)).toBe(false);
    const [tomb] = must(await t.service.call('retention.tombstones', {}, auditor));
    expect(tomb).toMatchObject({ caseId, basis: 'ERASURE', erasureRequestId: req.id, closedAt: null });
    const types = must(await t.service.call('audit.list', { caseId, limit: 50 }, auditor)).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['retention.erasure_executed', 'retention.purged']);
    expect(must(await t.service.call('audit.verify', {}, auditor)).valid).toBe(true);

    const twice = await execute(req.id);
    expect(twice.ok ? null : twice.error.code).toBe(ErrorCode.ERASURE_STATE);
  });

  it('refuses while the case is open, within retention, or under legal hold, with a code kept on the request', async () => {
    const openCase = (await caseAt(t, staff, officer, 'IN_REVIEW')).caseId;
    const closed = await approvedCase(t, staff, officer, 'erase-later');

    const r1 = await request(openCase);
    const e1 = await execute(r1.id);
    expect(e1.ok ? null : e1.error.code).toBe(ErrorCode.CASE_STILL_OPEN);

    const r2 = await request(closed.caseId);
    const e2 = await execute(r2.id);
    expect(e2.ok ? null : e2.error).toMatchObject({ code: ErrorCode.RETENTION_NOT_OVER, message: expect.stringContaining('until 2031-03-01') });

    const list = must(await t.service.call('retention.erasureRequests', {}, auditor));
    expect(list.find((r) => r.id === r1.id)).toMatchObject({ status: 'REFUSED', refusal: { code: ErrorCode.CASE_STILL_OPEN } });
    expect(list.find((r) => r.id === r2.id)).toMatchObject({ status: 'REFUSED', refusal: { code: ErrorCode.RETENTION_NOT_OVER } });
    expect(t.service.deps.cases.byId(closed.caseId)).toBeDefined();
    expect(fileExists(t, closed.ownFile)).toBe(true);

    // Past retention, but held: still refused. Once the hold is cleared, the same request goes through.
    travelTo(t, clock, '2031-03-02T10:00:00.000Z');
    must(await t.service.call('retention.setLegalHold', { caseId: closed.caseId, reason: 'regulator inquiry' }, admin));
    const e3 = await execute(r2.id);
    expect(e3.ok ? null : e3.error.code).toBe(ErrorCode.LEGAL_HOLD);
    const refused = async () => must(await t.service.call('audit.list', { type: 'retention.erasure_refused', limit: 10 }, auditor));
    expect((await refused()).map((e) => e.payload?.code)).toEqual([ErrorCode.LEGAL_HOLD, ErrorCode.RETENTION_NOT_OVER, ErrorCode.CASE_STILL_OPEN]);
    must(await t.service.call('retention.clearLegalHold', { caseId: closed.caseId, reason: 'inquiry closed' }, senior));
    expect(must(await execute(r2.id)).status).toBe('EXECUTED');
    expect(t.service.deps.cases.byId(closed.caseId)).toBeUndefined();
    expect(fileExists(t, closed.ownFile)).toBe(false);
    // The erased case's events keep their chained rows but lose their payloads; the open case's stay.
    expect((await refused()).map((e) => [e.caseId, e.payload?.code ?? null])).toEqual([
      [closed.caseId, null],
      [closed.caseId, null],
      [openCase, ErrorCode.CASE_STILL_OPEN],
    ]);
    expect(must(await t.service.call('audit.verify', {}, auditor)).valid).toBe(true);
  });

  it('waits for a running analysis of the case rather than pulling its rows from under it', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const job = must(await t.service.call('analysis.start', { caseId }, staff));
    // What the job runner does when a worker takes the job (no engine runs in this test).
    t.service.deps.db.prepare("UPDATE jobs SET status = 'running' WHERE id = ?").run(job.id);
    const req = await request(caseId);
    const refused = await execute(req.id);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: ErrorCode.PURGE_REFERENCED, message: expect.stringContaining('analysis') });
    expect(t.service.deps.cases.byId(caseId)).toBeDefined();
    // Finished (here: back in the queue, as after a restart): queued jobs go with the case.
    t.service.deps.db.prepare("UPDATE jobs SET status = 'queued' WHERE id = ?").run(job.id);
    expect(must(await execute(req.id)).status).toBe('EXECUTED');
    expect(t.service.deps.db.prepare('SELECT count(*) AS n FROM jobs WHERE id = ?').get(job.id)).toEqual({ n: 0 });
  });

  it('rejects unknown requests and cases, and a request dated in the future', async () => {
    const unknown = await execute('no-such-request');
    expect(unknown.ok ? null : unknown.error.code).toBe(ErrorCode.ERASURE_STATE);
    const noCase = await t.service.call('retention.requestErasure', { caseId: 'nope', reason: 'x' }, admin);
    expect(noCase.ok ? null : noCase.error.code).toBe(ErrorCode.NOT_FOUND);
    const { caseId } = await caseAt(t, staff, officer, 'NOT_STARTED');
    const future = await t.service.call('retention.requestErasure', { caseId, reason: 'x', receivedAt: '2099-01-01T00:00:00.000Z' }, admin);
    expect(future.ok ? null : future.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'receivedAt' });
  });
});
