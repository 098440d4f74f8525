import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0013 api_tokens', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds API tokens (hash only, one active name) and once-only liveness callbacks', () => {
    h = dbAtVersion(12);
    seedOperator(h.db, 'admin-1');
    seedOperator(h.db, 'svc-1');
    seedOperator(h.db, 'svc-2');
    seedProfileAndCase(h.db);
    h.db.prepare(`INSERT INTO liveness_sessions VALUES ('s1', 'c-1', '["blink","smile","nod"]', 'PASSED', NULL, ?, ?, ?, 'admin-1')`).run(T0, T0, T0);
    expect(migrate(h.db, 13)).toBe(13);
    expect(isStrict(h.db, 'api_tokens')).toBe(true);
    expect(isStrict(h.db, 'api_liveness_callbacks')).toBe(true);

    const insert = h.db.prepare('INSERT INTO api_tokens (id, name, token_hash, role, operator_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('t1', 'crm', 'hash-1', 'branch_staff', 'svc-1', 'admin-1', T0);
    // A second active token with the same name is refused; after revoking, the name is free again.
    expect(() => insert.run('t2', 'crm', 'hash-2', 'officer', 'svc-2', 'admin-1', T0)).toThrow(/UNIQUE/);
    h.db.prepare("UPDATE api_tokens SET revoked_at = ?, revoked_by = 'admin-1' WHERE id = 't1'").run(T0);
    insert.run('t2', 'crm', 'hash-2', 'officer', 'svc-2', 'admin-1', T0);
    expect(() => insert.run('t3', 'x', 'hash-3', 'admin', 'svc-1', null, T0)).toThrow(/CHECK/);
    expect(() => insert.run('t4', 'y', 'hash-4', 'officer', 'op-404', null, T0)).toThrow(/FOREIGN KEY/);

    const cb = h.db.prepare('INSERT INTO api_liveness_callbacks (session_id, received_by, received_at) VALUES (?, ?, ?)');
    cb.run('s1', 'svc-1', T0);
    expect(() => cb.run('s1', 'svc-1', T0)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => cb.run('s-404', 'svc-1', T0)).toThrow(/FOREIGN KEY/);
    // Existing rows are untouched.
    expect(h.db.prepare('SELECT count(*) AS n FROM liveness_sessions').get()).toEqual({ n: 1 });
  });
});
