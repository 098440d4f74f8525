import type { AnalysisResult, Recommendation } from '../../../shared/schemas/analysis';
import type { AuditEvent, ChainVerification } from '../../../shared/schemas/audit';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { Decision } from '../../../shared/schemas/decision';
import type { Evidence } from '../../../shared/schemas/evidence';
import type { LivenessSession } from '../../../shared/schemas/liveness';
import type { Operator } from '../../../shared/schemas/operator';
import type { Profile } from '../../../shared/schemas/profile';
import type { BlocklistEntry, CaseFlag } from '../../../shared/schemas/screening';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ServiceDeps } from '../core/ServiceDeps';
import { ServiceFailure } from '../core/ServiceFailure';
import type { AuditAnchor } from '../../../shared/schemas/auditAnchor';
import type { SanctionList, ScreeningHitRecord } from '../../../shared/schemas/sanctions';
import { companiesOwned, companyOwners } from '../profiles/companyOwners';
import { closingWords } from './closingWords';
import { caseMissing } from '../cases/caseWorkflow';
import type { CompanyOwner } from '../../../shared/schemas/case';
import type { DiditResult } from '../../../shared/schemas/didit';

/** Everything one case's audit report shows, read in one go so the report is one moment's view. */
export interface CaseReportData {
  case: CaseSummary;
  closedAt: string | null;
  profile: Profile;
  evidence: Evidence[];
  decisions: Decision[];
  events: AuditEvent[];
  analysis: AnalysisResult | null;
  flags: CaseFlag[];
  /** Each decision's id with the engine's recommendation in force when it was taken (a later analysis does not rewrite history). */
  recommendationAtDecision: Record<string, Recommendation | null>;
  /** This case's own face or document on the blocklist (active entries made from it). */
  blocklisted: BlocklistEntry[];
  /** A company's owners, each with their own case; empty for a person. */
  owners: CompanyOwner[];
  /** The companies a person owns, each with its own case; empty for a company. */
  ownerOf: CompanyOwner[];
  /** Sanctions and PEP hits, with each officer's disposition and the active lists screened against. */
  sanctions: { hits: (ScreeningHitRecord & { disposedByName: string | null })[]; lists: SanctionList[] };
  liveness: LivenessSession[];
  /** What Didit last reported for the case (its checks' statuses, scores and warnings), when it has a Didit session. */
  didit: DiditResult | null;
  /** Didit's latest status for the case's session, which may have moved on from the result's (an approval later "Kyc Expired"). */
  diditNow: { sessionId: string; status: string; at: string | null } | null;
  /** What closed the case when no officer's decision did (closingWords.ts), else null. */
  closedBy: string | null;
  /** The policy that produced the analysis, or the one in force when nothing was analysed. */
  policyVersion: number | null;
}

/** Who exported, when, and what the audit chain looked like at that moment. */
export interface ExportContext {
  exportedBy: Pick<Operator, 'id' | 'displayName' | 'role'>;
  exportedAt: Date;
  chain: ChainVerification;
  /** The signed checkpoint of the chain's head at export (printed, and kept in the PDF's information). */
  anchor: AuditAnchor | null;
  /** Set for reports written as part of a batch export. */
  batchId?: string;
}

export function loadCaseReport(deps: ServiceDeps, caseId: string, now: Date): CaseReportData {
  const { reports } = deps;
  // One read transaction: the case, its decisions and its audit events agree with each other.
  return deps.db.transaction(() => {
    const c = deps.cases.byId(caseId);
    if (!c) throw caseMissing(deps, caseId, 'caseId');
    const profile = deps.profiles.byId(c.profileId);
    if (!profile) throw new ServiceFailure(ErrorCode.INTERNAL, 'case has no profile');
    const analysis = deps.analyses.latestForCase(c.id) ?? null;
    const decisions = deps.decisions.forCase(c.id);
    const events = deps.auditRows.forCase(c.id);
    return {
      case: c,
      closedAt: reports.closedAt(c.id),
      profile,
      evidence: deps.evidenceRows.forCase(c.id),
      decisions,
      events,
      analysis,
      flags: deps.screening.flagsFor(c.id),
      recommendationAtDecision: Object.fromEntries(decisions.map((d) => [d.id, deps.analyses.recommendationAt(c.id, d.at)])),
      blocklisted: deps.screening.activeEntriesFrom(c.id),
      owners: companyOwners(deps, profile),
      ownerOf: companiesOwned(deps, profile),
      sanctions: {
        hits: deps.sanctions.hitsFor(c.id).map((h) => ({ ...h, disposedByName: h.disposedBy ? (deps.operators.byId(h.disposedBy)?.displayName ?? null) : null })),
        lists: deps.sanctions.active(),
      },
      liveness: reports.livenessSessionIds(c.id).flatMap((id) => deps.liveness.byId(id, now) ?? []),
      didit: deps.didit.result(c.id) ?? null,
      diditNow: diditNow(deps, c.id),
      closedBy: closingWords(c, events),
      policyVersion: analysis?.policyVersion ?? deps.policies.latest()?.version ?? null,
    };
  })();
}

function diditNow(deps: ServiceDeps, caseId: string): CaseReportData['diditNow'] {
  const link = deps.sync.link('didit', 'case', caseId);
  return link?.remoteStatus ? { sessionId: link.remoteId, status: link.remoteStatus, at: link.remoteUpdatedAt } : null;
}
