import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { ScreeningRepository } from '../../../electron/service/repositories/ScreeningRepository';
import { dbAtVersion, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0032 flag_face_api_only', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('marks the face flags raised before as read by face-api alone, document flags not, and new flags say how they were read', () => {
    h = dbAtVersion(31);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    const add = h.db.prepare('INSERT INTO case_flags (id, case_id, kind, other_case_id, blocklist_id, score, detail, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)');
    add.run('f1', 'c-2', 'DUPLICATE_FACE', 'c-1', 0.61, 'same selfie', T0);
    add.run('f2', 'c-2', 'DUPLICATE_DOCUMENT', 'c-1', null, 'same number', T0);

    expect(migrate(h.db, 32)).toBe(32);
    const repo = new ScreeningRepository(h.db);
    expect(repo.flagsFor('c-2').map((f) => [f.id, f.faceApiOnly])).toEqual([
      ['f1', true],
      ['f2', false],
    ]);
    expect(repo.addFlag({ id: 'f3', caseId: 'c-1', kind: 'DUPLICATE_FACE', otherCaseId: 'c-2', blocklistId: null, score: 0.7, faceApiOnly: false, detail: 'fused', now: T0 })).toBe(true);
    expect(repo.flagsFor('c-1').map((f) => f.faceApiOnly)).toEqual([false]);
    expect(() => h.db.prepare("UPDATE case_flags SET face_api_only = 2 WHERE id = 'f3'").run()).toThrow(/CHECK/);
  });
});
