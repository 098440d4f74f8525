import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { ScreeningRepository } from '../../../electron/service/repositories/ScreeningRepository';
import { FACE_BACKFILL_JOB } from '../../../electron/service/screening/faceBackfillJob';
import { FACE_DESCRIPTION_VERSION } from '../../../shared/faceDescriptionVersion';
import { dbAtVersion, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

const blob = (xs: number[]) => Buffer.from(Float32Array.from(xs).buffer);

describe('migration 0033 face_description_v2', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('marks every face stored before as version 1, queues one sweep to describe them anew, and renames the single-model flag', () => {
    h = dbAtVersion(32);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    h.db.prepare('INSERT INTO face_descriptors (case_id, descriptor, mobile_face, created_at) VALUES (?, ?, ?, ?)').run('c-1', blob([0.5, 0.25]), blob([1, 0]), T0);
    h.db.prepare("INSERT INTO blocklist (id, kind, descriptor, source_case_id, reason, created_by, created_at) VALUES ('b1', 'FACE', ?, 'c-1', 'fraud', 'op-1', ?)").run(blob([0.5, 0.25]), T0);
    h.db.prepare("INSERT INTO case_flags (id, case_id, kind, other_case_id, blocklist_id, score, face_api_only, detail, created_at) VALUES ('f1', 'c-2', 'DUPLICATE_FACE', 'c-1', NULL, 0.6, 1, 'x', ?)").run(T0);

    expect(migrate(h.db, 33)).toBe(33);
    expect(h.db.prepare('SELECT type, status, lane FROM jobs').all()).toEqual([{ type: FACE_BACKFILL_JOB, status: 'queued', lane: 'background' }]);
    const repo = new ScreeningRepository(h.db);
    expect(repo.faceOf('c-1')).toMatchObject({ version: 1 });
    expect(repo.facesBefore(FACE_DESCRIPTION_VERSION, 0, 10).map((f) => [f.caseId, f.version])).toEqual([['c-1', 1]]);
    expect(repo.entriesBefore(FACE_DESCRIPTION_VERSION, 0, 10).map((e) => e.id)).toEqual(['b1']);
    expect(repo.flagsFor('c-2').map((f) => [f.id, f.singleModel])).toEqual([['f1', true]]);
    // The renamed column keeps its check; a new face carries the version it is stored under.
    expect(() => h.db.prepare("UPDATE case_flags SET single_model = 2 WHERE id = 'f1'").run()).toThrow(/CHECK/);
    repo.saveFace('c-2', { descriptor: Float32Array.of(1, 2), mobileFace: Float32Array.of(3, 4), version: FACE_DESCRIPTION_VERSION }, T0);
    expect(repo.faceOf('c-2')!.version).toBe(FACE_DESCRIPTION_VERSION);
    expect(repo.facesBefore(FACE_DESCRIPTION_VERSION, 0, 10).map((f) => f.caseId)).toEqual(['c-1']);
    expect(() => h.db.prepare("UPDATE face_descriptors SET face_version = 0 WHERE case_id = 'c-2'").run()).toThrow(/CHECK/);
  });

  it('restarts a sweep waiting from migration 31 from the first face, and queues none on a store without faces', () => {
    h = dbAtVersion(30);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    h.db.prepare('INSERT INTO face_descriptors (case_id, descriptor, created_at) VALUES (?, ?, ?)').run('c-1', blob([0.5]), T0);
    // Migration 31 queues its sweep; it had got past the first face (which had its embedding) when the app closed.
    expect(migrate(h.db, 32)).toBe(32);
    h.db.prepare('UPDATE jobs SET payload = ?').run(JSON.stringify({ faceAfter: 1, entryAfter: 0, counts: { faces: 1, entries: 0, embedded: 1, noSelfie: 0, unreadable: 0, otherFace: 0 } }));
    expect(migrate(h.db, 33)).toBe(33);
    // One sweep, from the first face: every face is version 1 now, the one the old sweep had passed too.
    expect(h.db.prepare('SELECT type, payload FROM jobs').all()).toEqual([{ type: FACE_BACKFILL_JOB, payload: '{}' }]);
    h.cleanup();

    h = dbAtVersion(32);
    expect(migrate(h.db, 33)).toBe(33);
    expect(h.db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
  });
});
