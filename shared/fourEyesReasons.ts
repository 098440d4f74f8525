/**
 * Why a decision waits for a second senior officer. The English is what a decision records (the
 * API, the PDF and the stored decision read it); the UI words each in its own language by its key.
 */
export const FOUR_EYES_REASONS = {
  approveOverride: 'approval against the engine’s DECLINE',
  rejectOverride: 'rejection against the engine’s AUTO_APPROVE',
  engineDecline: 'the engine recommended DECLINE',
  highRisk: 'the case is high risk',
  everyRejection: 'the policy reviews every rejection twice',
} as const;

export type FourEyesReasonKey = keyof typeof FOUR_EYES_REASONS;

const KEY_BY_TEXT = new Map<string, FourEyesReasonKey>((Object.entries(FOUR_EYES_REASONS) as [FourEyesReasonKey, string][]).map(([k, v]) => [v, k]));

/** The key of a recorded reason, or null for a text this build does not know. */
export function fourEyesReasonKey(text: string): FourEyesReasonKey | null {
  return KEY_BY_TEXT.get(text) ?? null;
}
