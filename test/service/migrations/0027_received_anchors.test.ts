import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

describe('migration 0027 received_anchors', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it("keeps other workstations' signed checkpoints: one per key, event and head, conflicts beside", () => {
    h = dbAtVersion(26);
    expect(migrate(h.db, 27)).toBe(27);
    const insert = h.db.prepare('INSERT INTO received_anchors (id, key_id, seq, head, signed_at, public_key, signature, received_at, received_from, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)');
    insert.run('a1', 'k1', 10, 'h1', T0, 'pk', 'sig', T0, 0);
    expect(() => insert.run('a2', 'k1', 10, 'h1', T0, 'pk', 'sig', T0, 0)).toThrow(/UNIQUE/);
    insert.run('a3', 'k1', 10, 'h2', T0, 'pk', 'sig2', T0, 1);
    expect(() => insert.run('a4', 'k1', 0, 'h1', T0, 'pk', 'sig', T0, 0)).toThrow(/CHECK/);
    expect(() => insert.run('a5', 'k1', 11, 'h1', T0, 'pk', 'sig', T0, 2)).toThrow(/CHECK/);
    expect(h.db.prepare('SELECT count(*) AS n FROM received_anchors').get()).toEqual({ n: 2 });
  });
});
