import type { Migration } from './Migration';

export const migration0002: Migration = {
  version: 2,
  name: 'profiles_and_cases',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('PERSON','COMPANY')),
        external_id TEXT NOT NULL UNIQUE,
        email TEXT,
        display_name TEXT NOT NULL,
        country_code TEXT NOT NULL,
        document_type TEXT NOT NULL,
        document_number TEXT NOT NULL,
        -- The full validated KillB profile; the columns above are the parts we query on.
        data TEXT NOT NULL CHECK (json_valid(data)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- USER.0003: an email belongs to one person.
      CREATE UNIQUE INDEX profiles_person_email ON profiles(email) WHERE type = 'PERSON';
      CREATE INDEX profiles_document_number ON profiles(document_number);
      CREATE INDEX profiles_display_name ON profiles(display_name COLLATE NOCASE);

      CREATE TABLE company_owners (
        company_id TEXT NOT NULL REFERENCES profiles(id),
        person_id TEXT NOT NULL REFERENCES profiles(id),
        is_main INTEGER NOT NULL CHECK (is_main IN (0,1)),
        PRIMARY KEY (company_id, person_id)
      ) STRICT;

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL UNIQUE REFERENCES profiles(id),
        status TEXT NOT NULL CHECK (status IN ('NOT_STARTED','IN_PROGRESS','SUBMITTED','IN_REVIEW',
          'AWAITING_SECOND_REVIEW','RESUBMISSION_REQUESTED','APPROVED','REJECTED','EXPIRED')),
        kyc_level TEXT NOT NULL DEFAULT 'L0',
        assignee_id TEXT REFERENCES operators(id),
        submitted_at TEXT,
        closed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        user_modified INTEGER NOT NULL DEFAULT 0 CHECK (user_modified IN (0,1))
      ) STRICT;
      -- The queue: a status filter sorted by age is the hot path.
      CREATE INDEX cases_status_submitted ON cases(status, submitted_at, id);
      CREATE INDEX cases_submitted ON cases(submitted_at, id);
      CREATE INDEX cases_updated ON cases(updated_at, id);
      CREATE INDEX cases_assignee ON cases(assignee_id);

      CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        actor_id TEXT NOT NULL REFERENCES operators(id),
        action TEXT NOT NULL CHECK (action IN ('approve','reject','request_resubmission','reset')),
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        reason_code TEXT,
        reason_kind TEXT CHECK (reason_kind IN ('RETRY','FINAL')),
        internal_comment TEXT NOT NULL,
        customer_message TEXT NOT NULL,
        resubmit_items TEXT NOT NULL CHECK (json_valid(resubmit_items)),
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX decisions_case ON decisions(case_id, at);
    `);
  },
};
