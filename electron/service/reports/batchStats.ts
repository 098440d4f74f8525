import type { CaseStatus } from '../../../shared/caseStatus';
import { CASE_STATUSES } from '../../../shared/caseStatus';
import { isInEffect, type Decision } from '../../../shared/schemas/decision';
import type { CaseReportData } from './loadCaseReport';

/** One line of the index's summary table, kept instead of the whole case so a batch stays small in memory. */
export interface BatchRow {
  caseId: string;
  name: string;
  externalId: string;
  country: string;
  status: CaseStatus;
  recommendation: string | null;
  /** The engine's recommendation when that decision was taken: what an override is judged against. */
  recommendationAtDecision: string | null;
  /** The decision that took effect last (final, or confirmed by a second reviewer). */
  decision: Pick<Decision, 'action' | 'actorName' | 'at' | 'state'> | null;
  /** Hours from submission to that decision. */
  decisionHours: number | null;
  override: boolean;
  fourEyes: { proposed: number; confirmed: number; returned: number; reviewHours: number[] };
  fileName: string;
  sha256: string;
}

/** The engine recommended one thing and a person decided the opposite. */
export function isOverride(recommendation: string | null, action: Decision['action'] | undefined): boolean {
  if (!recommendation || !action) return false;
  if (recommendation === 'AUTO_APPROVE') return action === 'reject' || action === 'request_resubmission';
  if (recommendation === 'DECLINE') return action === 'approve';
  return false;
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

export function batchRowOf(data: CaseReportData, file: { fileName: string; sha256: string }): BatchRow {
  const last = data.decisions.filter(isInEffect).at(-1) ?? null;
  // An override is judged against what the engine said when the person decided, not against an analysis run later.
  const atDecision = last ? (data.recommendationAtDecision[last.id] ?? null) : null;
  const fourEyes = { proposed: 0, confirmed: 0, returned: 0, reviewHours: [] as number[] };
  for (const d of data.decisions) {
    if (d.state === 'final') continue;
    fourEyes[d.state] += 1;
    if (d.reviewedAt) fourEyes.reviewHours.push(hoursBetween(d.at, d.reviewedAt));
  }
  return {
    caseId: data.case.id,
    name: data.profile.displayName,
    externalId: data.profile.externalId,
    country: data.case.countryCode,
    status: data.case.status,
    recommendation: data.case.recommendation,
    recommendationAtDecision: atDecision,
    decision: last && { action: last.action, actorName: last.actorName, at: last.at, state: last.state },
    decisionHours: last && data.case.submittedAt ? hoursBetween(data.case.submittedAt, last.at) : null,
    override: isOverride(atDecision, last?.action),
    fourEyes,
    fileName: file.fileName,
    sha256: file.sha256,
  };
}

export interface Distribution {
  n: number;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export function distribution(values: number[]): Distribution {
  if (!values.length) return { n: 0, median: null, p90: null, max: null };
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
  return { n: s.length, median: q(0.5), p90: q(0.9), max: s[s.length - 1]! };
}

export interface BatchStats {
  byStatus: Record<CaseStatus, number>;
  decisionHours: Distribution;
  decisionsByAction: Record<string, number>;
  overrides: BatchRow[];
  fourEyes: { cases: number; proposed: number; confirmed: number; returned: number; reviewHours: Distribution };
}

export function batchStats(rows: readonly BatchRow[]): BatchStats {
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const decisionsByAction: Record<string, number> = {};
  const hours: number[] = [];
  const reviewHours: number[] = [];
  const fourEyes = { cases: 0, proposed: 0, confirmed: 0, returned: 0 };
  for (const r of rows) {
    byStatus[r.status] += 1;
    if (r.decision) decisionsByAction[r.decision.action] = (decisionsByAction[r.decision.action] ?? 0) + 1;
    if (r.decisionHours !== null) hours.push(r.decisionHours);
    const f = r.fourEyes;
    if (f.proposed + f.confirmed + f.returned > 0) fourEyes.cases += 1;
    fourEyes.proposed += f.proposed;
    fourEyes.confirmed += f.confirmed;
    fourEyes.returned += f.returned;
    reviewHours.push(...f.reviewHours);
  }
  return {
    byStatus,
    decisionHours: distribution(hours),
    decisionsByAction,
    overrides: rows.filter((r) => r.override),
    fourEyes: { ...fourEyes, reviewHours: distribution(reviewHours) },
  };
}
