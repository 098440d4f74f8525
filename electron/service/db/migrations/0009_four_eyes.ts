import type { Migration } from './Migration';

export const migration0009: Migration = {
  version: 9,
  name: 'four_eyes',
  up(db) {
    db.exec(`
      -- A decision that needs a second pair of eyes is stored as proposed; a different senior
      -- officer confirms it (it takes effect) or returns it to review.
      ALTER TABLE decisions ADD COLUMN state TEXT NOT NULL DEFAULT 'final' CHECK (state IN ('final','proposed','confirmed','returned'));
      ALTER TABLE decisions ADD COLUMN reviewer_id TEXT REFERENCES operators(id);
      ALTER TABLE decisions ADD COLUMN reviewed_at TEXT;
      ALTER TABLE decisions ADD COLUMN review_comment TEXT;
      ALTER TABLE decisions ADD COLUMN four_eyes_reason TEXT;
      CREATE INDEX decisions_proposed ON decisions(state) WHERE state = 'proposed';
    `);
  },
};
