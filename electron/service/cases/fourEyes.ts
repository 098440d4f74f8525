import type { PolicyBody } from '../../../shared/schemas/policy';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { DecisionAction } from '../../../shared/schemas/decision';

/**
 * Why this decision needs a second pair of eyes under the policy, or null when it takes effect
 * at once. Only approvals and rejections close a case, so only they are held.
 */
export function fourEyesReason(policy: PolicyBody, c: CaseSummary, action: DecisionAction): string | null {
  if (action !== 'approve' && action !== 'reject') return null;
  const f = policy.fourEyes;
  if (f.onOverride && action === 'approve' && c.recommendation === 'DECLINE') return 'approval against the engine’s DECLINE';
  if (f.onOverride && action === 'reject' && c.recommendation === 'AUTO_APPROVE') return 'rejection against the engine’s AUTO_APPROVE';
  if (f.onEngineDecline && c.recommendation === 'DECLINE') return 'the engine recommended DECLINE';
  if (f.onHighRisk && c.risk === 'HIGH') return 'the case is high risk';
  if (f.onReject && action === 'reject') return 'the policy reviews every rejection twice';
  return null;
}
