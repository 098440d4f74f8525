import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0032 flag_face_api_only', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('marks the face flags raised before as read by face-api alone, document flags not, and new flags default to the fused score', () => {
    h = dbAtVersion(31);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    const add = h.db.prepare('INSERT INTO case_flags (id, case_id, kind, other_case_id, blocklist_id, score, detail, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)');
    add.run('f1', 'c-2', 'DUPLICATE_FACE', 'c-1', 0.61, 'same selfie', T0);
    add.run('f2', 'c-2', 'DUPLICATE_DOCUMENT', 'c-1', null, 'same number', T0);

    expect(migrate(h.db, 32)).toBe(32);
    // Read as this version left the table (migration 33 renames the column).
    expect(h.db.prepare('SELECT id, face_api_only FROM case_flags ORDER BY id').all()).toEqual([
      { id: 'f1', face_api_only: 1 },
      { id: 'f2', face_api_only: 0 },
    ]);
    h.db.prepare("INSERT INTO case_flags (id, case_id, kind, other_case_id, blocklist_id, score, detail, created_at) VALUES ('f3', 'c-1', 'DUPLICATE_FACE', 'c-2', NULL, 0.7, 'fused', ?)").run(T0);
    expect(h.db.prepare("SELECT face_api_only FROM case_flags WHERE id = 'f3'").get()).toEqual({ face_api_only: 0 });
    expect(() => h.db.prepare("UPDATE case_flags SET face_api_only = 2 WHERE id = 'f3'").run()).toThrow(/CHECK/);
  });
});
