import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { DEFAULT_POLICY } from '../../../electron/service/analysis/defaultPolicy';
import { policyBodySchema } from '../../../shared/schemas/policy';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

const body = (matchThreshold: number, decline = 30) => ({ ...DEFAULT_POLICY, faceMatch: { matchThreshold }, face_match_score_decline_threshold: decline });

describe('migration 0034 face_threshold_v2', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());
  const rows = () => h.db.prepare('SELECT version, body, created_by FROM policies ORDER BY version').all() as { version: number; body: string; created_by: string }[];
  const insert = (version: number, b: unknown, by: string) =>
    h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(version, JSON.stringify(b), 'stored', T0, by);

  it('gives a policy still on 0.52 a new version with the threshold shipped now, leaving the stored versions as they were', () => {
    h = dbAtVersion(33);
    insert(1, body(0.52), 'system');
    expect(migrate(h.db, 34)).toBe(34);
    const r = rows();
    expect(r.map((x) => [x.version, x.created_by])).toEqual([
      [1, 'system'],
      [2, 'system'],
    ]);
    expect(JSON.parse(r[0]!.body).faceMatch.matchThreshold).toBe(0.52);
    const latest = JSON.parse(r[1]!.body) as Record<string, unknown>;
    expect(latest.faceMatch).toEqual({ matchThreshold: 0.51 });
    expect({ ...latest, faceMatch: null }).toEqual({ ...body(0.52), faceMatch: null });
    expect(policyBodySchema.safeParse(latest).success).toBe(true);
  });

  it('keeps the decline threshold within the new match threshold, and leaves an administrator\'s threshold alone', () => {
    h = dbAtVersion(33);
    insert(1, body(0.52, 52), 'Admin');
    migrate(h.db, 34);
    const latest = JSON.parse(rows()[1]!.body) as Record<string, unknown>;
    expect(latest.face_match_score_decline_threshold).toBe(51);
    expect(policyBodySchema.safeParse(latest).success).toBe(true);
    h.cleanup();

    h = dbAtVersion(33);
    insert(1, body(0.6), 'Admin');
    migrate(h.db, 34);
    expect(rows()).toHaveLength(1);
  });
});
