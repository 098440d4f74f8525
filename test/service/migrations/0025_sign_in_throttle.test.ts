import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

describe('migration 0025 sign_in_throttle', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds the failure counters, one row per scope and key, scopes account and client only', () => {
    h = dbAtVersion(24);
    expect(migrate(h.db, 25)).toBe(25);
    const insert = h.db.prepare('INSERT INTO sign_in_failures (scope, key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)');
    insert.run('account', 'a@b.example', 1, T0, null);
    insert.run('client', 'http 127.0.0.1', 3, T0, T0);
    expect(() => insert.run('account', 'a@b.example', 2, T0, null)).toThrow(/UNIQUE/);
    expect(() => insert.run('device', 'x', 1, T0, null)).toThrow(/CHECK/);
    expect(() => insert.run('account', 'z@b.example', 0, T0, null)).toThrow(/CHECK/);
    expect(h.db.prepare('SELECT count(*) AS n FROM sign_in_failures').get()).toEqual({ n: 2 });
  });
});
