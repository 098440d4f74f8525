import type { Migration } from './Migration';

export const migration0021: Migration = {
  version: 21,
  name: 'uploads',
  up(db) {
    db.exec(`
      -- LeapCat's upload utility: a file is stored first and answered with a key and a URL;
      -- a later step (kyc documents, kyc supplementary) says which customer and which side it
      -- is. The bytes are in the evidence store (content-addressed); this row is the key.
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        mime_type TEXT NOT NULL CHECK (mime_type IN ('image/jpeg','image/png','application/pdf')),
        byte_size INTEGER NOT NULL CHECK (byte_size > 0),
        file_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES operators(id),
        -- Set once, when the upload is filed with a customer; an upload belongs to one customer.
        attached_profile_id TEXT REFERENCES intake_applications(profile_id),
        attached_kind TEXT CHECK (attached_kind IS NULL OR attached_kind IN ('DOCUMENT_FRONT','DOCUMENT_BACK','SELFIE','PROOF_OF_ADDRESS','SOURCE_OF_FUNDS','SUPPLEMENTARY')),
        attached_document_id TEXT,
        attached_at TEXT,
        CHECK ((attached_profile_id IS NULL) = (attached_kind IS NULL) AND (attached_kind IS NULL) = (attached_at IS NULL))
      ) STRICT;
      CREATE INDEX uploads_attached_profile ON uploads(attached_profile_id);
      CREATE INDEX uploads_sha256 ON uploads(sha256);

      -- The identity document the customer declared with kyc documents (type, and the number
      -- and dates when given), kept with the application until the personal information names it.
      ALTER TABLE intake_applications ADD COLUMN declared_document TEXT CHECK (declared_document IS NULL OR json_valid(declared_document));
    `);
  },
};
