import { ErrorCode } from '../../../shared/errorCodes';
import type { RetentionCandidate, RetentionPreview } from '../../../shared/schemas/retention';
import type { ServiceDeps } from '../core/ServiceDeps';
import { DEFAULT_POLICY } from '../analysis/defaultPolicy';
import { addYears, purgeableFrom } from './retentionRules';

/** The most cases one preview or purge looks at; the next run takes the rest. */
export const PURGE_BATCH = 500;

/** Dry run: the closed cases past retention now, each with what (if anything) blocks its purge. */
export function previewRetention(deps: Pick<ServiceDeps, 'retention' | 'policies'>, now: Date): RetentionPreview {
  const { retention } = deps;
  const policy = deps.policies.latest();
  const years = policy?.body.retentionYears ?? DEFAULT_POLICY.retentionYears;
  const cutoff = addYears(now.toISOString(), -years);
  // A day of slack for 29 February; the exact test is purgeableFrom <= now.
  const slack = new Date(Date.parse(cutoff) + 86_400_000).toISOString();
  const due: RetentionCandidate[] = [];
  for (const c of retention.closedBefore(slack, PURGE_BATCH)) {
    if (c.closedAt === null) continue;
    const from = purgeableFrom(c.closedAt, years);
    if (Date.parse(from) > now.getTime()) continue;
    const hold = retention.hold(c.id);
    const owner = c.profileType === 'PERSON' && retention.companiesOwnedBy(c.profileId).length > 0;
    due.push({
      caseId: c.id,
      profileId: c.profileId,
      status: c.status,
      closedAt: c.closedAt,
      purgeableFrom: from,
      evidenceFiles: c.evidenceFiles,
      legalHold: hold ? { reason: hold.reason, setAt: hold.setAt, setBy: hold.setByName } : null,
      blockedBy: hold
        ? { code: ErrorCode.LEGAL_HOLD, message: 'under legal hold' }
        : owner
          ? { code: ErrorCode.PURGE_REFERENCED, message: 'the person owns a company still on file' }
          : null,
    });
  }
  return { asOf: now.toISOString(), retentionYears: years, policyVersion: policy?.version ?? 0, cutoff, due };
}
