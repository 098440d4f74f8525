import type { Migration } from './Migration';

/**
 * Face description version 2 (shared/faceDescriptionVersion.ts): face-api's descriptor is
 * now read from another crop and its mirror image, so a descriptor stored before no longer
 * compares with one stored after. Every stored face (selfies for duplicate screening, blocklisted
 * faces) now carries the version it was described under; the rows written before are version 1.
 * The background sweep queued here describes them anew from their selfies (it needs the face
 * models, which a migration does not load); until it has, screening compares a version-1 face
 * with a version-2 one by MobileFace's embedding alone, and says so in the flag.
 *
 * A flag read by one model, not the fused score, was `face_api_only` (migration 32); it is now
 * `single_model`, as the model may be either.
 */
/** FACE_BACKFILL_JOB, written out so this migration keeps meaning what it meant when it shipped. */
const SWEEP_JOB = 'screening.faceBackfill';
export const migration0033: Migration = {
  version: 33,
  name: 'face_description_v2',
  up(db) {
    db.exec(`
      ALTER TABLE face_descriptors ADD COLUMN face_version INTEGER NOT NULL DEFAULT 1 CHECK (face_version >= 1);
      ALTER TABLE blocklist ADD COLUMN face_version INTEGER NOT NULL DEFAULT 1 CHECK (face_version >= 1);
      ALTER TABLE case_flags RENAME COLUMN face_api_only TO single_model;
    `);
    // One sweep. A sweep waiting from migration 31 (queued, or left running by a crash) starts
    // over: its cursor skipped the faces that already had their embedding, which are version 1
    // too, and its counts were of another sweep.
    db.prepare("UPDATE jobs SET payload = '{}' WHERE type = ? AND status IN ('queued', 'running')").run(SWEEP_JOB);
    db.prepare(
      `INSERT INTO jobs (id, type, case_id, payload, status, max_attempts, created_at, created_by, lane)
       SELECT lower(hex(randomblob(16))), ?, NULL, '{}', 'queued', 3, ?, NULL, 'background'
       WHERE (EXISTS (SELECT 1 FROM face_descriptors) OR EXISTS (SELECT 1 FROM blocklist WHERE kind = 'FACE' AND removed_at IS NULL))
         AND NOT EXISTS (SELECT 1 FROM jobs WHERE type = ? AND status IN ('queued', 'running'))`,
    ).run(SWEEP_JOB, new Date().toISOString(), SWEEP_JOB);
  },
};
