import { ErrorCode } from '../../../shared/errorCodes';
import type { retentionContract } from '../../../shared/contracts/retentionContract';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { previewRetention } from '../retention/previewRetention';
import { purgeDueCases } from '../retention/purgeDueCases';
import { executeErasure } from '../retention/executeErasure';
import type { HandlerSlice } from './Handlers';

export const retentionHandlers: HandlerSlice<keyof typeof retentionContract> = {
  'retention.preview'(_input, { deps, now }) {
    return previewRetention(deps, now);
  },

  'retention.purge'(input, { deps, now, actor }) {
    return purgeDueCases(deps, { now, actor: { id: actor.id, name: actor.displayName }, caseIds: input.caseIds, note: input.note });
  },

  'retention.tombstones'(input, { deps }) {
    return deps.retention.tombstones(input.limit);
  },

  'retention.setLegalHold'(input, { deps, now, tx, actor }) {
    const { retention } = deps;
    return tx(() => {
      const c = retention.caseById(input.caseId);
      if (!c) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such case', 'caseId');
      if (retention.hold(c.id)) throw new ServiceFailure(ErrorCode.HOLD_STATE, 'the case is already under legal hold', 'caseId');
      const at = now.toISOString();
      retention.insertHold({ caseId: c.id, reason: input.reason, setBy: actor.id, setAt: at });
      deps.audit.append({ at, actor: { id: actor.id, name: actor.displayName }, type: 'retention.hold_set', caseId: c.id, profileId: c.profileId, payload: { reason: input.reason } });
      return retention.hold(c.id)!;
    });
  },

  'retention.clearLegalHold'(input, { deps, now, tx, actor }) {
    const { retention } = deps;
    return tx(() => {
      const hold = retention.hold(input.caseId);
      if (!hold) throw new ServiceFailure(ErrorCode.HOLD_STATE, 'the case is not under legal hold', 'caseId');
      retention.deleteHold(input.caseId);
      const c = retention.caseById(input.caseId);
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'retention.hold_cleared',
        caseId: input.caseId,
        profileId: c?.profileId ?? null,
        payload: { reason: input.reason, heldSince: hold.setAt, heldFor: hold.reason },
      });
      return { cleared: true };
    });
  },

  'retention.legalHolds'(_input, { deps }) {
    return deps.retention.holds();
  },

  'retention.requestErasure'(input, { deps, now, tx, actor }) {
    const { retention } = deps;
    return tx(() => {
      const c = retention.caseById(input.caseId);
      if (!c) throw new ServiceFailure(ErrorCode.NOT_FOUND, retention.tombstone(input.caseId) ? 'the case was already purged' : 'no such case', 'caseId');
      const at = now.toISOString();
      const receivedAt = input.receivedAt ? new Date(input.receivedAt).toISOString() : at;
      if (Date.parse(receivedAt) > now.getTime()) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'a request cannot be received in the future', 'receivedAt');
      const id = newId();
      retention.insertErasure({ id, caseId: c.id, reason: input.reason, receivedAt, recordedBy: actor.id, recordedAt: at });
      deps.audit.append({ at, actor: { id: actor.id, name: actor.displayName }, type: 'retention.erasure_requested', caseId: c.id, profileId: c.profileId, payload: { request: id, reason: input.reason, receivedAt } });
      return retention.erasure(id)!;
    });
  },

  'retention.executeErasure'(input, { deps, now, actor }) {
    return executeErasure(deps, input.id, actor, now);
  },

  'retention.erasureRequests'(_input, { deps }) {
    return deps.retention.erasures();
  },
};
