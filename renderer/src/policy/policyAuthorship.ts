import type { TFunction } from 'i18next';
import { SHIPPED_POLICY_VERSION, type Policy } from '../../../shared/schemas/policy';

/** Who made a policy version and why, in the UI's language: the shipped version 1 is worded, not shown as stored. */
export function policyAuthorship(p: Policy, t: TFunction): { by: string; note: string } {
  const shipped = p.createdBy === SHIPPED_POLICY_VERSION.createdBy && p.note === SHIPPED_POLICY_VERSION.note;
  return shipped ? { by: t('policy.current.shippedBy'), note: t('policy.current.shippedNote') } : { by: t('policy.current.by', { by: p.createdBy }), note: p.note };
}
