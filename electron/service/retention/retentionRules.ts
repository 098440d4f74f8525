import { ErrorCode } from '../../../shared/errorCodes';
import type { RetentionCase } from '../repositories/RetentionRepository';

export interface RetentionBlock {
  code: string;
  message: string;
}

/** `iso` plus whole calendar years, in UTC (29 February rolls to 1 March). */
export function addYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

/** When the policy lets a closed case go: closedAt + retention years. */
export function purgeableFrom(closedAt: string, years: number): string {
  return addYears(closedAt, years);
}

const day = (iso: string) => iso.slice(0, 10);

/** Why a retention purge may not take this case now; null when it may. */
export function retentionBlock(c: Pick<RetentionCase, 'closedAt'>, onHold: boolean, now: Date, years: number): RetentionBlock | null {
  if (onHold) return { code: ErrorCode.LEGAL_HOLD, message: 'the case is under legal hold; clear the hold first' };
  if (c.closedAt === null) return { code: ErrorCode.CASE_STILL_OPEN, message: 'the case is not closed; retention counts from its closing' };
  const from = purgeableFrom(c.closedAt, years);
  if (Date.parse(from) > now.getTime()) {
    return {
      code: ErrorCode.RETENTION_NOT_OVER,
      message: `the law requires the records until ${day(from)} (closed ${day(c.closedAt)}, retention ${years} years after closing)`,
    };
  }
  return null;
}

/**
 * Why an erasure request cannot be honoured now (GDPR art. 17(3)(b): not while a legal
 * obligation requires the data). A case never submitted for review holds no due-diligence
 * record the AML rules require, so it can be erased at once; otherwise the retention rules apply.
 */
export function erasureBlock(c: Pick<RetentionCase, 'closedAt' | 'submittedAt'>, onHold: boolean, now: Date, years: number): RetentionBlock | null {
  if (onHold) return { code: ErrorCode.LEGAL_HOLD, message: 'the case is under legal hold: erasure is refused until the hold is cleared' };
  if (c.submittedAt === null) return null;
  if (c.closedAt === null) {
    return { code: ErrorCode.CASE_STILL_OPEN, message: 'the case is under review: its due-diligence record must be kept while it is open and for the retention period after' };
  }
  return retentionBlock(c, false, now, years);
}
