import type { CaseSummary } from '../../../shared/schemas/case';
import type { ServiceDeps } from '../core/ServiceDeps';

/**
 * Who approved an approved case. The engine approves a clean submission without a decision
 * row, and only when its newest result says so (kycService result 1, AUTO_APPROVE); an
 * officer's approval is a decision, and a remote's (a central kycService) is neither.
 */
export function approvedBy(deps: Pick<ServiceDeps, 'decisions' | 'analyses'>, c: Pick<CaseSummary, 'id' | 'status'>): 'engine' | 'officer' {
  if (c.status !== 'APPROVED') return 'officer';
  if (deps.decisions.forCase(c.id).at(-1)?.action === 'approve') return 'officer';
  const latest = deps.analyses.latestForCase(c.id);
  return latest?.submitResult === 1 && latest.recommendation === 'AUTO_APPROVE' ? 'engine' : 'officer';
}
