import type { CaseStatus } from '../../../shared/caseStatus';
import type { AnalysisResult } from '../../../shared/schemas/analysis';
import type { DiditApprovalState } from '../../../shared/schemas/sync';
import { REASON_CODES, reasonKind, type ReasonCode } from '../../../shared/reasonCodes';
import type { ServiceDeps } from '../core/ServiceDeps';
import { loadCase, moveCase } from '../cases/caseWorkflow';
import { enqueueAnalysis } from '../jobs/enqueueAnalysis';
import type { SyncLink } from '../repositories/SyncRepository';
import { filerOf } from './diditEvidence';
import { DIDIT_FETCH_MEDIA } from './diditEffects';
import { SYNC_ACTOR } from './SyncRunner';

/**
 * Didit's approval does not close a case by itself. The case waits in review, with the approval
 * held on its Didit link, until the local engine has analysed what Didit captured: the approval
 * then takes effect unless that analysis found grounds to refuse (a FINAL reason: face mismatch,
 * presentation attack, blocklist, duplicate, sanctions, age, forgery), in which case an officer
 * decides with both verdicts in front of them. What the engine could not check (no local
 * liveness, a quality retry) is left to Didit, which captured it.
 */
const HELD = 'heldApproval';
const DISPUTED = 'approvalDisputed';

interface HeldApproval {
  sessionId: string;
  remoteAt: string;
}

function heldOf(link: SyncLink | undefined): HeldApproval | null {
  const h = link?.extra[HELD];
  if (!h || typeof h !== 'object') return null;
  const { sessionId, remoteAt } = h as Record<string, unknown>;
  return typeof sessionId === 'string' && typeof remoteAt === 'string' ? { sessionId, remoteAt } : null;
}

/** Whether Didit's approval of the case waits on the engine's analysis. */
export function hasHeldDiditApproval(d: Pick<ServiceDeps, 'sync'>, caseId: string): boolean {
  return heldOf(d.sync.link('didit', 'case', caseId)) !== null;
}

/** Didit's images still on their way: the analysis that settles the approval is the one after their import. */
function imagesPending(d: Pick<ServiceDeps, 'sync'>, caseId: string): boolean {
  return d.sync.list({ connector: 'didit', caseId, limit: 500 }).some((r) => r.kind === DIDIT_FETCH_MEDIA && (r.status === 'pending' || r.status === 'delivering'));
}

/** The statuses a held approval can take effect from: the case is still open and nobody decided it. */
const SETTLES_FROM: readonly CaseStatus[] = ['SUBMITTED', 'IN_REVIEW'];
const settles = (status: CaseStatus) => SETTLES_FROM.includes(status);

/**
 * Holds Didit's approval of the case (inside the runner's transaction, the case already moved
 * to review). Unless Didit's images are on their way (their import queues the analysis), the
 * engine analyses what is on file now. Returns false when the case cannot wait for it (decided
 * meanwhile, or sent back): the approval is then not applied at all, as any event for a decided case.
 */
export function holdDiditApproval(d: ServiceDeps, link: SyncLink, r: { sessionId: string; remoteAt: string; imagesQueued: boolean; now: Date }): boolean {
  const c = loadCase(d, link.localId);
  if (!settles(c.status)) return false;
  const at = r.now.toISOString();
  const extra: Record<string, unknown> = { ...link.extra, [HELD]: { sessionId: r.sessionId, remoteAt: r.remoteAt } satisfies HeldApproval };
  delete extra[DISPUTED];
  d.sync.saveLink({ ...link, extra, now: at });
  d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.didit_approval', caseId: c.id, profileId: c.profileId, payload: { sessionId: r.sessionId, outcome: 'held', remoteAt: r.remoteAt } });
  if (!r.imagesQueued) {
    const filer = filerOf(d, link);
    const operator = filer ? d.operators.byId(filer) : undefined;
    // No operator to run it under: the case stays in review for an officer, which is the safe side.
    if (operator) enqueueAnalysis(d, c.id, operator, r.now, 'background');
  }
  return true;
}

/** The engine's grounds to refuse the customer in an analysis: its FINAL reasons, or a DECLINE. */
function objections(analysis: Pick<AnalysisResult, 'recommendation' | 'reasons'>): string[] {
  const finals = analysis.reasons.map((r) => r.code).filter((code) => code in REASON_CODES && reasonKind(code as ReasonCode) === 'FINAL');
  if (analysis.recommendation === 'DECLINE' && finals.length === 0) return analysis.reasons.map((r) => r.code);
  return [...new Set(finals)];
}

/**
 * Settles a held Didit approval once the engine's analysis is stored (inside its transaction):
 * approved when the analysis raises no objection, else left in review with the objection audited.
 * Returns true when it approved the case.
 */
export function settleDiditApproval(d: ServiceDeps, caseId: string, analysis: Pick<AnalysisResult, 'recommendation' | 'reasons'>, now: Date): boolean {
  const link = d.sync.link('didit', 'case', caseId);
  const held = heldOf(link);
  if (!link || !held || imagesPending(d, caseId)) return false;
  const at = now.toISOString();
  const extra: Record<string, unknown> = { ...link.extra };
  delete extra[HELD];
  const c = loadCase(d, caseId);
  const against = objections(analysis);
  const open = settles(c.status);
  // Kept for the case page: the officer reads why Didit's approval did not take effect.
  if (open && against.length) extra[DISPUTED] = { objections: against };
  d.sync.saveLink({ ...link, extra, now: at });
  if (!open) return false;
  const outcome = against.length ? 'disputed' : 'confirmed';
  d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.didit_approval', caseId, profileId: c.profileId, payload: { sessionId: held.sessionId, outcome, recommendation: analysis.recommendation, objections: against } });
  if (against.length) {
    d.cases.touch(caseId, at);
    return false;
  }
  moveCase(d, c, 'APPROVED', { actor: SYNC_ACTOR, now, payload: { via: 'didit', sessionId: held.sessionId, confirmedByAnalysis: true } });
  return true;
}

/**
 * Didit withdrew what it approved ("Kyc Expired": the document it verified has expired) while the
 * approval waited on our analysis: it is dropped, so no analysis puts it into effect, and the case
 * stays in review for an officer. Audited; returns true when there was one.
 */
export function withdrawDiditApproval(d: ServiceDeps, caseId: string, r: { sessionId: string; remoteStatus: string; now: Date }): boolean {
  const link = d.sync.link('didit', 'case', caseId);
  if (!link || !heldOf(link)) return false;
  const at = r.now.toISOString();
  const extra: Record<string, unknown> = { ...link.extra };
  delete extra[HELD];
  d.sync.saveLink({ ...link, extra, now: at });
  const c = loadCase(d, caseId);
  d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.didit_approval', caseId, profileId: c.profileId, payload: { sessionId: r.sessionId, outcome: 'withdrawn', remoteStatus: r.remoteStatus } });
  return true;
}

/**
 * Where Didit's approval of an open case stands, for the case page: held for the analysis, or
 * disputed by it (with the reason codes); null when there is none or the case was decided since.
 */
export function diditApprovalState(d: Pick<ServiceDeps, 'sync' | 'cases'>, caseId: string): DiditApprovalState | null {
  const link = d.sync.link('didit', 'case', caseId);
  const c = d.cases.byId(caseId);
  if (!link || !c || !settles(c.status)) return null;
  if (heldOf(link)) return { state: 'held', objections: [] };
  const disputed = link.extra[DISPUTED];
  const codes = disputed && typeof disputed === 'object' ? (disputed as { objections?: unknown }).objections : undefined;
  return Array.isArray(codes) ? { state: 'disputed', objections: codes.filter((x): x is string => typeof x === 'string') } : null;
}
