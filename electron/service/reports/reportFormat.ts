import { REASON_CODES, type ReasonCode } from '../../../shared/reasonCodes';

/** How the reports print times and codes: UTC to the second, codes in words. */
export const formatTime = (iso: string | null | undefined): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—');
/** A score or confidence to `digits` decimals, a dash when there is none. */
export const pct = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined ? '—' : x.toFixed(digits));
export const humanize = (s: string): string => s.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
export const reasonLabel = (code: string | null): string => (code ? (code in REASON_CODES ? `${code} — ${REASON_CODES[code as ReasonCode].label}` : code) : '—');
