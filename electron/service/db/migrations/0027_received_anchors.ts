import type { Migration } from './Migration';

export const migration0027: Migration = {
  version: 27,
  name: 'received_anchors',
  up(db) {
    db.exec(`
      -- Signed checkpoints of other workstations' audit chains, as they arrive through sync (a
      -- central server keeps its branches'). One per signing key and sequence number: a second
      -- one for the same event with another head is kept beside it as evidence of a rewrite.
      CREATE TABLE received_anchors (
        id TEXT PRIMARY KEY,
        key_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq > 0),
        head TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        public_key TEXT NOT NULL,
        signature TEXT NOT NULL,
        received_at TEXT NOT NULL,
        received_from TEXT REFERENCES operators(id),
        conflict INTEGER NOT NULL CHECK (conflict IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX received_anchors_once ON received_anchors(key_id, seq, head);
      CREATE INDEX received_anchors_key ON received_anchors(key_id, seq);
    `);
  },
};
