import type { Migration } from './Migration';

export const migration0013: Migration = {
  version: 13,
  name: 'api_tokens',
  up(db) {
    db.exec(`
      -- REST API tokens. Only a hash is stored; the raw token is shown once, at creation.
      -- Each token acts through its own service-account operator, so the audit log names it.
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('branch_staff','officer')),
        operator_id TEXT NOT NULL UNIQUE REFERENCES operators(id),
        created_by TEXT REFERENCES operators(id),
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT,
        revoked_by TEXT REFERENCES operators(id)
      ) STRICT;
      -- A name is reused only after the token that had it is revoked.
      CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens(name) WHERE revoked_at IS NULL;

      -- kycService liveness callbacks are taken once per session: a replay is refused.
      CREATE TABLE api_liveness_callbacks (
        session_id TEXT PRIMARY KEY REFERENCES liveness_sessions(id),
        received_by TEXT NOT NULL REFERENCES operators(id),
        received_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
