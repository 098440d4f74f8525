import { CHALLENGE_ACTIONS } from '../../../shared/schemas/liveness';

/**
 * Every field of the policy body the editor shows, in groups, by its dotted path in the body
 * (`quality.maxBlur`): the same path the service names in a refusal (`body.quality.maxBlur`) and
 * zod in an issue. Labels and help are `policy.fields.<path>.label|help`, group titles
 * `policy.groups.<id>.title|help`. test/renderer/policyForm.test.ts holds the list to every
 * leaf of the shipped policy, so a new knob without a field here fails a test.
 */
export type PolicyFieldSpec =
  | { key: string; kind: 'toggle' }
  | { key: string; kind: 'number'; min: number; max: number; step: number };

export interface PolicyFieldGroupSpec {
  id: 'checks' | 'quality' | 'faceMatch' | 'presentationAttack' | 'liveness' | 'aml' | 'decisions' | 'lifecycle';
  fields: readonly PolicyFieldSpec[];
}

const toggle = (key: string): PolicyFieldSpec => ({ key, kind: 'toggle' });
const num = (key: string, min: number, max: number, step: number): PolicyFieldSpec => ({ key, kind: 'number', min, max, step });

/** The face threshold: the editor shows its measured error rates beside it. */
export const FACE_THRESHOLD_KEY = 'faceMatch.matchThreshold';

export const POLICY_FIELD_GROUPS: readonly PolicyFieldGroupSpec[] = [
  {
    id: 'checks',
    fields: [toggle('checks.quality'), toggle('checks.mrz'), toggle('checks.crossChecks'), toggle('is_face_match_enabled'), toggle('checks.presentationAttack'), toggle('checks.liveness')],
  },
  {
    id: 'quality',
    fields: [
      num('quality.minShortSidePx', 1, 10_000, 1),
      num('quality.maxBlur', 0, 1, 0.01),
      num('quality.maxDocumentBlur', 0, 1, 0.01),
      num('quality.maxGlare', 0, 1, 0.001),
      num('quality.maxGlareFade', 0, 1, 0.0001),
      num('quality.minLumaP95', 0, 255, 1),
      num('quality.maxLumaP5', 0, 255, 1),
      num('quality.minDocumentFill', 0, 1, 0.01),
    ],
  },
  { id: 'faceMatch', fields: [num(FACE_THRESHOLD_KEY, 0, 1, 0.01), num('face_match_score_decline_threshold', 0, 100, 1)] },
  { id: 'presentationAttack', fields: [num('presentationAttack.threshold', 0, 1, 0.01)] },
  { id: 'liveness', fields: [num('liveness.actionsPerSession', 1, CHALLENGE_ACTIONS.length, 1), num('liveness.sessionMinutes', 1, 60, 1), num('liveness.minActionsPassed', 1, CHALLENGE_ACTIONS.length, 1)] },
  { id: 'aml', fields: [toggle('aml.enabled'), num('aml.reviewThreshold', 0, 100, 1), num('aml.declineThreshold', 0, 100, 1)] },
  {
    id: 'decisions',
    fields: [toggle('autoApprove'), toggle('fourEyes.onEngineDecline'), toggle('fourEyes.onHighRisk'), toggle('fourEyes.onOverride'), toggle('fourEyes.onReject')],
  },
  { id: 'lifecycle', fields: [num('max_retry_attempts', 0, 10, 1), num('applicationExpiryDays', 1, 365, 1), num('retentionYears', 1, 30, 1)] },
];

export const POLICY_FIELDS: readonly PolicyFieldSpec[] = POLICY_FIELD_GROUPS.flatMap((g) => g.fields);
