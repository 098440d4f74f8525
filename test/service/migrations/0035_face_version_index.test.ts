import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion } from '../../helpers/migrationDb';

describe('migration 0035 face_version_index', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('answers whether older faces are stored from the index, without reading the rows', () => {
    h = dbAtVersion(34);
    const plan = (sql: string) => (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(2) as { detail: string }[]).map((r) => r.detail).join('; ');
    const faces = 'SELECT 1 FROM face_descriptors WHERE face_version < ? LIMIT 1';
    const entries = "SELECT 1 FROM blocklist WHERE kind = 'FACE' AND removed_at IS NULL AND face_version < ? LIMIT 1";
    expect(plan(faces)).toMatch(/^SCAN face_descriptors$/);
    expect(migrate(h.db, 35)).toBe(35);
    expect(plan(faces)).toContain('USING COVERING INDEX face_descriptors_version');
    expect(plan(entries)).toContain('INDEX blocklist_face_version');
  });
});
