import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { PolicyRepository } from '../../../electron/service/repositories/PolicyRepository';
import { DEFAULT_POLICY } from '../../../electron/service/analysis/defaultPolicy';
import { DEFAULT_QUALITY_LIMITS } from '../../../shared/liveCaptureQuality';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

/** The quality limits shipped before 0030 (after 0028), written out: one blur limit for both kinds. */
const OLD_QUALITY = { minShortSidePx: 400, maxBlur: 0.45, maxGlare: 0.012, minLumaP95: 130, maxLumaP5: 155, minDocumentFill: 0.15 };
// A whole policy as stored, so the repository can read it back through the schema.
const body = (quality: Record<string, number>) => ({ ...DEFAULT_POLICY, quality });

describe('migration 0030 document_blur_limit', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());
  const rows = () => h.db.prepare('SELECT version, body, created_by FROM policies ORDER BY version').all() as { version: number; body: string; created_by: string }[];
  const insert = (version: number, quality: Record<string, number>, by = 'system') =>
    h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(version, JSON.stringify(body(quality)), 'x', T0, by);

  it('gives a policy on the shipped blur limit a new version with the document limit, leaving the old versions as they were', () => {
    h = dbAtVersion(29);
    insert(1, { ...OLD_QUALITY, maxBlur: 0.4 }, 'Admin');
    insert(2, OLD_QUALITY);

    expect(migrate(h.db, 30)).toBe(30);
    const r = rows();
    expect(r.map((x) => x.version)).toEqual([1, 2, 3]);
    expect(JSON.parse(r[1]!.body).quality).toEqual(OLD_QUALITY);
    const latest = JSON.parse(r[2]!.body) as Record<string, unknown>;
    // Exactly the limits shipped with 0030: selfies keep 0.45, documents take the new limit (0036
    // added the glare fade limit after it).
    expect({ ...(latest.quality as Record<string, number>), maxGlareFade: DEFAULT_QUALITY_LIMITS.maxGlareFade }).toEqual(DEFAULT_QUALITY_LIMITS);
    expect(latest.quality).not.toHaveProperty('maxGlareFade');
    expect(r[2]!.created_by).toBe('system');
    expect({ ...latest, quality: null }).toEqual({ ...body(OLD_QUALITY), quality: null });
    // The older version still reads, documents judged by its one blur limit, as they were.
    expect(new PolicyRepository(h.db).byVersion(2)?.body.quality.maxDocumentBlur).toBe(OLD_QUALITY.maxBlur);
  });

  it('adds nothing without a policy, with an administrator\'s own blur limit, or with a document limit already set', () => {
    h = dbAtVersion(29);
    expect(migrate(h.db, 30)).toBe(30);
    expect(rows()).toEqual([]);
    h.cleanup();

    h = dbAtVersion(29);
    insert(1, { ...OLD_QUALITY, maxBlur: 0.4 }, 'Admin');
    migrate(h.db, 30);
    expect(rows().map((x) => x.version)).toEqual([1]);
    expect(new PolicyRepository(h.db).latest()?.body.quality).toMatchObject({ maxBlur: 0.4, maxDocumentBlur: 0.4 });
    h.cleanup();

    h = dbAtVersion(29);
    insert(1, { ...OLD_QUALITY, maxDocumentBlur: 0.5 }, 'Admin');
    migrate(h.db, 30);
    expect(rows().map((x) => x.version)).toEqual([1]);
  });
});
