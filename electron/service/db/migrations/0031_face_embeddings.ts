import type { Migration } from './Migration';

/**
 * Screening compares a case's selfie with every other case's and with blocklisted faces at the
 * policy's face threshold, which is on the fused score (face-api + MobileFace, migration 29).
 * Until now only face-api's descriptor was stored, so screening read face-api alone against a
 * threshold set for the fused score. The selfie's MobileFace embedding is now stored beside it.
 * Rows written before stay without one (no image is kept to recompute it from here); screening
 * compares such a pair by face-api alone and says so in the flag.
 */
export const migration0031: Migration = {
  version: 31,
  name: 'face_embeddings',
  up(db) {
    db.exec(`
      -- MobileFace's 256-d embedding of the aligned selfie face, float32 little-endian; NULL on rows from before.
      ALTER TABLE face_descriptors ADD COLUMN mobile_face BLOB;
      ALTER TABLE blocklist ADD COLUMN mobile_face BLOB;
    `);
  },
};
