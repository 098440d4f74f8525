import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, TEST_PASSWORD, type TempService } from '../helpers/tempService';
import { approvedCase, fileExists, movableClock, must, travelTo } from '../helpers/retentionSetup';
import { caseAt, TINY_PNG } from '../helpers/caseSetup';
import { companyInput } from '../helpers/profileFixtures';

const root = join(import.meta.dirname, '../..');

/** Every value in every table, as one string: personal data must not be anywhere in it. */
function dumpStore(t: TempService): string {
  const db = t.service.deps.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

const count = (t: TempService, sql: string, ...args: unknown[]) => (t.service.deps.db.prepare(sql).get(...args) as { n: number }).n;

describe('the retention purge', () => {
  const clock = movableClock('2026-01-10T09:00:00.000Z');
  let t: TempService;
  let admin: string;
  let auditor: string;
  let senior: string;
  let a: Awaited<ReturnType<typeof approvedCase>>;
  let b: Awaited<ReturnType<typeof approvedCase>>;
  let c: Awaited<ReturnType<typeof approvedCase>>;
  let open: string;
  let aEmail: string;

  beforeAll(async () => {
    t = openTempService({ clock: clock.now });
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    admin = await t.signInAs('admin');
    auditor = await t.signInAs('auditor');
    senior = await t.signInAs('senior_officer');
    a = await approvedCase(t, staff, officer, 'a');
    b = await approvedCase(t, staff, officer, 'b');
    aEmail = (t.service.deps.profiles.byId(a.profileId)!.data as { email: string }).email;
    travelTo(t, clock, '2028-06-01T12:00:00.000Z');
    c = await approvedCase(t, staff, officer, 'c');
    open = (await caseAt(t, staff, officer, 'IN_REVIEW')).caseId;
    // Five years and a day after A and B closed; C closed three years ago.
    travelTo(t, clock, '2031-01-11T09:00:00.000Z');
  }, 60_000);
  afterAll(() => t.cleanup());

  it('previews the cases past retention (closing + 5 years by default) without changing anything', async () => {
    const before = count(t, 'SELECT count(*) AS n FROM audit_events');
    const p = must(await t.service.call('retention.preview', {}, auditor));
    expect(p.retentionYears).toBe(5);
    expect(p.cutoff).toBe('2026-01-11T09:00:00.000Z');
    expect(p.due.map((d) => d.caseId).sort()).toEqual([a.caseId, b.caseId].sort());
    expect(p.due[0]).toMatchObject({ status: 'APPROVED', evidenceFiles: 2, legalHold: null, blockedBy: null });
    expect(p.due[0]?.purgeableFrom.startsWith('2031-01-10')).toBe(true);
    expect(count(t, 'SELECT count(*) AS n FROM audit_events')).toBe(before);
  });

  it('a legal hold, set with a reason and audited, blocks the purge of its case', async () => {
    const hold = must(await t.service.call('retention.setLegalHold', { caseId: b.caseId, reason: 'litigation 2031/4, court order' }, senior));
    expect(hold).toMatchObject({ caseId: b.caseId, reason: 'litigation 2031/4, court order' });
    const again = await t.service.call('retention.setLegalHold', { caseId: b.caseId, reason: 'twice' }, admin);
    expect(again.ok ? null : again.error.code).toBe(ErrorCode.HOLD_STATE);
    const noReason = await t.service.call('retention.setLegalHold', { caseId: a.caseId, reason: '  ' }, admin);
    expect(noReason.ok ? null : noReason.error).toMatchObject({ field: 'reason' });

    const p = must(await t.service.call('retention.preview', {}, admin));
    expect(p.due.find((d) => d.caseId === b.caseId)?.blockedBy?.code).toBe(ErrorCode.LEGAL_HOLD);
    // Named explicitly, it is still refused, with the code.
    const named = must(await t.service.call('retention.purge', { caseIds: [b.caseId] }, admin));
    expect(named.purged).toEqual([]);
    expect(named.skipped).toEqual([{ caseId: b.caseId, code: ErrorCode.LEGAL_HOLD, message: expect.stringContaining('legal hold') }]);
    expect(t.service.deps.cases.byId(b.caseId)).toBeDefined();
    expect(fileExists(t, b.ownFile)).toBe(true);
    const events = must(await t.service.call('audit.list', { caseId: b.caseId, type: 'retention.hold_set', limit: 10 }, auditor));
    expect(events[0]?.payload).toEqual({ reason: 'litigation 2031/4, court order' });
  });

  it('purges the due, unheld case: its personal data and own files are gone, shared files stay, the chain verifies', async () => {
    expect(dumpStore(t)).toContain(aEmail);
    // An exported report holds the case's personal data too; B's report must survive A's purge.
    const reportA = must(await t.service.call('reports.casePdf', { caseId: a.caseId }, auditor));
    const reportB = must(await t.service.call('reports.casePdf', { caseId: b.caseId }, auditor));
    const reportsDir = join(dirname(t.service.deps.db.name), 'exports', 'cases');
    expect(existsSync(join(reportsDir, reportA.fileName))).toBe(true);
    const auditRowsBefore = count(t, 'SELECT count(*) AS n FROM audit_events WHERE case_id = ?', a.caseId);
    const out = must(await t.service.call('retention.purge', { note: 'yearly retention run' }, admin));
    expect(out.skipped).toEqual([]);
    expect(out.purged.map((p) => p.caseId)).toEqual([a.caseId]);
    const tomb = out.purged[0]!;
    expect(tomb).toMatchObject({ basis: 'RETENTION', profileId: a.profileId, closedAt: expect.stringMatching(/^2026-01-10/) });
    expect(tomb.counts).toMatchObject({ profile: 1, evidenceRecords: 2, evidenceFilesDeleted: 1, evidenceFilesShared: 1, decisions: 1 });
    expect(tomb.counts.auditPayloads).toBe(auditRowsBefore);

    // The database: no row of the case or its profile, no payload of its events, the email nowhere.
    for (const [table, col, id] of [
      ['cases', 'id', a.caseId],
      ['profiles', 'id', a.profileId],
      ['evidence', 'case_id', a.caseId],
      ['decisions', 'case_id', a.caseId],
    ] as const) {
      expect(count(t, `SELECT count(*) AS n FROM ${table} WHERE ${col} = ?`, id), table).toBe(0);
    }
    expect(count(t, "SELECT count(*) AS n FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.case_id = ? AND e.type != 'retention.purged'", a.caseId)).toBe(0);
    expect(dumpStore(t)).not.toContain(aEmail);
    // The chained rows stay, plus the tombstone.
    expect(count(t, 'SELECT count(*) AS n FROM audit_events WHERE case_id = ?', a.caseId)).toBe(auditRowsBefore + 1);

    // The filesystem: the case's own selfie is deleted; the front shared with other cases is not.
    expect(fileExists(t, a.ownFile)).toBe(false);
    expect(fileExists(t, a.sharedFile)).toBe(true);
    expect(fileExists(t, b.ownFile)).toBe(true);
    expect(existsSync(join(reportsDir, reportA.fileName))).toBe(false);
    expect(existsSync(join(reportsDir, `${reportA.fileName}.sha256`))).toBe(false);
    expect(existsSync(join(reportsDir, reportB.fileName))).toBe(true);

    // The tombstone is a chained audit event with counts and hashes, and no personal data.
    const [event] = must(await t.service.call('audit.list', { caseId: a.caseId, type: 'retention.purged', limit: 5 }, auditor));
    expect(event?.seq).toBe(tomb.auditSeq);
    expect(event?.payload).toMatchObject({ basis: 'RETENTION', note: 'yearly retention run', removedDigest: tomb.removedDigest, deletedFileHashes: [a.ownFile], sharedFileHashes: [a.sharedFile] });
    expect(JSON.stringify(event?.payload)).not.toContain(aEmail);
    expect(must(await t.service.call('retention.tombstones', {}, auditor))).toEqual([tomb]);

    const v = must(await t.service.call('audit.verify', {}, auditor));
    expect(v).toMatchObject({ valid: true, firstBroken: null, purgedPayloads: auditRowsBefore });

    // Other cases are untouched.
    expect(t.service.deps.cases.byId(c.caseId)?.status).toBe('APPROVED');
    expect(t.service.deps.cases.byId(open)?.status).toBe('IN_REVIEW');
    const again = await t.service.call('retention.requestErasure', { caseId: a.caseId, reason: 'letter ref 77' }, admin);
    expect(again.ok ? null : again.error).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'the case was already purged' });

    // Asked for by id, the purged case says it was purged, when, and where its tombstone is: an
    // auditor shows the file was destroyed on schedule, not that the id was mistyped.
    const purged = `the case was purged under retention on 2031-01-11 (closed 2026-01-10; tombstone at audit event #${tomb.auditSeq}): only its tombstone remains`;
    for (const [op, input] of [['cases.get', { id: a.caseId }], ['reports.casePdf', { caseId: a.caseId }], ['sync.caseState', { caseId: a.caseId }]] as const) {
      const r = await t.service.callUntyped(op, input, auditor);
      expect(r.ok ? null : r.error, op).toMatchObject({ code: ErrorCode.CASE_PURGED, message: purged });
    }
    const never = await t.service.call('cases.get', { id: 'never-on-file' }, auditor);
    expect(never.ok ? null : never.error).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'no such case' });
  });

  it('the command line verifies the purged store too', () => {
    const r = spawnSync('npx', ['tsx', 'electron/service/cli/auditVerify.ts', '--data', t.dataDir], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/audit chain intact: \d+ events \(\d+ payloads purged under retention/);
    // "Intact" says what it cannot vouch for: the events after the newest signed checkpoint.
    const head = (t.service.deps.db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number }).n;
    const checkpoint = (t.service.deps.db.prepare("SELECT max(seq) AS n FROM audit_events WHERE type = 'audit.checkpoint'").get() as { n: number }).n;
    expect(r.stdout).toContain(`newest signed checkpoint: event #${checkpoint}; the ${head - checkpoint} newest events are held by the hash chain alone`);
  });

  it('clearing the hold (audited) lets the next run purge the case; a file goes once no case references it', async () => {
    must(await t.service.call('retention.clearLegalHold', { caseId: b.caseId, reason: 'litigation settled' }, admin));
    const none = await t.service.call('retention.clearLegalHold', { caseId: b.caseId, reason: 'again' }, admin);
    expect(none.ok ? null : none.error.code).toBe(ErrorCode.HOLD_STATE);
    expect(must(await t.service.call('retention.purge', {}, admin)).purged.map((p) => p.caseId)).toEqual([b.caseId]);
    expect(fileExists(t, b.ownFile)).toBe(false);

    // Years later C is due; the open case still holds the shared front, so those bytes stay.
    travelTo(t, clock, '2033-06-02T12:00:00.000Z');
    const third = must(await t.service.call('retention.purge', {}, admin));
    expect(third.purged.map((p) => p.caseId)).toEqual([c.caseId]);
    expect(third.purged[0]?.counts).toMatchObject({ evidenceFilesDeleted: 1, evidenceFilesShared: 1 });
    expect(fileExists(t, c.sharedFile)).toBe(true);
    expect(must(await t.service.call('audit.verify', {}, auditor)).valid).toBe(true);
  });

  it('a case named but not due is refused with the date the law keeps it until', async () => {
    const r = must(await t.service.call('retention.purge', { caseIds: [open] }, admin));
    expect(r.skipped).toEqual([{ caseId: open, code: ErrorCode.CASE_STILL_OPEN, message: expect.any(String) }]);
    expect(t.service.deps.cases.byId(open)).toBeDefined();
  });

  it('a purge another table still depends on changes nothing', async () => {
    // Stands in for a record of some other area that points at the case.
    const db = t.service.deps.db;
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    const d = await approvedCase(t, staff, officer, 'd');
    db.exec('CREATE TABLE test_case_refs (case_id TEXT NOT NULL REFERENCES cases(id)) STRICT');
    db.prepare('INSERT INTO test_case_refs VALUES (?)').run(d.caseId);
    travelTo(t, clock, '2040-01-01T00:00:00.000Z');
    const seqBefore = count(t, 'SELECT max(seq) AS n FROM audit_events');
    const r = must(await t.service.call('retention.purge', { caseIds: [d.caseId] }, admin));
    expect(r.skipped).toEqual([{ caseId: d.caseId, code: ErrorCode.PURGE_REFERENCED, message: expect.any(String) }]);
    expect(t.service.deps.cases.byId(d.caseId)).toBeDefined();
    expect(fileExists(t, d.ownFile)).toBe(true);
    expect(count(t, 'SELECT max(seq) AS n FROM audit_events')).toBe(seqBefore);
  });
});

describe('the retention purge of a company and its owner', () => {
  it('purges the company, which frees its owner, and the owner in the same run', async () => {
    const clock = movableClock('2026-01-10T09:00:00.000Z');
    const t = openTempService({ clock: clock.now });
    try {
      const staff = await t.signInAs('branch_staff');
      const officer = await t.signInAs('officer');
      const admin = await t.signInAs('admin');
      const owner = await approvedCase(t, staff, officer, 'owner');
      const company = must(await t.service.call('profiles.createCompany', companyInput(owner.profileId), staff));
      const caseId = t.service.deps.cases.byProfileId(company.id)!.id;
      must(await t.service.call('cases.start', { id: caseId }, staff));
      must(await t.service.call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'registry.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
      must(await t.service.call('cases.submit', { id: caseId }, staff));
      must(await t.service.call('cases.claim', { id: caseId }, officer));
      must(await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: t.service.deps.cases.byId(caseId)!.version }, officer));
      travelTo(t, clock, '2032-01-11T09:00:00.000Z');
      // Before the run the owner is due but kept: the company still on file references them.
      const before = must(await t.service.call('retention.preview', {}, admin));
      expect(before.due.find((d) => d.caseId === owner.caseId)?.blockedBy?.code).toBe(ErrorCode.PURGE_REFERENCED);
      const out = must(await t.service.call('retention.purge', { note: 'yearly run' }, admin));
      expect(out.purged.map((p) => p.caseId)).toEqual([caseId, owner.caseId]);
      expect(out.skipped).toEqual([]);
      expect(must(await t.service.call('retention.preview', {}, admin)).due).toEqual([]);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});

describe('the retention purge from the command line', () => {
  it('dry-runs by default, purges with --apply as an admin, and refuses anyone else', async () => {
    const clock = movableClock('2026-01-10T09:00:00.000Z');
    const t = openTempService({ clock: clock.now });
    try {
      const staff = await t.signInAs('branch_staff');
      const officer = await t.signInAs('officer');
      await t.signInAs('admin', 'root@cli.test');
      await t.signInAs('auditor', 'audit@cli.test');
      const a = await approvedCase(t, staff, officer, 'cli');
      const held = await approvedCase(t, staff, officer, 'cli-held');
      const senior = await t.signInAs('senior_officer');
      must(await t.service.call('retention.setLegalHold', { caseId: held.caseId, reason: 'court order 12/2026' }, senior));
      // The command line runs on the real clock: years after these cases closed.
      t.service.deps.db.prepare("UPDATE cases SET closed_at = '2015-01-01T00:00:00.000Z' WHERE id IN (?, ?)").run(a.caseId, held.caseId);
      t.service.close();
      const run = (...args: string[]) => spawnSync('npx', ['tsx', 'electron/service/cli/retentionPurge.ts', '--data', t.dataDir, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, KYC_OPERATOR_PASSWORD: TEST_PASSWORD } });

      const refused = run('--as', 'audit@cli.test', '--apply');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('AUTH.0003: audit@cli.test is not an active admin');

      const dry = run('--as', 'root@cli.test');
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain(`${a.caseId}  closed 2015-01-01  due`);
      expect(dry.stdout).toContain('1 of 2 due cases would be purged (dry run; add --apply)');
      expect(fileExists(t, a.ownFile)).toBe(true);

      const applied = run('--as', 'root@cli.test', '--apply');
      // The held case is kept and said so; a kept case is not a failed run.
      expect(applied.status).toBe(0);
      expect(applied.stdout).toMatch(new RegExp(`purged ${a.caseId}: 1 files deleted, tombstone event #\\d+`));
      expect(applied.stdout).toContain(`kept ${held.caseId}: ${ErrorCode.LEGAL_HOLD}`);
      expect(applied.stdout).toContain('1 purged, 0 skipped, 1 kept (due but blocked)');
      // Its own selfie goes; the front it shares with the held case stays.
      expect(fileExists(t, a.ownFile)).toBe(false);
      expect(fileExists(t, a.sharedFile)).toBe(true);
      const verify = spawnSync('npx', ['tsx', 'electron/service/cli/auditVerify.ts', '--data', t.dataDir], { cwd: root, encoding: 'utf8' });
      expect(verify.status).toBe(0);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
