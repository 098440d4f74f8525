import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0026 sanctions_screening', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds list snapshots (one active per source), their entries, a case\'s hits and remembered clearances', () => {
    h = dbAtVersion(25);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 26)).toBe(26);
    const list = h.db.prepare('INSERT INTO sanction_lists (id, source, format, file_name, file_hash, published_at, entry_count, imported_at, imported_by, active) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, NULL, ?)');
    list.run('l1', 'ofac_sdn', 'ofac-csv', 'sdn.csv', 'ab', 2, T0, 1);
    list.run('l2', 'ofac_sdn', 'ofac-csv', 'sdn.csv', 'cd', 2, T0, 0);
    expect(() => list.run('l3', 'ofac_sdn', 'ofac-csv', 'sdn.csv', 'ef', 2, T0, 1)).toThrow(/UNIQUE/);
    expect(() => list.run('l4', 'un', 'un-xml', 'un.xml', 'ef', 0, T0, 0)).toThrow(/CHECK/);
    h.db.prepare("INSERT INTO sanction_entries (list_id, entry_id, body) VALUES ('l1', '1', '{}')").run();
    const hit = h.db.prepare("INSERT INTO screening_hits (id, case_id, profile_id, source, entry_id, list_id, matched_name, score, why, found_at, disposition) VALUES (?, 'c-1', 'p-1', 'ofac_sdn', ?, 'l1', 'X', ?, '[]', ?, ?)");
    hit.run('h1', '1', 95, T0, null);
    expect(() => hit.run('h2', '1', 95, T0, null)).toThrow(/UNIQUE/);
    expect(() => hit.run('h3', '2', 101, T0, null)).toThrow(/CHECK/);
    expect(() => hit.run('h4', '3', 90, T0, 'MAYBE')).toThrow(/CHECK/);
    h.db.prepare("INSERT INTO screening_clearances (profile_id, source, entry_id, reason, cleared_by, cleared_at) VALUES ('p-1', 'ofac_sdn', '1', 'other person', NULL, ?)").run(T0);
    expect(h.db.prepare('SELECT count(*) AS n FROM screening_hits').get()).toEqual({ n: 1 });
  });
});
