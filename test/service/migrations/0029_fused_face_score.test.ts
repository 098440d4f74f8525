import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { DEFAULT_POLICY } from '../../../electron/service/analysis/defaultPolicy';
import { policyBodySchema } from '../../../shared/schemas/policy';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

const body = (matchThreshold: number, decline = 30) => ({ ...DEFAULT_POLICY, faceMatch: { matchThreshold }, face_match_score_decline_threshold: decline });

describe('migration 0029 fused_face_score', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());
  const rows = () => h.db.prepare('SELECT version, body, created_by FROM policies ORDER BY version').all() as { version: number; body: string; created_by: string }[];
  const insert = (version: number, b: unknown, by: string) =>
    h.db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(version, JSON.stringify(b), 'stored', T0, by);

  it('gives a policy still on the old shipped threshold a new version with the threshold this migration shipped (0.52; migration 34 moves it on), leaving the old versions as they were', () => {
    h = dbAtVersion(28);
    insert(1, body(0.5), 'system');
    insert(2, body(0.59), 'system');
    expect(migrate(h.db, 29)).toBe(29);
    const r = rows();
    expect(r.map((x) => x.version)).toEqual([1, 2, 3]);
    expect(JSON.parse(r[0]!.body).faceMatch.matchThreshold).toBe(0.5);
    expect(JSON.parse(r[1]!.body).faceMatch.matchThreshold).toBe(0.59);
    const latest = JSON.parse(r[2]!.body) as Record<string, unknown>;
    expect(latest.faceMatch).toEqual({ matchThreshold: 0.52 });
    expect(r[2]!.created_by).toBe('system');
    // Everything but the threshold is carried over.
    expect({ ...latest, faceMatch: null }).toEqual({ ...body(0.59), faceMatch: null });
    expect(policyBodySchema.safeParse(latest).success).toBe(true);
  });

  it('keeps a decline threshold the new match threshold would make invalid within it', () => {
    h = dbAtVersion(28);
    insert(1, body(0.59, 55), 'Admin');
    migrate(h.db, 29);
    const latest = JSON.parse(rows()[1]!.body) as Record<string, unknown>;
    expect(latest.face_match_score_decline_threshold).toBe(52);
    expect(policyBodySchema.safeParse(latest).success).toBe(true);
  });

  it('adds nothing when there is no policy yet or the current one has a threshold of its own', () => {
    h = dbAtVersion(28);
    expect(migrate(h.db, 29)).toBe(29);
    expect(rows()).toEqual([]);
    h.cleanup();

    h = dbAtVersion(28);
    insert(1, body(0.59), 'system');
    insert(2, body(0.65), 'Admin');
    expect(migrate(h.db, 29)).toBe(29);
    expect(rows().map((x) => x.version)).toEqual([1, 2]);
  });
});
