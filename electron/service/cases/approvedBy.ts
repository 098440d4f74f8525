import type { CaseSummary } from '../../../shared/schemas/case';
import type { ServiceDeps } from '../core/ServiceDeps';

/**
 * Who approved an approved case: the engine moves a clean submission to APPROVED without a
 * decision row; an officer's approval is always a decision. So an approved case whose latest
 * decision is not an approval (none, or a reset before resubmission) was approved by the engine.
 */
export function approvedBy(deps: Pick<ServiceDeps, 'decisions'>, c: Pick<CaseSummary, 'id' | 'status'>): 'engine' | 'officer' {
  if (c.status !== 'APPROVED') return 'officer';
  return deps.decisions.forCase(c.id).at(-1)?.action === 'approve' ? 'officer' : 'engine';
}
