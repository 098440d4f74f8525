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
  const outcome: PurgeOutcome = { purged: [], skipped: [] };
  if (opts.caseIds) {
    for (const caseId of new Set(opts.caseIds)) purgeOne(deps, opts, preview.retentionYears, caseId, due, outcome);
    return outcome;
  }
  // Purging a company frees its owners (RETENTION.0005), so the due list is read again until a
  // pass purges nothing: one run leaves nothing due that it could purge.
  const tried = new Set<string>();
  for (let pass = preview; ; pass = previewRetention(deps, opts.now)) {
    const ids = pass.due.filter((c) => !c.blockedBy && !tried.has(c.caseId)).map((c) => c.caseId);
    if (ids.length === 0) return outcome;
    for (const caseId of ids) {
      tried.add(caseId);
      due.add(caseId);
      purgeOne(deps, opts, pass.retentionYears, caseId, due, outcome);
    }
  }
}

function purgeOne(deps: ServiceDeps, opts: { now: Date; actor: AuditActor; note: string }, retentionYears: number, caseId: string, due: ReadonlySet<string>, outcome: PurgeOutcome): void {
  try {
    outcome.purged.push(
      purgeCase(deps, {
        caseId,
        basis: 'RETENTION',
        check: (c, onHold) => retentionBlock(c, onHold, opts.now, retentionYears),
        actor: opts.actor,
        at: opts.now.toISOString(),
        note: opts.note,
      }),
    );
  } catch (e) {
    if (!(e instanceof ServiceFailure)) throw e;
    outcome.skipped.push({ caseId, code: e.code, message: due.has(caseId) || e.code !== ErrorCode.NOT_FOUND ? e.message : 'no such case' });
  }
}
