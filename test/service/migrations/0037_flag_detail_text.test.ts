import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { ScreeningRepository } from '../../../electron/service/repositories/ScreeningRepository';
import { engineWords } from '../../../shared/schemas/engineText';
import { dbAtVersion, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0037 flag_detail_text', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('keeps flags raised before with their English detail and no words, and stores the words of new ones', () => {
    h = dbAtVersion(36);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    h.db
      .prepare("INSERT INTO case_flags (id, case_id, kind, other_case_id, blocklist_id, score, detail, created_at) VALUES ('f1', 'c-2', 'DUPLICATE_DOCUMENT', 'c-1', NULL, NULL, 'another profile has document X1', ?)")
      .run(T0);

    expect(migrate(h.db, 37)).toBe(37);
    const repo = new ScreeningRepository(h.db);
    expect(repo.flagsFor('c-2')).toMatchObject([{ id: 'f1', detail: 'another profile has document X1', detailText: null }]);

    const words = engineWords('duplicateDocument', { number: 'X2' });
    expect(repo.addFlag({ id: 'f2', caseId: 'c-1', kind: 'DUPLICATE_DOCUMENT', otherCaseId: 'c-2', blocklistId: null, score: null, detail: words, now: T0 })).toBe(true);
    expect(repo.flagsFor('c-1')).toMatchObject([{ id: 'f2', detail: 'another profile has document X2', detailText: { key: 'duplicateDocument', params: { number: 'X2' } } }]);
  });
});
