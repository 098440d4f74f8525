import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { loadCase } from '../cases/caseWorkflow';
import { enqueueAnalysis } from '../jobs/enqueueAnalysis';
import { diditEnabled, enqueueDiditWorkflow } from '../sync/diditEffects';
import type { HandlerSlice } from './Handlers';

export const analysisHandlers: HandlerSlice<'analysis.start' | 'analysis.status' | 'analysis.cancel' | 'policy.get' | 'policy.update' | 'policy.versions'> = {
  'analysis.start'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.caseId);
      const running = deps.jobs.forCase(c.id).find((j) => j.status === 'queued' || j.status === 'running');
      if (running) return running;
      return enqueueAnalysis(deps, c.id, actor, now);
    });
  },

  'analysis.status'(input, { deps }) {
    loadCase(deps, input.caseId);
    return { jobs: deps.jobs.forCase(input.caseId), result: deps.analyses.latestForCase(input.caseId) ?? null };
  },

  'analysis.cancel'(input, { deps, now, tx, actor }) {
    const job = deps.jobs.byId(input.jobId);
    if (!job) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such job', 'jobId');
    return tx(() => {
      const cancelled = deps.jobs.cancel(job.id, now.toISOString());
      if (cancelled) {
        deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'analysis.cancelled', caseId: job.caseId, payload: { jobId: job.id } });
      }
      return { cancelled };
    });
  },

  'policy.get'(_input, { deps }) {
    const p = deps.policies.latest();
    if (!p) throw new ServiceFailure(ErrorCode.INTERNAL, 'the store has no verification policy');
    return p;
  },

  'policy.versions'(_input, { deps }) {
    return deps.policies.all();
  },

  'policy.update'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const previous = deps.policies.latest();
      if (input.expectedVersion !== undefined && previous?.version !== input.expectedVersion) {
        throw new ServiceFailure(ErrorCode.STALE_POLICY, `the policy is at version ${previous?.version ?? 'none'} now, not ${input.expectedVersion}: another change was saved meanwhile; reload it and make yours again`);
      }
      const p = deps.policies.insert({ body: input.body, note: input.note, createdAt: now.toISOString(), createdBy: actor.displayName });
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'policy.updated',
        payload: { version: p.version, previousVersion: previous?.version ?? null, note: input.note, body: input.body },
      });
      // Didit verifies with a workflow made from the policy: the new version goes there too.
      if (diditEnabled(deps.sync)) enqueueDiditWorkflow(deps.sync, p.version, now);
      return p;
    });
  },
};
