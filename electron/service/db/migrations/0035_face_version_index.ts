import type { Migration } from './Migration';

/**
 * Every analysis asks whether faces of an earlier description version are still stored
 * (ScreeningRepository.hasFacesBefore), and the sweep walks them (facesBefore). face_version sits
 * after two embedding blobs in each row, so without an index both read every stored face's
 * overflow pages; with one they read the index only.
 */
export const migration0035: Migration = {
  version: 35,
  name: 'face_version_index',
  up(db) {
    db.exec(`
      CREATE INDEX face_descriptors_version ON face_descriptors(face_version);
      CREATE INDEX blocklist_face_version ON blocklist(face_version) WHERE kind = 'FACE' AND removed_at IS NULL;
    `);
  },
};
