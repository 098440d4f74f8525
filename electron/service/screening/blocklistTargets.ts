import type { BlocklistTargets } from '../../../shared/schemas/screening';
import type { ServiceDeps } from '../core/ServiceDeps';
import { diditBlocklistRequests, diditEnabled } from '../sync/diditEffects';

/**
 * What Didit holds of a case's customer to blocklist: a face once its checks read one (liveness or
 * face match), a document once it verified one. A session that expired or was abandoned before
 * the customer opened it holds nothing, and asking Didit to block it would block nothing.
 */
export function diditCaptured(deps: Pick<ServiceDeps, 'sync' | 'didit'>, caseId: string): { face: boolean; document: boolean } {
  // With the connector off nothing would be sent: Didit holds it, but it cannot be asked.
  if (!diditEnabled(deps.sync)) return { face: false, document: false };
  // The request names the linked session: a result of an earlier session (before a restart) is not its.
  const link = deps.sync.link('didit', 'case', caseId);
  const stored = link ? deps.didit.result(caseId) : undefined;
  const r = stored?.sessionId === link?.remoteId ? stored : undefined;
  return { face: !!r && (r.liveness.length > 0 || r.faceMatches.length > 0), document: !!r && r.idVerifications.length > 0 };
}

/**
 * What the case page's blocklist action can take and where: the selfie's face here, what Didit
 * captured there, and what was asked of Didit's blocklist so far, so a face only Didit held, and a
 * request Didit refused, are said as such rather than read as blocked.
 */
export function blocklistTargets(deps: Pick<ServiceDeps, 'sync' | 'didit' | 'screening'>, caseId: string): BlocklistTargets {
  const captured = diditCaptured(deps, caseId);
  return {
    localFace: deps.screening.faceOf(caseId) !== undefined,
    diditFace: captured.face,
    diditDocument: captured.document,
    diditRequests: diditBlocklistRequests(deps.sync, caseId)
      .map((r) => ({ id: r.id, face: r.payload.face === true, document: r.payload.document === true, status: r.status, lastError: r.lastError, at: r.createdAt }))
      .sort((a, b) => a.at.localeCompare(b.at)),
  };
}
