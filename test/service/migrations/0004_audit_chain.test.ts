import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0004 audit_chain', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds append-only audit tables without touching existing cases', () => {
    h = dbAtVersion(3);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 4)).toBe(4);
    expect(isStrict(h.db, 'audit_events')).toBe(true);
    expect(isStrict(h.db, 'audit_payloads')).toBe(true);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });

    h.db.prepare("INSERT INTO audit_events VALUES (1, ?, 'op-1', 'Op', 't', 'c-1', 'p-1', 'ph', 'prev', 'h1')").run(T0);
    h.db.prepare("INSERT INTO audit_payloads VALUES (1, '{}')").run();
    expect(() => h.db.prepare("UPDATE audit_events SET type = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => h.db.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => h.db.prepare("UPDATE audit_payloads SET body = '{\"a\":1}' WHERE seq = 1").run()).toThrow(/purged, never edited/);
    // Retention may purge a payload: the chain row stays.
    h.db.prepare('DELETE FROM audit_payloads WHERE seq = 1').run();
    expect(h.db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 1 });
  });
});
