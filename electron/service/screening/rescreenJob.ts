import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import type { JobContext } from '../jobs/JobRunner';
import { screenCaseSanctions } from './screenCaseSanctions';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

export const RESCREEN_JOB = 'screening.rescreen';
/** Cases screened in one transaction: short enough that an officer's write never waits long. */
const BATCH = 50;

/**
 * Queues the ongoing-monitoring job a new list snapshot starts (inside the import's
 * transaction, so an imported list is never left unscreened), and wakes the runner if there is one.
 */
export function enqueueRescreen(deps: Pick<ServiceDeps, 'jobs' | 'engine'>, listId: string, actorId: string | null, now: Date): string {
  const id = newId();
  deps.jobs.insert({ id, type: RESCREEN_JOB, caseId: null, payload: { listId }, maxAttempts: 1, now: now.toISOString(), createdBy: actorId, lane: 'background' });
  deps.engine?.runner.wake();
  return id;
}

/**
 * Ongoing monitoring: screens every open and every approved case again against the active
 * lists, with the policy's review threshold, in batches with progress. A hit not seen before
 * and not cleared for that customer stays open, which shows the case in the queue with a
 * screening alert (summary `screeningAlert`, queue filter). Audited once with the counts.
 * Does nothing while the policy has screening off.
 */
export async function runRescreen(deps: ServiceDeps, ctx: JobContext): Promise<{ timings: Record<string, number> }> {
  const started = performance.now();
  const policy = deps.policies.latest();
  const at = () => deps.clock();
  if (!policy?.body.aml.enabled) {
    ctx.progress('screening is off in the policy', 1);
    return { timings: {} };
  }
  const ids = deps.sanctions.casesToRescreen();
  let newHits = 0;
  const alerted: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    if (ctx.cancelled()) break;
    const batch = ids.slice(i, i + BATCH);
    deps.db.transaction(() => {
      for (const caseId of batch) {
        const before = new Set(deps.sanctions.hitsFor(caseId).map((h) => h.id));
        const fresh = screenCaseSanctions(deps, caseId, at(), policy.body.aml.reviewThreshold).filter((h) => !before.has(h.id) && h.disposition === null);
        newHits += fresh.length;
        if (fresh.length) alerted.push(caseId);
      }
    })();
    ctx.progress(`screened ${Math.min(i + BATCH, ids.length)} of ${ids.length} cases`, Math.min(i + BATCH, ids.length) / Math.max(1, ids.length));
    // Let other work (the officer's calls) run between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = performance.now() - started;
  deps.audit.append({
    at: at().toISOString(),
    actor: { id: null, name: SYSTEM_ACTOR_NAMES.screening },
    type: 'screening.rescreened',
    payload: { jobId: ctx.job.id, listId: ctx.job.payload.listId ?? null, cases: ids.length, newHits, casesAlerted: alerted.length, cancelled: ctx.cancelled() },
  });
  deps.log.info('screening.rescreened', { cases: ids.length, newHits, casesAlerted: alerted.length, ms: Math.round(ms) });
  return { timings: { rescreen: ms } };
}
