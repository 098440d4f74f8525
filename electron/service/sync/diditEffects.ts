import type { CaseStatus } from '../../../shared/caseStatus';
import { isDiditUpdatable, toDidit } from '../../../shared/statusMappings';
import type { SyncRepository } from '../repositories/SyncRepository';
import { newId } from '../core/newId';

/**
 * The Didit connector's outbox kinds and how each is queued. Every function is called inside the
 * transaction of the local change that causes the effect, and every idempotency key names the
 * effect itself, so queueing it twice keeps one row. Kept apart from the connector so the case
 * workflow can queue effects without importing the connector (which imports the case workflow).
 */
export const DIDIT_PUSH_WORKFLOW = 'didit.pushWorkflow';
export const DIDIT_CREATE_SESSION = 'didit.createSession';
export const DIDIT_UPDATE_STATUS = 'didit.updateStatus';
export const DIDIT_BLOCKLIST = 'didit.blocklist';
export const DIDIT_FETCH_PDF = 'didit.fetchPdf';
export const DIDIT_FETCH_MEDIA = 'didit.fetchMedia';

type Sync = Pick<SyncRepository, 'connector' | 'enqueue' | 'link' | 'list'>;

export const diditEnabled = (sync: Pick<SyncRepository, 'connector'>): boolean => sync.connector('didit')?.enabled === true;

/** One workflow per policy version: the policy's Didit knobs as a Didit workflow. */
export function enqueueDiditWorkflow(sync: Sync, policyVersion: number, now: Date): boolean {
  return sync.enqueue({ id: newId(), connector: 'didit', kind: DIDIT_PUSH_WORKFLOW, idempotencyKey: `didit:workflow:v${policyVersion}`, caseId: null, payload: { policyVersion }, now: now.toISOString() });
}

/** Whether a case has a Didit session, or one on its way (queued or being created). */
export function diditSessionOf(sync: Sync, caseId: string): 'linked' | 'queued' | null {
  if (sync.link('didit', 'case', caseId)) return 'linked';
  const creating = sync.list({ connector: 'didit', caseId, limit: 500 }).some((r) => r.kind === DIDIT_CREATE_SESSION && (r.status === 'pending' || r.status === 'delivering'));
  return creating ? 'queued' : null;
}

/**
 * A session for the case; `replaces` names the session it succeeds (expired or abandoned at
 * Didit), so a case gets one session per attempt and never two for the same one.
 */
export function enqueueDiditSession(sync: Sync, r: { caseId: string; requestedBy: string; replaces: string | null; now: Date }): boolean {
  return sync.enqueue({
    id: newId(),
    connector: 'didit',
    kind: DIDIT_CREATE_SESSION,
    idempotencyKey: r.replaces ? `didit:session:${r.caseId}:after:${r.replaces}` : `didit:session:${r.caseId}`,
    caseId: r.caseId,
    payload: { requestedBy: r.requestedBy, replaces: r.replaces },
    now: r.now.toISOString(),
  });
}

/**
 * What a status change of a Didit-linked case sends back: an operator's decision that Didit can
 * take (Approved, Declined, Resubmitted) as one PATCH update-status, and once the case is decided
 * the session's PDF report as evidence. Changes made by the sync itself (a Didit decision being
 * imported) or by the engine are not sent back: Didit already has them. The key names the case
 * version the change left, so each change is sent once and two changes are two updates.
 */
export function enqueueDiditDecisionEffects(sync: Sync, c: { id: string; version: number }, to: CaseStatus, origin: { actorId: string | null; decisionId: string | null }, now: Date): void {
  if (!diditEnabled(sync) || !diditSessionOf(sync, c.id)) return;
  const at = now.toISOString();
  const remote = toDidit(to);
  if (origin.actorId !== null && isDiditUpdatable(remote)) {
    sync.enqueue({
      id: newId(),
      connector: 'didit',
      kind: DIDIT_UPDATE_STATUS,
      idempotencyKey: `didit:status:${c.id}:v${c.version}`,
      caseId: c.id,
      payload: { newStatus: remote, decisionId: origin.decisionId },
      now: at,
    });
  }
  if (to === 'APPROVED' || to === 'REJECTED') {
    sync.enqueue({ id: newId(), connector: 'didit', kind: DIDIT_FETCH_PDF, idempotencyKey: `didit:pdf:${c.id}:v${c.version}`, caseId: c.id, payload: {}, now: at });
  }
}

/**
 * The queued or sent request that puts this case's face (or document) on Didit's blocklist, if
 * any. Didit's API only adds, and the workstation cannot read Didit's list back, so this is what
 * it knows of that list.
 */
export function diditBlocklistRequest(sync: Pick<Sync, 'list'>, caseId: string, part: 'face' | 'document') {
  return diditBlocklistRequests(sync, caseId).find((r) => r.status !== 'discarded' && r.payload[part] === true);
}

/** Every request to Didit's blocklist for the case, whatever became of it. */
export function diditBlocklistRequests(sync: Pick<Sync, 'list'>, caseId: string) {
  return sync.list({ connector: 'didit', caseId, limit: 1000 }).filter((r) => r.kind === DIDIT_BLOCKLIST);
}

/** An officer blocklisted a Didit-linked case: the same face and/or document at Didit too. */
export function enqueueDiditBlocklist(sync: Sync, caseId: string, what: { face: boolean; document: boolean }, now: Date): boolean {
  if (!diditEnabled(sync) || !diditSessionOf(sync, caseId)) return false;
  // A part already asked for is not asked again: a face-only request after a face+document one
  // has another idempotency key, and would otherwise send the face twice.
  const face = what.face && !diditBlocklistRequest(sync, caseId, 'face');
  const document = what.document && !diditBlocklistRequest(sync, caseId, 'document');
  if (!face && !document) return false;
  const parts = [face ? 'face' : null, document ? 'document' : null].filter(Boolean).join('+');
  return sync.enqueue({ id: newId(), connector: 'didit', kind: DIDIT_BLOCKLIST, idempotencyKey: `didit:blocklist:${caseId}:${parts}`, caseId, payload: { face, document }, now: now.toISOString() });
}

/** Images a Didit decision points at, downloaded once per session state and analysed locally. */
export function enqueueDiditMedia(sync: Sync, r: { caseId: string; sessionId: string; status: string; images: { kind: string; url: string }[]; now: Date }): boolean {
  if (!r.images.length) return false;
  return sync.enqueue({
    id: newId(),
    connector: 'didit',
    kind: DIDIT_FETCH_MEDIA,
    idempotencyKey: `didit:media:${r.caseId}:${r.sessionId}:${r.status}`,
    caseId: r.caseId,
    payload: { sessionId: r.sessionId, images: r.images },
    now: r.now.toISOString(),
  });
}
