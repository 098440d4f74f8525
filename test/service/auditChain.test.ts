import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../electron/service/audit/canonicalJson';
import { GENESIS_HASH, chainHash } from '../../electron/service/audit/hashChain';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';

describe('canonical JSON', () => {
  it('does not depend on key order and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

describe('the hash-chained audit log', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  let auditor: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    auditor = await t.signInAs('auditor');
    for (let i = 0; i < 3; i++) await caseAt(t, staff, officer, 'IN_REVIEW');
  });
  afterEach(() => t.cleanup());

  const db = () => t.service.deps.db;
  const unlock = () => db().exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DROP TRIGGER audit_payloads_no_update;');

  it('links every row to the one before and verifies end to end', async () => {
    const rows = db().prepare('SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string }[];
    expect(rows.length).toBeGreaterThan(15);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const v = await t.service.call('audit.verify', {}, auditor);
    expect(v).toEqual({ ok: true, value: { valid: true, checked: rows.length, headHash: rows.at(-1)?.hash, purgedPayloads: 0, firstBroken: null } });
  });

  it('names the row whose content was changed directly in SQLite', async () => {
    unlock();
    db().prepare("UPDATE audit_events SET actor_name = 'someone else' WHERE seq = 7").run();
    const v = t.service.deps.audit.verify();
    expect(v).toMatchObject({ valid: false, checked: 6, firstBroken: { seq: 7, problem: 'row content does not match its hash' } });
  });

  it('names the row whose payload was changed', () => {
    unlock();
    db().prepare(`UPDATE audit_payloads SET body = '{"from":"NOT_STARTED","to":"APPROVED"}' WHERE seq = 5`).run();
    expect(t.service.deps.audit.verify().firstBroken).toEqual({ seq: 5, problem: 'payload does not match its hash', code: 'PAYLOAD_HASH_MISMATCH' });
  });

  it('notices a deleted row and a rewritten hash', () => {
    unlock();
    db().prepare('DELETE FROM audit_payloads WHERE seq = 4').run();
    db().prepare('DELETE FROM audit_events WHERE seq = 4').run();
    expect(t.service.deps.audit.verify().firstBroken).toMatchObject({ seq: 5, problem: 'sequence gap: expected 4' });
  });

  it('catches a forger who recomputes the tampered row’s own hash: the next link breaks', () => {
    unlock();
    const r = db().prepare('SELECT * FROM audit_events WHERE seq = 3').get() as Record<string, string | number | null>;
    const forged = chainHash(String(r.prev_hash), {
      seq: 3,
      at: String(r.at),
      actorId: r.actor_id as string | null,
      actorName: 'a different officer',
      type: String(r.type),
      caseId: r.case_id as string | null,
      profileId: r.profile_id as string | null,
      payloadHash: String(r.payload_hash),
    });
    db().prepare("UPDATE audit_events SET actor_name = 'a different officer', hash = ? WHERE seq = 3").run(forged);
    expect(t.service.deps.audit.verify().firstBroken).toEqual({ seq: 4, problem: 'link to the previous row does not match', code: 'LINK_MISMATCH' });
  });

  it('still verifies after payloads are purged under retention, and only then', () => {
    // Removed without a record of the purge: every hash holds, but that is tampering.
    db().prepare('DELETE FROM audit_payloads WHERE seq IN (2, 3, 4)').run();
    expect(t.service.deps.audit.verify()).toMatchObject({ valid: false, checked: 1, firstBroken: { seq: 2, code: 'PAYLOAD_MISSING' } });
    // A tombstone event naming them (as the retention purge writes) makes the removal legitimate.
    t.service.deps.audit.append({ at: new Date().toISOString(), actor: { id: null, name: 'system' }, type: 'retention.purged', payload: { purgedPayloadSeqs: [2, 3, 4] } });
    expect(t.service.deps.audit.verify()).toMatchObject({ valid: true, purgedPayloads: 3, firstBroken: null });
    const events = t.service.deps.auditRows.list({ limit: 100 });
    expect(events.find((e) => e.seq === 3)?.payload).toBeNull();
  });

  it('filters the log for auditors by case, actor and type', async () => {
    const all = await t.service.call('audit.list', { limit: 1000 }, auditor);
    if (!all.ok) throw new Error(all.error.message);
    const caseId = all.value.find((e) => e.caseId)?.caseId ?? undefined;
    const byCase = await t.service.call('audit.list', { caseId, limit: 1000 }, auditor);
    expect(byCase.ok && byCase.value.length).toBeGreaterThan(3);
    expect(byCase.ok && byCase.value.every((e) => e.caseId === caseId)).toBe(true);
    // The viewer shows a case id's first eight characters; typed back (in any case) they find the same events.
    const byPrefix = await t.service.call('audit.list', { caseId: ` ${caseId!.slice(0, 8).toUpperCase()} `, limit: 1000 }, auditor);
    expect(byPrefix.ok && byPrefix.value.map((e) => e.seq)).toEqual(byCase.ok && byCase.value.map((e) => e.seq));
    const other = await t.service.call('audit.list', { caseId: caseId!.slice(0, 7) + (caseId![7] === 'f' ? '0' : 'f'), limit: 1000 }, auditor);
    expect(other.ok && other.value.some((e) => e.caseId === caseId)).toBe(false);
    const byType = await t.service.call('audit.list', { type: 'evidence.added', limit: 1000 }, auditor);
    expect(byType.ok && byType.value.length).toBe(3);
    const page = await t.service.call('audit.list', { limit: 5, beforeSeq: 10 }, auditor);
    expect(page.ok && page.value.map((e) => e.seq)).toEqual([9, 8, 7, 6, 5]);
  });
});
