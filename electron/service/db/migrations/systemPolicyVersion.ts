import type { Db } from '../openDatabase';
import { faceMatchScore } from '../../../../shared/schemas/policy';

/**
 * What the migrations that bring a shipped policy value forward share (28, 29, 30, 34, 36): stored
 * policy versions are never changed (analyses name the version that produced them), so a new
 * shipped value becomes a new version written by `system`, and only while the current policy still
 * holds the old shipped value: a value an administrator set is theirs and stays. Migrations that
 * have shipped depend on this file: it must keep doing exactly this.
 */
export type PolicyJson = Record<string, unknown>;

export const isPolicyObject = (v: unknown): v is PolicyJson => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The current policy version and its body; null when the store has none yet or the body is not an object. */
export function latestPolicy(db: Db): { version: number; body: PolicyJson } | null {
  const latest = db.prepare('SELECT version, body FROM policies ORDER BY version DESC LIMIT 1').get() as { version: number; body: string } | undefined;
  if (!latest) return null;
  const body: unknown = JSON.parse(latest.body);
  return isPolicyObject(body) ? { version: latest.version, body } : null;
}

/** Appends `body` as the version after `after`, by `system`, with the note that says why. */
export function appendSystemPolicy(db: Db, after: number, body: PolicyJson, note: string): void {
  db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(after + 1, JSON.stringify(body), note, new Date().toISOString(), 'system');
}

/**
 * A new face match threshold (migrations 29 and 34): the current policy still on `from` gets a
 * version with `to`, its decline threshold (Didit's 0-100 scale, which the policy refuses above
 * the match threshold x 100) brought within it.
 */
export function moveShippedFaceThreshold(db: Db, from: number, to: number, note: string): void {
  const latest = latestPolicy(db);
  if (!latest || !isPolicyObject(latest.body.faceMatch) || latest.body.faceMatch.matchThreshold !== from) return;
  const next: PolicyJson = { ...latest.body, faceMatch: { ...latest.body.faceMatch, matchThreshold: to } };
  const decline = latest.body.face_match_score_decline_threshold;
  if (typeof decline === 'number' && decline > faceMatchScore(to)) next.face_match_score_decline_threshold = faceMatchScore(to);
  appendSystemPolicy(db, latest.version, next, note);
}
