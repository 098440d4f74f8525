import { ErrorCode } from '../../../shared/errorCodes';
import type { ErasureRequest } from '../../../shared/schemas/retention';
import type { Operator } from '../../../shared/schemas/operator';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { DEFAULT_POLICY } from '../analysis/defaultPolicy';
import { erasureBlock } from './retentionRules';
import { purgeCase } from './purgeCase';

/**
 * Honours a recorded erasure request through the same purge as retention, or refuses it. A
 * refusal is kept on the request (status REFUSED, code, message) and audited, and the caller
 * still gets the coded error. A refused request can be executed again once the block is gone.
 */
export function executeErasure(deps: ServiceDeps, id: string, actor: Operator, now: Date): ErasureRequest {
  const { retention } = deps;
  const request = retention.erasure(id);
  if (!request) throw new ServiceFailure(ErrorCode.ERASURE_STATE, 'no such erasure request', 'id');
  if (request.status === 'EXECUTED') throw new ServiceFailure(ErrorCode.ERASURE_STATE, 'this erasure request was already executed', 'id');
  const at = now.toISOString();
  const who = { id: actor.id, name: actor.displayName };
  const years = deps.policies.latest()?.body.retentionYears ?? DEFAULT_POLICY.retentionYears;
  try {
    purgeCase(deps, {
      caseId: request.caseId,
      basis: 'ERASURE',
      check: (c, onHold) => erasureBlock(c, onHold, now, years),
      actor: who,
      at,
      note: request.reason,
      erasureRequestId: request.id,
      alsoInTransaction: () => {
        retention.decideErasure(id, { status: 'EXECUTED', by: actor.id, at, refusal: null });
        deps.audit.append({ at, actor: who, type: 'retention.erasure_executed', caseId: request.caseId, payload: { request: id } });
      },
    });
  } catch (e) {
    if (!(e instanceof ServiceFailure)) throw e;
    deps.db.transaction(() => {
      retention.decideErasure(id, { status: 'REFUSED', by: actor.id, at, refusal: { code: e.code, message: e.message } });
      deps.audit.append({ at, actor: who, type: 'retention.erasure_refused', caseId: request.caseId, payload: { request: id, code: e.code, message: e.message } });
    })();
    throw e;
  }
  return retention.erasure(id)!;
}
