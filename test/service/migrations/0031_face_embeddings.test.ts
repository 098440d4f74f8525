import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { ScreeningRepository } from '../../../electron/service/repositories/ScreeningRepository';
import { FACE_BACKFILL_JOB } from '../../../electron/service/screening/faceBackfillJob';
import { dbAtVersion, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

const blob = (xs: number[]) => Buffer.from(Float32Array.from(xs).buffer);

describe('migration 0031 face_embeddings', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('keeps the faces stored before, without an embedding, and stores embeddings from then on', () => {
    h = dbAtVersion(30);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    h.db.prepare('INSERT INTO face_descriptors (case_id, descriptor, created_at) VALUES (?, ?, ?)').run('c-1', blob([0.5, 0.25]), T0);
    h.db.prepare("INSERT INTO blocklist (id, kind, descriptor, source_case_id, reason, created_by, created_at) VALUES ('b1', 'FACE', ?, 'c-1', 'fraud', 'op-1', ?)").run(blob([0.5, 0.25]), T0);

    expect(migrate(h.db, 31)).toBe(31);
    // The sweep that describes those faces again is queued, once, in the background lane.
    expect(h.db.prepare('SELECT type, status, lane, case_id FROM jobs').all()).toEqual([{ type: FACE_BACKFILL_JOB, status: 'queued', lane: 'background', case_id: null }]);
    const repo = new ScreeningRepository(h.db);
    expect(repo.facesWithoutEmbedding(0, 10).map((f) => f.caseId)).toEqual(['c-1']);
    expect(repo.entriesWithoutEmbedding(0, 10).map((e) => e.id)).toEqual(['b1']);
    const before = repo.faceOf('c-1')!;
    expect(Array.from(before.descriptor)).toEqual([0.5, 0.25]);
    expect(before.mobileFace).toBeNull();
    expect(repo.faceEntries().map((e) => [e.id, e.face.mobileFace])).toEqual([['b1', null]]);

    repo.saveFace('c-2', { descriptor: Float32Array.of(1, 2), mobileFace: Float32Array.of(3, 4, 5) }, T0);
    expect(Array.from(repo.faceOf('c-2')!.mobileFace!)).toEqual([3, 4, 5]);
    // Re-analysing a case written before replaces its face with both descriptions.
    repo.saveFace('c-1', { descriptor: Float32Array.of(0.5, 0.25), mobileFace: Float32Array.of(1, 0) }, T0);
    expect(Array.from(repo.faceOf('c-1')!.mobileFace!)).toEqual([1, 0]);
    // A face entry still needs its face-api descriptor.
    expect(() => h.db.prepare("INSERT INTO blocklist (id, kind, mobile_face, source_case_id, reason, created_by, created_at) VALUES ('b2', 'FACE', ?, 'c-2', 'x', 'op-1', ?)").run(blob([1]), T0)).toThrow(/CHECK/);
  });

  it('queues no sweep on a store without stored faces', () => {
    h = dbAtVersion(30);
    expect(migrate(h.db, 31)).toBe(31);
    expect(h.db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
  });
});
