import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { DEFAULT_QUALITY_LIMITS } from '../../../shared/liveCaptureQuality';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

/** The quality limits shipped before 0028, written out. */
const OLD_QUALITY = { minShortSidePx: 400, maxBlur: 0.45, maxGlare: 0.012, minLumaP95: 130, maxLumaP5: 200, minDocumentFill: 0.15 };
const body = (quality: Record<string, number>) => ({
  checks: { quality: true, mrz: true, crossChecks: true, presentationAttack: true, liveness: true },
  quality,
  faceMatch: { matchThreshold: 0.5 },
  presentationAttack: { threshold: 0.5 },
  liveness: { actionsPerSession: 3, sessionMinutes: 5, minActionsPassed: 3 },
  is_face_match_enabled: true,
  face_match_score_decline_threshold: 30,
  max_retry_attempts: 3,
});

describe('migration 0028 capture_quality_limits', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());
  const rows = () => h.db.prepare('SELECT version, body, created_by FROM policies ORDER BY version').all() as { version: number; body: string; created_by: string }[];

  it('gives a policy still on the old shipped limits a new version with the new ones, leaving the old versions as they were', () => {
    h = dbAtVersion(27);
    const insert = h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
    insert.run(1, JSON.stringify(body(OLD_QUALITY)), 'default policy shipped with the workstation', T0, 'system');
    // An administrator's later version that set its own sharpness limit but kept the shipped overexposure limit.
    insert.run(2, JSON.stringify(body({ ...OLD_QUALITY, maxBlur: 0.4 })), 'pilot', T0, 'Admin');

    expect(migrate(h.db, 28)).toBe(28);
    const r = rows();
    expect(r.map((x) => x.version)).toEqual([1, 2, 3]);
    expect(JSON.parse(r[0]!.body).quality).toEqual(OLD_QUALITY);
    expect(JSON.parse(r[1]!.body).quality).toEqual({ ...OLD_QUALITY, maxBlur: 0.4 });
    const latest = JSON.parse(r[2]!.body) as Record<string, unknown>;
    expect(latest.quality).toEqual({ ...OLD_QUALITY, maxBlur: 0.4, maxLumaP5: DEFAULT_QUALITY_LIMITS.maxLumaP5 });
    expect(r[2]!.created_by).toBe('system');
    // Everything but the quality limits is carried over.
    expect({ ...latest, quality: null }).toEqual({ ...body(OLD_QUALITY), quality: null });
  });

  it('adds nothing when there is no policy yet or the current one has its own limits', () => {
    h = dbAtVersion(27);
    expect(migrate(h.db, 28)).toBe(28);
    expect(rows()).toEqual([]);
    h.cleanup();

    h = dbAtVersion(27);
    h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(1, JSON.stringify(body({ ...OLD_QUALITY, maxLumaP5: 190 })), 'own', T0, 'Admin');
    expect(migrate(h.db, 28)).toBe(28);
    expect(rows().map((x) => x.version)).toEqual([1]);
  });

  it('moves a policy on the old shipped limits to exactly the limits shipped with it', () => {
    h = dbAtVersion(27);
    h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(1, JSON.stringify(body(OLD_QUALITY)), 'default', T0, 'system');
    migrate(h.db, 28);
    // Later releases add limits of their own (the document blur limit); this one set only maxLumaP5.
    expect(JSON.parse(rows()[1]!.body).quality).toEqual({ ...OLD_QUALITY, maxLumaP5: DEFAULT_QUALITY_LIMITS.maxLumaP5 });
  });
});
