import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { AuditRepository } from '../../../electron/service/repositories/AuditRepository';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

describe('migration 0016 audit_profile_index', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('indexes audit events by profile so a purge does not scan the whole log', () => {
    h = dbAtVersion(15);
    const ins = h.db.prepare("INSERT INTO audit_events VALUES (?, ?, NULL, 'system', 'x', ?, ?, ?, ?, ?)");
    const pay = h.db.prepare("INSERT INTO audit_payloads VALUES (?, '{}')");
    for (let seq = 1; seq <= 3; seq++) {
      ins.run(seq, T0, seq === 3 ? null : 'c-1', seq === 1 ? null : 'p-1', 'a'.repeat(64), String(seq - 1).padStart(64, '0'), String(seq).padStart(64, '0'));
      pay.run(seq);
    }
    const sql = 'SELECT e.seq FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.case_id = ? OR e.profile_id = ?';
    const before = (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('c-1', 'p-1') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(before).not.toContain('audit_profile');
    expect(migrate(h.db, 16)).toBe(16);
    const after = (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('c-1', 'p-1') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(after).toContain('audit_profile');
    expect(after).not.toMatch(/SCAN e\b/);
    // The rows are untouched, and the purge query still finds the case's and the profile's events.
    expect(new AuditRepository(h.db).payloadSeqsFor('c-1', 'p-1')).toEqual([1, 2, 3]);
  });
});
