import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { policyBodySchema } from '../../../shared/schemas/policy';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

/** The policy body as stored before 0020 (the shipped default of that time, written out). */
const OLD_DEFAULT = {
  checks: { quality: true, mrz: true, crossChecks: true, faceMatch: true, presentationAttack: true, liveness: true },
  quality: { minShortSidePx: 400, maxBlur: 0.45, maxGlare: 0.012, minLumaP95: 130, maxLumaP5: 200, minDocumentFill: 0.15 },
  faceMatch: { matchThreshold: 0.5, declineBelow: 0.3 },
  presentationAttack: { threshold: 0.5 },
  liveness: { actionsPerSession: 3, sessionMinutes: 5, minActionsPassed: 3 },
  maxRetries: 3,
  autoApprove: true,
  retentionYears: 5,
  fourEyes: { onEngineDecline: true, onHighRisk: true, onOverride: true, onReject: false },
};

describe('migration 0020 didit_workflow_knobs', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it("renames every stored policy version's knobs to Didit's, keeping each value and version", () => {
    h = dbAtVersion(19);
    const insert = h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
    insert.run(1, JSON.stringify(OLD_DEFAULT), 'default policy shipped with the workstation', T0, 'system');
    // An admin's version: face match off, a stricter decline cut-off, no retries.
    const custom = { ...OLD_DEFAULT, checks: { ...OLD_DEFAULT.checks, faceMatch: false }, faceMatch: { matchThreshold: 0.6, declineBelow: 0.355 }, maxRetries: 0 };
    insert.run(2, JSON.stringify(custom), 'pilot', T0, 'Admin');

    expect(migrate(h.db, 20)).toBe(20);
    const rows = h.db.prepare('SELECT version, body, note FROM policies ORDER BY version').all() as { version: number; body: string; note: string }[];
    expect(rows.map((r) => [r.version, r.note])).toEqual([
      [1, 'default policy shipped with the workstation'],
      [2, 'pilot'],
    ]);
    const [v1, v2] = rows.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(v1).toMatchObject({ is_face_match_enabled: true, face_match_score_decline_threshold: 30, max_retry_attempts: 3, applicationExpiryDays: 7, faceMatch: { matchThreshold: 0.5 } });
    expect(v2).toMatchObject({ is_face_match_enabled: false, face_match_score_decline_threshold: 35.5, max_retry_attempts: 0, applicationExpiryDays: 7, faceMatch: { matchThreshold: 0.6 } });
    for (const body of [v1, v2]) {
      // The old names are gone, not kept beside the new ones.
      expect(body).not.toHaveProperty('maxRetries');
      expect(body).not.toHaveProperty('faceMatch.declineBelow');
      expect(body).not.toHaveProperty('checks.faceMatch');
      // Everything else is as it was, and the service can read it.
      expect(body).toMatchObject({ quality: OLD_DEFAULT.quality, retentionYears: 5, fourEyes: OLD_DEFAULT.fourEyes });
      expect(policyBodySchema.safeParse(body).success).toBe(true);
    }
  });

  it('leaves a store without policies as it is', () => {
    h = dbAtVersion(19);
    expect(migrate(h.db, 20)).toBe(20);
    expect(h.db.prepare('SELECT count(*) AS n FROM policies').get()).toEqual({ n: 0 });
  });
});
