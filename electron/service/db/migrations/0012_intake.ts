import type { Migration } from './Migration';
import { INITIAL_INTAKE_TEXTS } from '../../intake/initialTexts';

export const migration0012: Migration = {
  version: 12,
  name: 'intake',
  up(db) {
    db.exec(`
      -- Legal texts of record. A change is a new version; old versions stay readable forever,
      -- because a consent or an acceptance names the exact version the customer saw.
      CREATE TABLE intake_texts (
        id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('consent','agreement','disclosure')),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        title_zh TEXT,
        body_zh TEXT,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;
      CREATE TRIGGER intake_texts_immutable BEFORE UPDATE ON intake_texts
        BEGIN SELECT RAISE(ABORT, 'legal texts are immutable; publish a new version'); END;
      CREATE TRIGGER intake_texts_kept BEFORE DELETE ON intake_texts
        BEGIN SELECT RAISE(ABORT, 'legal texts are kept; publish a new version'); END;

      -- One row per customer in onboarding. The profile_id is reserved before the profile
      -- exists; the profile created from the personal information takes the same id.
      CREATE TABLE intake_applications (
        profile_id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('PERSON','COMPANY')),
        created_by TEXT NOT NULL REFERENCES operators(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX intake_applications_updated ON intake_applications(updated_at);

      -- Consent and agreement acceptances, append-only: who recorded it, when, and which version.
      CREATE TABLE intake_acceptances (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES intake_applications(profile_id),
        text_id TEXT NOT NULL,
        text_version INTEGER NOT NULL,
        operator_id TEXT NOT NULL REFERENCES operators(id),
        at TEXT NOT NULL,
        FOREIGN KEY (text_id, text_version) REFERENCES intake_texts(id, version)
      ) STRICT;
      CREATE INDEX intake_acceptances_profile ON intake_acceptances(profile_id, at);

      -- Documents added before the profile (and its case) exists; moved onto the case as
      -- evidence when the profile is created. The bytes are in the evidence store already.
      CREATE TABLE intake_documents (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES intake_applications(profile_id),
        kind TEXT NOT NULL CHECK (kind IN ('DOCUMENT_FRONT','DOCUMENT_BACK','SELFIE','PROOF_OF_ADDRESS','SOURCE_OF_FUNDS','SUPPLEMENTARY')),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        mime_type TEXT NOT NULL,
        byte_size INTEGER NOT NULL CHECK (byte_size > 0),
        file_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES operators(id),
        evidence_id TEXT REFERENCES evidence(id)
      ) STRICT;
      CREATE INDEX intake_documents_profile ON intake_documents(profile_id, created_at);

      -- The wizard's unvalidated form values, so an operator can leave and resume.
      CREATE TABLE intake_drafts (
        profile_id TEXT PRIMARY KEY REFERENCES intake_applications(profile_id),
        step TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES operators(id)
      ) STRICT;
    `);
    const insert = db.prepare(
      `INSERT INTO intake_texts (id, version, kind, title, body, title_zh, body_zh, published_at, published_by)
       VALUES (?, 1, ?, ?, ?, ?, ?, ?, 'system')`,
    );
    for (const t of INITIAL_INTAKE_TEXTS) insert.run(t.id, t.kind, t.title, t.text, t.zhCN.title, t.zhCN.text, t.publishedAt);
  },
};
