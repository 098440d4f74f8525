import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { AnalysisResult, Recommendation } from '../../../shared/schemas/analysis';
import type { RiskLevel } from '../../../shared/schemas/case';

/** HIGH: a DECLINE, or an identity check (face, attack, cross-check) failed; MEDIUM: review; LOW: clean. */
export function riskOf(r: AnalysisResult): RiskLevel {
  const identityFail = r.checks.some((c) => c.outcome === 'FAIL' && ['faceMatch', 'presentationAttack', 'crossChecks'].includes(c.check));
  if (r.recommendation === 'DECLINE' || identityFail) return 'HIGH';
  return r.recommendation === 'MANUAL_REVIEW' ? 'MEDIUM' : 'LOW';
}

export class AnalysisRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(r: { id: string; caseId: string; jobId: string | null; result: AnalysisResult; now: string }): void {
    this.sql(
      `INSERT INTO analysis_results (id, case_id, job_id, policy_version, recommendation, result, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.id, r.caseId, r.jobId, r.result.policyVersion, r.result.recommendation, JSON.stringify(r.result), r.now);
    this.sql('UPDATE cases SET recommendation = ?, risk = ?, has_warnings = ? WHERE id = ?').run(
      r.result.recommendation,
      riskOf(r.result),
      r.result.checks.some((c) => c.outcome === 'WARN' || c.outcome === 'FAIL') ? 1 : 0,
      r.caseId,
    );
  }

  latestForCase(caseId: string): AnalysisResult | undefined {
    const r = this.sql('SELECT result FROM analysis_results WHERE case_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(caseId) as
      | { result: string }
      | undefined;
    return r && (JSON.parse(r.result) as AnalysisResult);
  }

  /** The recommendation in force at `at`: the newest analysis stored by then (null before the first). */
  recommendationAt(caseId: string, at: string): Recommendation | null {
    const r = this.sql('SELECT recommendation FROM analysis_results WHERE case_id = ? AND created_at <= ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(caseId, at) as
      | { recommendation: Recommendation }
      | undefined;
    return r?.recommendation ?? null;
  }

  recommendationOf(caseId: string): Recommendation | null {
    return ((this.sql('SELECT recommendation FROM cases WHERE id = ?').get(caseId) as { recommendation: Recommendation | null } | undefined)?.recommendation ?? null);
  }
}
