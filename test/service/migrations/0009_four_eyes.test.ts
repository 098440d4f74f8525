import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0009 four_eyes', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('marks existing decisions final and adds the second-review columns', () => {
    h = dbAtVersion(8);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    h.db.prepare("INSERT INTO decisions VALUES ('d1', 'c-1', 'op-1', 'approve', 'IN_REVIEW', 'APPROVED', NULL, NULL, '', '', '[]', ?)").run(T0);
    expect(migrate(h.db, 9)).toBe(9);
    expect(h.db.prepare('SELECT state, reviewer_id FROM decisions').get()).toEqual({ state: 'final', reviewer_id: null });
    expect(() => h.db.prepare("UPDATE decisions SET state = 'maybe'").run()).toThrow(/CHECK/);
    expect(() => h.db.prepare("UPDATE decisions SET reviewer_id = 'ghost'").run()).toThrow(/FOREIGN KEY/);
  });
});
