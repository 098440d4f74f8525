import type { Job, JobLane } from '../../../shared/schemas/job';
import type { Operator } from '../../../shared/schemas/operator';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';

export const ANALYSIS_JOB = 'analysis.case';
/** A crashed worker is replaced and the job retried this many times in all. */
export const ANALYSIS_MAX_ATTEMPTS = 3;

/**
 * Queues a case analysis (inside the caller's transaction) and wakes the runner if there is one.
 * `background` is for work nobody waits on (imported cases): it never delays an interactive job.
 */
export function enqueueAnalysis(deps: Pick<ServiceDeps, 'jobs' | 'audit' | 'engine'>, caseId: string, actor: Pick<Operator, 'id' | 'displayName'>, now: Date, lane: JobLane = 'interactive'): Job {
  const id = newId();
  deps.jobs.insert({ id, type: ANALYSIS_JOB, caseId, payload: {}, maxAttempts: ANALYSIS_MAX_ATTEMPTS, now: now.toISOString(), createdBy: actor.id, lane });
  deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'analysis.requested', caseId, payload: { jobId: id } });
  deps.engine?.runner.wake();
  return deps.jobs.byId(id)!;
}
