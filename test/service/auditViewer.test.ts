import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';
import { movableClock, must, travelTo } from '../helpers/retentionSetup';

const root = join(import.meta.dirname, '../..');

function verifyCli(dataDir: string, json = false) {
  return spawnSync('npx', ['tsx', 'electron/service/cli/auditVerify.ts', '--data', dataDir, ...(json ? ['--json'] : [])], { cwd: root, encoding: 'utf8' });
}

describe('the audit log for the viewer: filters, facets, and naming the tampered row', () => {
  const clock = movableClock('2026-05-01T08:00:00.000Z');
  let t: TempService;
  let auditor: string;
  let admin: string;
  let staffId: string;
  const caseIds: string[] = [];

  beforeAll(async () => {
    t = openTempService({ clock: clock.now });
    const staff = await t.signInAs('branch_staff', 'staff@viewer.test');
    const officer = await t.signInAs('officer');
    auditor = await t.signInAs('auditor');
    admin = await t.signInAs('admin');
    staffId = t.service.deps.operators.credentialsByEmail('staff@viewer.test')!.operator.id;
    caseIds.push((await caseAt(t, staff, officer, 'SUBMITTED')).caseId);
    travelTo(t, clock, '2026-05-03T08:00:00.000Z');
    caseIds.push((await caseAt(t, staff, officer, 'IN_REVIEW')).caseId);
  }, 30_000);
  afterAll(() => t.cleanup());

  it('lists the actors and event types with their counts', async () => {
    const f = must(await t.service.call('audit.facets', {}, auditor));
    const all = must(await t.service.call('audit.list', { limit: 1000 }, auditor));
    expect(f.total).toBe(all.length);
    expect(f.actors.reduce((s, a) => s + a.count, 0)).toBe(all.length);
    expect(f.actors.find((a) => a.id === staffId)).toMatchObject({ name: expect.stringContaining('branch_staff'), count: all.filter((e) => e.actorId === staffId).length });
    expect(f.types.find((x) => x.type === 'evidence.added')?.count).toBe(2);
    expect(f.types.map((x) => x.type)).toEqual([...f.types.map((x) => x.type)].sort());
  });

  it('filters by actor, case, type and time, newest first, and pages with beforeSeq', async () => {
    const byActor = must(await t.service.call('audit.list', { actorId: staffId, limit: 1000 }, admin));
    expect(byActor.length).toBeGreaterThan(4);
    expect(byActor.every((e) => e.actorId === staffId)).toBe(true);
    const day2 = must(await t.service.call('audit.list', { from: '2026-05-02T00:00:00.000Z', to: '2026-05-03T23:59:59.999Z', limit: 1000 }, auditor));
    expect(day2.length).toBeGreaterThan(0);
    expect(day2.every((e) => e.at.startsWith('2026-05-03'))).toBe(true);
    const combined = must(await t.service.call('audit.list', { caseId: caseIds[1], type: 'case.status_changed', actorId: staffId, limit: 1000 }, auditor));
    expect(combined.map((e) => e.payload?.to)).toEqual(['SUBMITTED', 'IN_PROGRESS']);
    const system = must(await t.service.call('audit.list', { systemActor: true, limit: 1000 }, auditor));
    expect(system.length).toBeGreaterThan(0);
    expect(system.every((e) => e.actorId === null)).toBe(true);
    expect(system.at(-1)?.type).toBe('policy.updated');
    const first = must(await t.service.call('audit.list', { limit: 3 }, auditor));
    const next = must(await t.service.call('audit.list', { limit: 3, beforeSeq: first.at(-1)!.seq }, auditor));
    expect([...first, ...next].map((e) => e.seq)).toEqual(Array.from({ length: 6 }, (_, i) => first[0]!.seq - i));
  });

  it('op and command line both pass an intact chain, then both name a row changed directly in SQLite', async () => {
    const ok = must(await t.service.call('audit.verify', {}, auditor));
    expect(ok).toMatchObject({ valid: true, firstBroken: null });
    const cliOk = verifyCli(t.dataDir);
    expect(cliOk.status).toBe(0);
    expect(cliOk.stdout).toContain(`head ${ok.headHash}`);

    const db = t.service.deps.db;
    const target = (db.prepare("SELECT seq FROM audit_events WHERE type = 'evidence.added' ORDER BY seq LIMIT 1").get() as { seq: number }).seq;
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare("UPDATE audit_events SET type = 'evidence.removed' WHERE seq = ?").run(target);

    const broken = must(await t.service.call('audit.verify', {}, auditor));
    expect(broken).toMatchObject({ valid: false, checked: target - 1, firstBroken: { seq: target, code: 'ROW_HASH_MISMATCH', problem: 'row content does not match its hash' } });
    const cli = verifyCli(t.dataDir);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`BROKEN at event #${target}: row content does not match its hash [ROW_HASH_MISMATCH]`);
    const json = JSON.parse(verifyCli(t.dataDir, true).stdout) as { firstBroken: { seq: number } };
    expect(json.firstBroken.seq).toBe(target);
  });

  it('names a payload edited directly in SQLite', async () => {
    const db = t.service.deps.db;
    const seq = (db.prepare("SELECT seq FROM audit_events WHERE type = 'case.status_changed' ORDER BY seq LIMIT 1").get() as { seq: number }).seq;
    // Restore the row of the previous test first, so this payload is the first break.
    db.exec('DROP TRIGGER audit_payloads_no_update');
    const fixed = db.prepare("UPDATE audit_events SET type = 'evidence.added' WHERE type = 'evidence.removed'").run();
    expect(fixed.changes).toBe(1);
    db.prepare(`UPDATE audit_payloads SET body = json_set(body, '$.to', 'APPROVED') WHERE seq = ?`).run(seq);
    expect(must(await t.service.call('audit.verify', {}, admin)).firstBroken).toEqual({ seq, problem: 'payload does not match its hash', code: 'PAYLOAD_HASH_MISMATCH' });
  });
});
