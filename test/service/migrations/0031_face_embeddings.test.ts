import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
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
    // Today's repository reads columns later migrations add: the rows are read as this version left them.
    const faces = () => h.db.prepare('SELECT case_id, descriptor, mobile_face FROM face_descriptors ORDER BY rowid').all() as { case_id: string; descriptor: Buffer; mobile_face: Buffer | null }[];
    const floats = (b: Buffer | null) => (b ? Array.from(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))) : null);
    expect(faces().map((f) => [f.case_id, floats(f.descriptor), f.mobile_face])).toEqual([['c-1', [0.5, 0.25], null]]);
    expect(h.db.prepare("SELECT id, mobile_face FROM blocklist WHERE kind = 'FACE'").all()).toEqual([{ id: 'b1', mobile_face: null }]);
    h.db.prepare('INSERT INTO face_descriptors (case_id, descriptor, mobile_face, created_at) VALUES (?, ?, ?, ?)').run('c-2', blob([1, 2]), blob([3, 4, 5]), T0);
    expect(floats(faces()[1]!.mobile_face)).toEqual([3, 4, 5]);
    // A face entry still needs its face-api descriptor.
    expect(() => h.db.prepare("INSERT INTO blocklist (id, kind, mobile_face, source_case_id, reason, created_by, created_at) VALUES ('b2', 'FACE', ?, 'c-2', 'x', 'op-1', ?)").run(blob([1]), T0)).toThrow(/CHECK/);
  });

  it('queues no sweep on a store without stored faces', () => {
    h = dbAtVersion(30);
    expect(migrate(h.db, 31)).toBe(31);
    expect(h.db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
  });
});
