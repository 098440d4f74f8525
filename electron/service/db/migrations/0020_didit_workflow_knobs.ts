import type { Migration } from './Migration';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One stored policy body in the shape of 0020: Didit's workflow knobs under Didit's names.
 * Written out here rather than through today's schema, so this migration keeps meaning what
 * it meant when it shipped whatever the schema becomes later.
 */
function toDiditKnobs(body: Json): Json {
  const { maxRetries, ...rest } = body;
  const out: Json = { ...rest };
  if (isObject(body.checks) && 'faceMatch' in body.checks) {
    const { faceMatch: enabled, ...checks } = body.checks;
    out.checks = checks;
    if (!('is_face_match_enabled' in out)) out.is_face_match_enabled = enabled;
  }
  if (isObject(body.faceMatch) && 'declineBelow' in body.faceMatch) {
    const { declineBelow, ...faceMatch } = body.faceMatch;
    out.faceMatch = faceMatch;
    // The same cut-off on Didit's 0-100 scale, rounded as faceMatchScore rounds a similarity.
    if (typeof declineBelow === 'number' && !('face_match_score_decline_threshold' in out)) {
      out.face_match_score_decline_threshold = Math.round(declineBelow * 10_000) / 100;
    }
  }
  if (maxRetries !== undefined && !('max_retry_attempts' in out)) out.max_retry_attempts = maxRetries;
  // Didit's default session lifetime; nothing expired before this version.
  if (!('applicationExpiryDays' in out)) out.applicationExpiryDays = 7;
  return out;
}

export const migration0020: Migration = {
  version: 20,
  name: 'didit_workflow_knobs',
  up(db) {
    // Policies are never changed in meaning: each stored version keeps its thresholds, only
    // renamed (and the 0-1 decline cut-off rescaled), so the analyses that name a version
    // still name what produced them.
    const rows = db.prepare('SELECT version, body FROM policies ORDER BY version').all() as { version: number; body: string }[];
    const update = db.prepare('UPDATE policies SET body = ? WHERE version = ?');
    for (const r of rows) {
      const body: unknown = JSON.parse(r.body);
      if (!isObject(body)) continue;
      update.run(JSON.stringify(toDiditKnobs(body)), r.version);
    }
  },
};
