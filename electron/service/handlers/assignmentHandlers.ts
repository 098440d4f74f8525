import { ErrorCode } from '../../../shared/errorCodes';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { Operator } from '../../../shared/schemas/operator';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { loadCase, moveCase } from '../cases/caseWorkflow';
import type { HandlerSlice } from './Handlers';

function setAssignee(deps: ServiceDeps, c: CaseSummary, expectedVersion: number, assignee: Operator | null, actor: Operator, now: Date): CaseSummary {
  if (!deps.cases.assign(c.id, expectedVersion, assignee?.id ?? null, now.toISOString())) {
    throw new ServiceFailure(ErrorCode.STALE_CASE, 'the case changed since you opened it; reload it and try again');
  }
  deps.audit.append({
    at: now.toISOString(),
    actor: { id: actor.id, name: actor.displayName },
    type: assignee ? 'case.assigned' : 'case.released',
    caseId: c.id,
    profileId: c.profileId,
    payload: { assigneeId: assignee?.id ?? null, previousAssigneeId: c.assigneeId },
  });
  return loadCase(deps, c.id);
}

export const assignmentHandlers: HandlerSlice<'cases.takeNext' | 'cases.assign' | 'cases.release' | 'views.list' | 'views.save' | 'views.delete'> = {
  'cases.takeNext'(_input, { deps, now, tx, actor }) {
    return tx(() => {
      const next = deps.cases.nextUnassigned();
      if (!next) return null;
      if (next.status === 'SUBMITTED') return moveCase(deps, next, 'IN_REVIEW', { actor, now, assigneeId: actor.id });
      return setAssignee(deps, next, next.version, actor, actor, now);
    });
  },

  'cases.assign'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.id);
      const target = deps.operators.byId(input.operatorId);
      if (!target || !target.active || (target.role !== 'officer' && target.role !== 'senior_officer')) {
        throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'cases can be assigned only to active officers', 'operatorId');
      }
      if (actor.role !== 'senior_officer' && target.id !== actor.id) {
        throw new ServiceFailure(ErrorCode.FORBIDDEN, 'only a senior officer assigns cases to someone else');
      }
      if (c.assigneeId && c.assigneeId !== actor.id && actor.role !== 'senior_officer') {
        throw new ServiceFailure(ErrorCode.FORBIDDEN, `the case is assigned to ${c.assigneeName ?? 'someone else'}`);
      }
      if (c.status === 'SUBMITTED') return moveCase(deps, c, 'IN_REVIEW', { actor, now, expectedVersion: input.expectedVersion, assigneeId: target.id });
      if (!['IN_REVIEW', 'AWAITING_SECOND_REVIEW'].includes(c.status)) {
        throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} case is not assigned for review`);
      }
      return setAssignee(deps, c, input.expectedVersion, target, actor, now);
    });
  },

  'cases.release'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.id);
      if (!c.assigneeId) return c;
      if (c.assigneeId !== actor.id && actor.role !== 'senior_officer') {
        throw new ServiceFailure(ErrorCode.FORBIDDEN, `the case is assigned to ${c.assigneeName ?? 'someone else'}`);
      }
      return setAssignee(deps, c, input.expectedVersion, null, actor, now);
    });
  },

  'views.list'(_input, { deps, actor }) {
    return deps.savedViews.forOperator(actor.id);
  },

  'views.save'(input, { deps, now, actor }) {
    deps.savedViews.upsert({ id: newId(), operatorId: actor.id, name: input.name, query: input.query, now: now.toISOString() });
    return deps.savedViews.forOperator(actor.id).find((v) => v.name === input.name)!;
  },

  'views.delete'(input, { deps, actor }) {
    return { deleted: deps.savedViews.remove(actor.id, input.id) };
  },
};
