import { existsSync } from 'node:fs';
import type { TempService } from './tempService';
import { caseAt, TINY_PNG } from './caseSetup';

/** A clock tests can move: retention is about years passing. */
export function movableClock(startIso: string): { now: () => Date; set(iso: string): void } {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t),
    set(iso) {
      t = Date.parse(iso);
    },
  };
}

/**
 * Moves the service's clock by years. The signed-in test sessions would all be idle-expired;
 * they are kept alive, as if each operator had just been active.
 */
export function travelTo(t: TempService, clock: { set(iso: string): void }, iso: string): void {
  clock.set(iso);
  const idle = new Date(Date.parse(iso) + 3_600_000).toISOString();
  t.service.deps.db.prepare('UPDATE sessions SET idle_expires_at = ? WHERE revoked_at IS NULL').run(idle);
}

/** A PNG no other case has: the 1x1 image with a distinct trailer, so its blob is this case's alone. */
export function uniquePng(tag: string): Buffer {
  return Buffer.concat([TINY_PNG, Buffer.from(`retention-test:${tag}`)]);
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
};

/**
 * A case taken through intake and review to APPROVED, with the shared 1x1 front (every such case
 * has it) and a selfie of its own. Returns its ids and the selfie's hash.
 */
export async function approvedCase(t: TempService, staff: string, officer: string, tag: string): Promise<{ caseId: string; profileId: string; ownFile: string; sharedFile: string }> {
  const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
  const own = must(
    await t.service.call('evidence.add', { caseId, kind: 'SELFIE', fileName: `${tag}.png`, mimeType: 'image/png', dataBase64: uniquePng(tag).toString('base64') }, officer),
  );
  const current = t.service.deps.cases.byId(caseId)!;
  must(await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: Math.max(version, current.version) }, officer));
  const shared = t.service.deps.evidenceRows.forCase(caseId).find((e) => e.kind === 'DOCUMENT_FRONT')!;
  return { caseId, profileId: current.profileId, ownFile: own.sha256, sharedFile: shared.sha256 };
}

export function fileExists(t: TempService, sha256: string): boolean {
  return existsSync(t.service.deps.evidenceFiles.pathOf(sha256));
}

export { must };
