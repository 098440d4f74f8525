import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { PolicyRepository } from '../../../electron/service/repositories/PolicyRepository';
import { DEFAULT_POLICY } from '../../../electron/service/analysis/defaultPolicy';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

/** The quality limits shipped before 0036 (after 0030), written out: glare judged by hotspots alone. */
const OLD_QUALITY = { minShortSidePx: 400, maxBlur: 0.45, maxDocumentBlur: 0.36, maxGlare: 0.012, minLumaP95: 130, maxLumaP5: 155, minDocumentFill: 0.15 };
// A whole policy as stored, so the repository can read it back through the schema.
const body = (quality: Record<string, number>) => ({ ...DEFAULT_POLICY, quality });

describe('migration 0036 glare_fade_limit', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());
  const rows = () => h.db.prepare('SELECT version, body, created_by, note FROM policies ORDER BY version').all() as { version: number; body: string; created_by: string; note: string }[];
  const insert = (version: number, quality: Record<string, number>, by = 'system') =>
    h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(version, JSON.stringify(body(quality)), 'x', T0, by);

  it('gives a policy on the shipped glare limit a new version with the fade limit, leaving the old versions as they were', () => {
    h = dbAtVersion(35);
    insert(1, { ...OLD_QUALITY, maxGlare: 0.02 }, 'Admin');
    insert(2, OLD_QUALITY);

    expect(migrate(h.db, 36)).toBe(36);
    const r = rows();
    expect(r.map((x) => x.version)).toEqual([1, 2, 3]);
    expect(JSON.parse(r[1]!.body).quality).toEqual(OLD_QUALITY);
    const latest = JSON.parse(r[2]!.body) as Record<string, unknown>;
    // Exactly the limits this migration shipped, written out (later releases may move the defaults).
    expect(latest.quality).toEqual({ ...OLD_QUALITY, maxGlareFade: 0.036 });
    expect(r[2]!.created_by).toBe('system');
    expect(r[2]!.note).toContain('maxGlareFade');
    expect({ ...latest, quality: null }).toEqual({ ...body(OLD_QUALITY), quality: null });
    // The older version still reads, with no fade check (a limit no score reaches), as it judged.
    expect(new PolicyRepository(h.db).byVersion(2)?.body.quality.maxGlareFade).toBe(1);
    expect(new PolicyRepository(h.db).latest()?.body.quality.maxGlareFade).toBe(0.036);
  });

  it('adds nothing without a policy, with an administrator\'s own glare limit, or with a fade limit already set', () => {
    h = dbAtVersion(35);
    expect(migrate(h.db, 36)).toBe(36);
    expect(rows()).toEqual([]);
    h.cleanup();

    h = dbAtVersion(35);
    insert(1, { ...OLD_QUALITY, maxGlare: 0.02 }, 'Admin');
    migrate(h.db, 36);
    expect(rows().map((x) => x.version)).toEqual([1]);
    expect(new PolicyRepository(h.db).latest()?.body.quality).toMatchObject({ maxGlare: 0.02, maxGlareFade: 1 });
    h.cleanup();

    h = dbAtVersion(35);
    insert(1, { ...OLD_QUALITY, maxGlareFade: 0.002 }, 'Admin');
    migrate(h.db, 36);
    expect(rows().map((x) => x.version)).toEqual([1]);
  });
});
