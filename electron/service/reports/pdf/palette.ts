import type { CaseStatus } from '../../../../shared/caseStatus';

/** The workstation's colours (renderer/src/styles.css), so the report reads as the same product. */
export const INK = '#1c2430';
export const MUTED = '#647084';
export const BORDER = '#dde2ea';
export const ACCENT = '#1f5fbf';
export const ACCENT_SOFT = '#e6eefb';
export const BAND = '#14223a';
export const ZEBRA = '#f6f8fb';
export const OK = '#137a3f';
export const WARN = '#a15c00';
export const DANGER = '#b42318';

export interface Tone {
  fg: string;
  bg: string;
}

export const TONES = {
  ok: { fg: OK, bg: '#e3f4ea' },
  warn: { fg: WARN, bg: '#fff3dc' },
  danger: { fg: DANGER, bg: '#fdecea' },
  info: { fg: ACCENT, bg: ACCENT_SOFT },
  neutral: { fg: '#4a5568', bg: '#edf0f4' },
} satisfies Record<string, Tone>;

export function statusTone(s: CaseStatus): Tone {
  if (s === 'APPROVED') return TONES.ok;
  if (s === 'REJECTED') return TONES.danger;
  if (s === 'AWAITING_SECOND_REVIEW' || s === 'RESUBMISSION_REQUESTED') return TONES.warn;
  if (s === 'SUBMITTED' || s === 'IN_REVIEW') return TONES.info;
  return TONES.neutral;
}

/** PASS/WARN/FAIL/NOT_RUN, and the engine's recommendations. */
export function outcomeTone(outcome: string): Tone {
  if (['PASS', 'MATCH', 'AUTO_APPROVE', 'PASSED', 'LOW', 'YES', 'confirmed'].includes(outcome)) return TONES.ok;
  if (['WARN', 'MANUAL_REVIEW', 'MEDIUM', 'proposed'].includes(outcome)) return TONES.warn;
  if (['FAIL', 'NO_MATCH', 'DECLINE', 'FAILED', 'HIGH', 'NO', 'returned'].includes(outcome) || outcome.startsWith('NO_') || outcome.startsWith('MULTIPLE')) return TONES.danger;
  return TONES.neutral;
}
