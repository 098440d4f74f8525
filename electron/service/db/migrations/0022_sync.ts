import type { Migration } from './Migration';

export const migration0022: Migration = {
  version: 22,
  name: 'sync',
  up(db) {
    db.exec(`
      -- Remote connectors (Didit, KillB, a central kycService): switched on and configured by an
      -- admin. The secret (API key, password, token) is stored encrypted, never in config.
      CREATE TABLE sync_connectors (
        id TEXT PRIMARY KEY CHECK (id IN ('didit','killb','central')),
        enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0,1)),
        config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
        secret BLOB,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES operators(id)
      ) STRICT;

      -- The outbox: a remote effect written in the same transaction as the local change that
      -- causes it, delivered later with its idempotency key. Nothing is deleted: delivered and
      -- discarded rows are the record of what was sent.
      CREATE TABLE sync_outbox (
        id TEXT PRIMARY KEY,
        -- Enqueue order: a case's effects reach a remote in the order they happened.
        seq INTEGER NOT NULL UNIQUE,
        connector TEXT NOT NULL,
        kind TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        case_id TEXT REFERENCES cases(id),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        status TEXT NOT NULL CHECK (status IN ('pending','delivering','delivered','dead','discarded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        remote_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        delivered_at TEXT
      ) STRICT;
      -- The runner's hot path: due rows of a connector, oldest first.
      CREATE INDEX sync_outbox_due ON sync_outbox(status, next_attempt_at, seq);
      CREATE INDEX sync_outbox_case ON sync_outbox(connector, case_id, seq);

      -- The inbox: webhooks and poll results stored first (one row per remote event id), then
      -- applied; a replay of the same event is recognised and dropped.
      CREATE TABLE sync_inbox (
        id TEXT PRIMARY KEY,
        connector TEXT NOT NULL,
        event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        status TEXT NOT NULL CHECK (status IN ('pending','applied','ignored','failed')),
        error TEXT,
        received_at TEXT NOT NULL,
        applied_at TEXT,
        UNIQUE (connector, event_id)
      ) STRICT;
      CREATE INDEX sync_inbox_pending ON sync_inbox(status, received_at);

      -- What a local case or profile is called remotely, and the newest remote state applied
      -- (so an older event never moves a case backwards).
      CREATE TABLE sync_links (
        connector TEXT NOT NULL,
        local_kind TEXT NOT NULL CHECK (local_kind IN ('case','profile')),
        local_id TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        remote_status TEXT,
        remote_updated_at TEXT,
        extra TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (connector, local_kind, local_id)
      ) STRICT;
      CREATE UNIQUE INDEX sync_links_remote ON sync_links(connector, local_kind, remote_id);
    `);
  },
};
