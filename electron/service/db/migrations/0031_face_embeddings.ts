import type { Migration } from './Migration';

/**
 * Screening compares a case's selfie with every other case's and with blocklisted faces at the
 * policy's face threshold, which is on the fused score (face-api + MobileFace, migration 29).
 * Until now only face-api's descriptor was stored, so screening read face-api alone against a
 * threshold set for the fused score. The selfie's MobileFace embedding is now stored beside it.
 * Rows written before get theirs from a background job queued here (screening/faceBackfillJob.ts:
 * it needs the face models, which a migration does not load); until then, and for a case whose
 * selfie is gone, screening compares such a pair by face-api alone and says so in the flag.
 */
/** FACE_BACKFILL_JOB, written out so this migration keeps meaning what it meant when it shipped. */
const BACKFILL_JOB = 'screening.faceBackfill';
export const migration0031: Migration = {
  version: 31,
  name: 'face_embeddings',
  up(db) {
    db.exec(`
      -- MobileFace's 256-d embedding of the aligned selfie face, float32 little-endian; NULL on rows from before.
      ALTER TABLE face_descriptors ADD COLUMN mobile_face BLOB;
      ALTER TABLE blocklist ADD COLUMN mobile_face BLOB;
    `);
    db.prepare(
      `INSERT INTO jobs (id, type, case_id, payload, status, max_attempts, created_at, created_by, lane)
       SELECT lower(hex(randomblob(16))), ?, NULL, '{}', 'queued', 3, ?, NULL, 'background' WHERE EXISTS (SELECT 1 FROM face_descriptors)`,
    ).run(BACKFILL_JOB, new Date().toISOString());
  },
};
