import type { PolicyBody } from '../../../shared/schemas/policy';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { DecisionAction } from '../../../shared/schemas/decision';
import { FOUR_EYES_REASONS } from '../../../shared/fourEyesReasons';

/**
 * Why this decision needs a second pair of eyes under the policy, or null when it takes effect
 * at once. Only approvals and rejections close a case, so only they are held.
 */
export function fourEyesReason(policy: PolicyBody, c: CaseSummary, action: DecisionAction): string | null {
  if (action !== 'approve' && action !== 'reject') return null;
  const f = policy.fourEyes;
  if (f.onOverride && action === 'approve' && c.recommendation === 'DECLINE') return FOUR_EYES_REASONS.approveOverride;
  if (f.onOverride && action === 'reject' && c.recommendation === 'AUTO_APPROVE') return FOUR_EYES_REASONS.rejectOverride;
  if (f.onEngineDecline && c.recommendation === 'DECLINE') return FOUR_EYES_REASONS.engineDecline;
  if (f.onHighRisk && c.risk === 'HIGH') return FOUR_EYES_REASONS.highRisk;
  if (f.onReject && action === 'reject') return FOUR_EYES_REASONS.everyRejection;
  return null;
}
