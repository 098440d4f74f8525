import type { Migration } from './Migration';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The face match threshold shipped before and from this version, written out rather than read from
 * the calibration so this migration keeps meaning what it meant when it shipped. Face description
 * version 2 (migration 33) moved the fused score; calibrated for FMR <= 0.1 % as before
 * (`npm run calibrate`), its threshold is 0.51 where version 1's was 0.52.
 */
const OLD_SHIPPED = 0.52;
const NEW_SHIPPED = 0.51;

export const migration0034: Migration = {
  version: 34,
  name: 'face_threshold_v2',
  up(db) {
    // As migration 29: stored versions are never changed; when the current policy still holds the
    // shipped threshold, a new version takes the new one. An administrator's own threshold stays.
    const latest = db.prepare('SELECT version, body FROM policies ORDER BY version DESC LIMIT 1').get() as { version: number; body: string } | undefined;
    if (!latest) return;
    const body: unknown = JSON.parse(latest.body);
    if (!isObject(body) || !isObject(body.faceMatch) || body.faceMatch.matchThreshold !== OLD_SHIPPED) return;
    const next: Json = { ...body, faceMatch: { ...body.faceMatch, matchThreshold: NEW_SHIPPED } };
    // The policy refuses a decline threshold (Didit's 0-100 scale) above the match threshold x 100.
    const decline = body.face_match_score_decline_threshold;
    if (typeof decline === 'number' && decline > NEW_SHIPPED * 100) next.face_match_score_decline_threshold = NEW_SHIPPED * 100;
    db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
      latest.version + 1,
      JSON.stringify(next),
      `face match threshold of this release (${OLD_SHIPPED} -> ${NEW_SHIPPED}): face description version 2, calibrated for FMR <= 0.1 %`,
      new Date().toISOString(),
      'system',
    );
  },
};
