import { ErrorCode } from '../../../shared/errorCodes';
import type { PurgeOutcome } from '../../../shared/schemas/retention';
import type { AuditActor } from '../audit/AuditLog';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { previewRetention } from './previewRetention';
import { purgeCase } from './purgeCase';
import { retentionBlock } from './retentionRules';

/**
 * The retention purge: every case the preview shows as due (or the ones named, which must be
 * due), each in its own transaction so one refusal does not stop the rest. The rules are
 * checked again inside each transaction: a hold set since the preview still wins.
 */
export function purgeDueCases(deps: ServiceDeps, opts: { now: Date; actor: AuditActor; caseIds?: string[] | undefined; note: string }): PurgeOutcome {
  const preview = previewRetention(deps, opts.now);
  const due = new Set(preview.due.map((c) => c.caseId));
  const ids = opts.caseIds ? [...new Set(opts.caseIds)] : preview.due.filter((c) => !c.blockedBy).map((c) => c.caseId);
  const outcome: PurgeOutcome = { purged: [], skipped: [] };
  const at = opts.now.toISOString();
  for (const caseId of ids) {
    try {
      outcome.purged.push(
        purgeCase(deps, {
          caseId,
          basis: 'RETENTION',
          check: (c, onHold) => retentionBlock(c, onHold, opts.now, preview.retentionYears),
          actor: opts.actor,
          at,
          note: opts.note,
        }),
      );
    } catch (e) {
      if (!(e instanceof ServiceFailure)) throw e;
      outcome.skipped.push({ caseId, code: e.code, message: due.has(caseId) || e.code !== ErrorCode.NOT_FOUND ? e.message : 'no such case' });
    }
  }
  return outcome;
}
