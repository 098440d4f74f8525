import { allowedTransitions, CLOSED_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { EvidenceKind } from '../../../shared/schemas/evidence';
import { diditInboxEventSchema, type DiditDecision, type DiditInboxEvent, type DiditResult } from '../../../shared/schemas/didit';
import { fromDidit, type DiditStatus } from '../../../shared/statusMappings';
import type { ServiceDeps } from '../core/ServiceDeps';
import { loadCase, moveCase } from '../cases/caseWorkflow';
import type { InboxRecord, SyncLink } from '../repositories/SyncRepository';
import type { ConnectorSettings } from './Connector';
import { sameOrigin, str } from './diditApi';
import { DIDIT_CREATE_SESSION, enqueueDiditMedia } from './diditEffects';
import { SYNC_ACTOR } from './SyncRunner';
import { holdDiditApproval, withdrawDiditApproval } from './diditApproval';

/**
 * Breaks ties between two states stamped with the same second (webhooks carry whole seconds):
 * at equal times the state further along wins, so a tie never moves a case back.
 */
const STATUS_RANK: Record<DiditStatus, number> = {
  'Not Started': 0,
  'In Progress': 1,
  Resubmitted: 1,
  'In Review': 2,
  Approved: 3,
  Declined: 3,
  Expired: 3,
  Abandoned: 3,
  'Kyc Expired': 4,
};
/**
 * The only statuses a case passes through on its way to the status Didit reports. A Didit state
 * never invents an officer's step (a resubmission request, a second review) or a closing one.
 */
const PASS_THROUGH: readonly CaseStatus[] = ['IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW'];

function rankOf(status: string | null): number {
  return status && status in STATUS_RANK ? STATUS_RANK[status as DiditStatus] : -1;
}

function toResult(e: DiditInboxEvent, d: DiditDecision, now: Date): DiditResult {
  const warnings: DiditResult['warnings'] = [];
  const collect = (ws: { risk: string; feature?: string | null | undefined; log_type?: string | null | undefined; short_description?: string | null | undefined }[] | null | undefined) => {
    for (const w of ws ?? []) warnings.push({ feature: w.feature ?? null, risk: w.risk, logType: w.log_type ?? null, shortDescription: w.short_description ?? null });
  };
  const idVerifications = (d.id_verifications ?? []).map((v) => {
    collect(v.warnings);
    return {
      status: v.status ?? null,
      documentType: v.document_type ?? null,
      issuingCountry: v.issuing_country ?? null,
      firstName: v.first_name ?? null,
      lastName: v.last_name ?? null,
      dateOfBirth: v.date_of_birth ?? null,
      documentNumber: v.document_number ?? null,
      expiryDate: v.expiry_date ?? null,
      gender: v.gender ?? null,
      nationality: v.nationality ?? null,
      mrz: v.mrz ?? null,
    };
  });
  const liveness = (d.liveness_checks ?? []).map((l) => {
    collect(l.warnings);
    return { status: l.status ?? null, method: l.method ?? null, score: l.score ?? null };
  });
  const faceMatches = (d.face_matches ?? []).map((f) => {
    collect(f.warnings);
    return { status: f.status ?? null, score: f.score ?? null };
  });
  return { sessionId: e.sessionId, status: e.status, remoteAt: e.remoteAt, features: d.features ?? [], idVerifications, liveness, faceMatches, warnings, importedAt: now.toISOString() };
}

/** The images a decision points at, as the evidence kinds we analyse. */
function decisionImages(d: DiditDecision): { kind: EvidenceKind; url: string }[] {
  const out: { kind: EvidenceKind; url: string }[] = [];
  const idv = d.id_verifications?.[0];
  if (idv?.front_image) out.push({ kind: 'DOCUMENT_FRONT', url: idv.front_image });
  if (idv?.back_image) out.push({ kind: 'DOCUMENT_BACK', url: idv.back_image });
  const selfie = d.liveness_checks?.find((l) => l.reference_image)?.reference_image;
  if (selfie) out.push({ kind: 'SELFIE', url: selfie });
  return out;
}

/** The steps from `from` to `to` through PASS_THROUGH only; null when there is no such way. */
function forwardPath(from: CaseStatus, to: CaseStatus): CaseStatus[] | null {
  const queue: CaseStatus[][] = [[from]];
  const seen = new Set<CaseStatus>([from]);
  while (queue.length) {
    const path = queue.shift()!;
    for (const next of allowedTransitions(path.at(-1)!)) {
      if (seen.has(next)) continue;
      if (next === to) return [...path.slice(1), next];
      if (!PASS_THROUGH.includes(next)) continue;
      seen.add(next);
      queue.push([...path, next]);
    }
  }
  return null;
}

/**
 * One Didit state into the local case, inside the runner's transaction: the link's status, the
 * result beside our analysis, and the case moved forward to the mapped status. An event older
 * than the one applied changes nothing, and neither does one for a case an officer has decided
 * (closed) or that waits on a second reviewer, but "Kyc Expired" on an approved case (below).
 */
export function applyDiditDecision(d: ServiceDeps, event: InboxRecord, settings: ConnectorSettings): 'applied' | 'ignored' {
  const parsed = diditInboxEventSchema.safeParse(event.payload);
  if (!parsed.success) return 'ignored';
  const e = parsed.data;
  const now = d.clock();
  const at = now.toISOString();
  // The inbox keeps what the event was, not the personal data it carried (see slimInboxPayload).
  d.didit.slimInboxPayload(event.id, { source: e.source, sessionId: e.sessionId, status: e.status, remoteAt: e.remoteAt });
  const link = d.sync.linkByRemote('didit', 'case', e.sessionId) ?? adopt(d, e);
  if (!link) return 'ignored';
  if (link.remoteUpdatedAt && (e.remoteAt < link.remoteUpdatedAt || (e.remoteAt === link.remoteUpdatedAt && STATUS_RANK[e.status] < rankOf(link.remoteStatus)))) {
    d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.event_ignored', caseId: link.localId, payload: { connector: 'didit', eventId: event.eventId, sessionId: e.sessionId, remoteStatus: e.status, remoteAt: e.remoteAt, newerApplied: link.remoteUpdatedAt, reason: 'older than the state applied' } });
    return 'ignored';
  }
  // The status already applied, seen again (a poll and a webhook of one change carry different
  // times): its approval is held once, not again after an officer or the analysis dealt with it.
  const repeat = link.remoteStatus === e.status;
  const url = e.decision?.session_url ?? str(link.extra.url);
  d.sync.saveLink({ ...link, remoteStatus: e.status, remoteUpdatedAt: e.remoteAt, extra: { ...link.extra, url }, now: at });

  const c = loadCase(d, link.localId);
  const decision = e.decision;
  let imported: DiditResult | null = null;
  let imagesQueued = false;
  if (decision && (decision.id_verifications?.length || decision.liveness_checks?.length || decision.face_matches?.length)) {
    imported = toResult(e, decision, now);
    d.didit.saveResult({ caseId: c.id, result: imported, now: at });
    // Scores, statuses and warning codes only: the extracted fields are personal data.
    d.audit.append({
      at,
      actor: { id: null, name: SYNC_ACTOR.displayName },
      type: 'sync.didit_result',
      caseId: c.id,
      profileId: c.profileId,
      payload: {
        sessionId: e.sessionId,
        status: e.status,
        features: imported.features,
        idVerifications: imported.idVerifications.map((v) => v.status),
        liveness: imported.liveness.map((l) => ({ status: l.status, score: l.score })),
        faceMatches: imported.faceMatches.map((f) => ({ status: f.status, score: f.score })),
        warnings: imported.warnings.map((w) => w.risk),
      },
    });
    const baseUrl = String(settings.config.baseUrl ?? '');
    const images = decisionImages(decision).filter((i) => sameOrigin(i.url, baseUrl));
    imagesQueued = enqueueDiditMedia(d.sync, { caseId: c.id, sessionId: e.sessionId, status: e.status, images, now });
  }
  const target = fromDidit(e.status);
  // Didit's approval waits in review for the engine's analysis of what Didit captured (diditApproval.ts).
  const holds = target === 'APPROVED';
  const steps = kycExpired(e.status, c) ? expireApproval(d, c, now, e) : moveTowards(d, c, holds ? 'IN_REVIEW' : target, now, e.sessionId, e.status);
  // Not approved here yet, its approval waiting on our analysis: Didit's approval is withdrawn.
  if (e.status === 'Kyc Expired' && c.status !== 'APPROVED') withdrawDiditApproval(d, c.id, { sessionId: e.sessionId, remoteStatus: e.status, now });
  const held = holds && !repeat && holdDiditApproval(d, d.sync.link('didit', 'case', c.id)!, { sessionId: e.sessionId, remoteAt: e.remoteAt, imagesQueued, now });
  d.audit.append({
    at,
    actor: { id: null, name: SYNC_ACTOR.displayName },
    type: 'sync.applied',
    caseId: c.id,
    profileId: c.profileId,
    payload: { connector: 'didit', eventId: event.eventId, source: e.source, sessionId: e.sessionId, remoteStatus: e.status, remoteAt: e.remoteAt, from: c.status, steps, resultImported: imported !== null, approvalHeld: held },
  });
  return 'applied';
}

/**
 * A state for a session we have no link to: the create's answer was lost (or is still on its
 * way) while Didit already reports on it. Linked through `vendor_data` only when that case is
 * waiting for a session of ours; anything else is not ours to import.
 */
function adopt(d: ServiceDeps, e: DiditInboxEvent): SyncLink | null {
  const caseId = e.vendorData;
  if (!caseId || !d.cases.byId(caseId) || d.sync.link('didit', 'case', caseId)) return null;
  const creating = d.sync.list({ connector: 'didit', caseId, limit: 500 }).find((r) => r.kind === DIDIT_CREATE_SESSION && (r.status === 'pending' || r.status === 'delivering'));
  if (!creating) return null;
  const at = d.clock().toISOString();
  d.sync.saveLink({ connector: 'didit', localKind: 'case', localId: caseId, remoteId: e.sessionId, remoteStatus: null, remoteUpdatedAt: null, extra: { url: e.decision?.session_url ?? null, requestedBy: str(creating.payload.requestedBy) }, now: at });
  return d.sync.link('didit', 'case', caseId) ?? null;
}

function moveTowards(d: ServiceDeps, start: CaseSummary, target: CaseStatus, now: Date, sessionId: string, remoteStatus: string): CaseStatus[] {
  if (start.status === target || CLOSED_STATUSES.includes(start.status) || start.status === 'AWAITING_SECOND_REVIEW') return [];
  const path = forwardPath(start.status, target);
  if (!path) return [];
  let c = start;
  for (const step of path) c = moveCase(d, c, step, { actor: SYNC_ACTOR, now, payload: { via: 'didit', sessionId, remoteStatus } });
  return path;
}

/**
 * "Kyc Expired" comes after an approval: the document Didit verified has expired since. Unlike
 * Didit's other word on a decided case, it is applied: the approval rested on that document, so
 * the case closes as EXPIRED (an approved owner's company goes on owner alert), and the customer
 * renews with a new session (the seed: 会话已过期 → 创建新会话) once staff restart it.
 */
const kycExpired = (status: string, c: CaseSummary): boolean => status === 'Kyc Expired' && c.status === 'APPROVED';

function expireApproval(d: ServiceDeps, c: CaseSummary, now: Date, e: { sessionId: string; status: string }): CaseStatus[] {
  moveCase(d, c, 'EXPIRED', { actor: SYNC_ACTOR, now, payload: { via: 'didit', sessionId: e.sessionId, remoteStatus: e.status } });
  return ['EXPIRED'];
}
