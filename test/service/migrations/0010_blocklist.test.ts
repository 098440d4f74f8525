import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0010 blocklist', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds the blocklist, face descriptors and case flags, referencing existing cases', () => {
    h = dbAtVersion(9);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    expect(migrate(h.db, 10)).toBe(10);
    for (const t of ['blocklist', 'face_descriptors', 'case_flags']) expect(isStrict(h.db, t)).toBe(true);
    h.db.prepare("INSERT INTO blocklist (id, kind, document_number, source_case_id, reason, created_by, created_at) VALUES ('b1', 'DOCUMENT', 'X1', 'c-1', 'fraud', 'op-1', ?)").run(T0);
    // A face entry needs its descriptor; a document entry its number.
    expect(() => h.db.prepare("INSERT INTO blocklist (id, kind, source_case_id, reason, created_by, created_at) VALUES ('b2', 'FACE', 'c-1', 'x', 'op-1', ?)").run(T0)).toThrow(/CHECK/);
    h.db.prepare("INSERT INTO case_flags VALUES ('f1', 'c-2', 'BLOCKLIST_DOCUMENT', NULL, 'b1', NULL, 'same number', ?)").run(T0);
    expect(() => h.db.prepare("INSERT INTO case_flags VALUES ('f2', 'c-2', 'DUPLICATE_FACE', 'c-404', NULL, 0.9, 'x', ?)").run(T0)).toThrow(/FOREIGN KEY/);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 2 });
  });
});
