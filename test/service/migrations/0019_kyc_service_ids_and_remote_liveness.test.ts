import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0019 kyc_service_ids_and_remote_liveness', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('numbers existing cases once, in creation order, and keeps the numbers unique', () => {
    h = dbAtVersion(18);
    seedOperator(h.db);
    for (const n of [1, 2, 3]) seedProfileAndCase(h.db, n);
    expect(migrate(h.db, 19)).toBe(19);
    const rows = h.db.prepare('SELECT id, document_no FROM cases ORDER BY rowid').all() as { id: string; document_no: number }[];
    expect(rows).toEqual([
      { id: 'c-1', document_no: 1 },
      { id: 'c-2', document_no: 2 },
      { id: 'c-3', document_no: 3 },
    ]);
    expect(() => h.db.prepare("UPDATE cases SET document_no = 1 WHERE id = 'c-2'").run()).toThrow(/UNIQUE/);
  });

  it('stores a remote liveness result once per fingerprint, tied to a case and an operator', () => {
    h = dbAtVersion(18);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    migrate(h.db, 19);
    expect(isStrict(h.db, 'liveness_remote_results')).toBe(true);
    const insert = h.db.prepare(
      `INSERT INTO liveness_remote_results (id, case_id, session_id, confidence, result, error_message, local_status, fingerprint, received_at, received_by)
       VALUES (?, 'c-1', 's-1', 96.2, 'success', NULL, NULL, ?, ?, 'op-1') ON CONFLICT (fingerprint) DO NOTHING`,
    );
    expect(insert.run('r-1', 'fp-1', T0).changes).toBe(1);
    expect(insert.run('r-2', 'fp-1', T0).changes).toBe(0);
    expect(() => h.db.prepare("INSERT INTO liveness_remote_results (id, case_id, fingerprint, received_at, received_by) VALUES ('r-3', 'no-case', 'fp-3', ?, 'op-1')").run(T0)).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare("INSERT INTO liveness_remote_results (id, case_id, local_status, fingerprint, received_at, received_by) VALUES ('r-4', 'c-1', 'MAYBE', 'fp-4', ?, 'op-1')").run(T0)).toThrow(/CHECK/);
  });
});
