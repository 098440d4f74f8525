import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0022 sync', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds the outbox, inbox, links and connectors, strict, with their uniqueness rules', () => {
    h = dbAtVersion(21);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    expect(migrate(h.db, 22)).toBe(22);
    for (const table of ['sync_connectors', 'sync_outbox', 'sync_inbox', 'sync_links']) expect(isStrict(h.db, table)).toBe(true);
    const outbox = h.db.prepare(
      "INSERT INTO sync_outbox (id, seq, connector, kind, idempotency_key, case_id, payload, status, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'killb', 'k', ?, 'c-1', '{}', 'pending', ?, ?, ?)",
    );
    outbox.run('o-1', 1, 'key-1', T0, T0, T0);
    // One row per effect: the idempotency key is unique, and so is the enqueue order.
    expect(() => outbox.run('o-2', 2, 'key-1', T0, T0, T0)).toThrow(/UNIQUE/);
    expect(() => outbox.run('o-3', 1, 'key-3', T0, T0, T0)).toThrow(/UNIQUE/);
    expect(() => h.db.prepare("UPDATE sync_outbox SET status = 'lost' WHERE id = 'o-1'").run()).toThrow(/CHECK/);
    const inbox = h.db.prepare("INSERT INTO sync_inbox (id, connector, event_id, kind, payload, status, received_at) VALUES (?, 'didit', ?, 'decision', '{}', 'pending', ?)");
    inbox.run('i-1', 'evt-1', T0);
    expect(() => inbox.run('i-2', 'evt-1', T0)).toThrow(/UNIQUE/);
    expect(() => h.db.prepare("INSERT INTO sync_connectors (id, updated_at) VALUES ('somewhere', ?)").run(T0)).toThrow(/CHECK/);
    const link = h.db.prepare("INSERT INTO sync_links (connector, local_kind, local_id, remote_id, updated_at) VALUES ('killb', 'profile', ?, ?, ?)");
    link.run('p-1', 'u-1', T0);
    // A remote id names one local record.
    expect(() => link.run('p-2', 'u-1', T0)).toThrow(/UNIQUE/);
  });
});
