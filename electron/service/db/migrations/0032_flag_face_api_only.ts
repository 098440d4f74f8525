import type { Migration } from './Migration';

/**
 * A face flag raised by face-api's similarity alone (a stored face without its MobileFace
 * embedding, see migration 31) is marked, so a blocklist face hit found that way sends the case
 * to an officer instead of recommending a decline: the policy's threshold was set for the fused
 * score, and face-api alone accepts more strangers there. Flags raised before were all raised by
 * face-api alone (screening compared nothing else until migration 31).
 */
export const migration0032: Migration = {
  version: 32,
  name: 'flag_face_api_only',
  up(db) {
    db.exec(`
      ALTER TABLE case_flags ADD COLUMN face_api_only INTEGER NOT NULL DEFAULT 0 CHECK (face_api_only IN (0, 1));
      UPDATE case_flags SET face_api_only = 1 WHERE kind IN ('BLOCKLIST_FACE', 'DUPLICATE_FACE');
    `);
  },
};
