import type { TFunction } from 'i18next';

/** The part of a schema issue the editor words: zod's code, its bound, and the field's path. */
export interface PolicyIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
}

/** Refinements of the policy schema, by the field they name, worded here (the schema's English is for the API). */
const REFINEMENTS: Record<string, string> = {
  face_match_score_decline_threshold: 'policy.errors.declineAboveMatch',
  'aml.reviewThreshold': 'policy.errors.reviewAboveDecline',
  'liveness.actionsPerSession': 'policy.errors.tooManyActions',
  'liveness.minActionsPassed': 'policy.errors.tooManyActions',
};

/**
 * A policy form issue in the UI's language: a bound ("at least 0"), a number expected, or the rule
 * a refinement states. `values` gives the numbers a rule names (the match threshold × 100).
 */
export function policyIssueWords(issue: PolicyIssue, t: TFunction, values: { maxDecline: number; actions: number }): string {
  const key = issue.path.map(String).join('.');
  if (issue.code === 'too_small' && issue.minimum !== undefined) return t(key === 'note' ? 'policy.errors.note' : 'policy.errors.min', { min: String(issue.minimum) });
  if (issue.code === 'too_big' && issue.maximum !== undefined) return t('policy.errors.max', { max: String(issue.maximum) });
  if (issue.code === 'invalid_type') return t(issue.expected === 'int' ? 'policy.errors.whole' : 'policy.errors.number');
  if (issue.code === 'custom' && REFINEMENTS[key]) return t(REFINEMENTS[key]!, { max: values.maxDecline, actions: values.actions });
  return issue.message;
}
