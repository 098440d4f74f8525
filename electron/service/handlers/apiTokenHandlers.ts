import type { HandlerSlice } from './Handlers';
import type { apiTokenContract } from '../../../shared/contracts/apiTokenContract';
import { ErrorCode } from '../../../shared/errorCodes';
import { CLOSED_STATUSES } from '../../../shared/caseStatus';
import { ServiceFailure } from '../core/ServiceFailure';
import { issueApiToken, toPublicApiToken } from '../apiTokens/issueApiToken';
import { apiTokenStore } from '../apiTokens/apiTokenStore';
import { loadCase } from '../cases/caseWorkflow';
import { applyProfilePatch } from '../profiles/applyProfilePatch';
import { diffFields } from '../profiles/diffFields';


/** `document.number` -> { document: { number } }: the profile patch shape. */
function toPatch(fields: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(fields)) {
    const [head, tail] = path.split('.') as [string, string | undefined];
    if (tail) patch[head] = { ...((patch[head] as Record<string, unknown> | undefined) ?? {}), [tail]: value };
    else patch[head] = value;
  }
  return patch;
}

export const apiTokenHandlers: HandlerSlice<keyof typeof apiTokenContract> = {
  'apiTokens.create'(input, { deps, now, tx, actor }) {
    return tx(() => issueApiToken(deps, { name: input.name, role: input.role, createdBy: { id: actor.id, name: actor.displayName }, now }));
  },

  'apiTokens.list'(_input, { deps }) {
    return apiTokenStore(deps).list().map(toPublicApiToken);
  },

  'apiTokens.revoke'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const store = apiTokenStore(deps);
      const t = store.byId(input.id);
      if (!t) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such API token', 'id');
      if (t.revokedAt) return toPublicApiToken(t);
      const at = now.toISOString();
      store.revoke(t.id, at, actor.id);
      // The service account goes too, so the token's session cannot come back to life.
      deps.operators.setActive(t.operatorId, false);
      deps.sessions.revokeAllFor(t.operatorId, at);
      deps.audit.append({ at, actor: { id: actor.id, name: actor.displayName }, type: 'apiToken.revoked', payload: { apiTokenId: t.id, name: t.name } });
      return toPublicApiToken(store.byId(t.id)!);
    });
  },

  'kycApi.confirmDocument'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.caseId);
      if (CLOSED_STATUSES.includes(c.status)) throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} application cannot be changed`, 'documentId');
      const fields = Object.fromEntries(Object.entries(input.fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
      let changed: string[] = [];
      if (Object.keys(fields).length) {
        const before = deps.profiles.byId(c.profileId)!;
        const after = applyProfilePatch(deps, { profileId: c.profileId, patch: toPatch(fields), reason: 'corrected by the customer at document confirmation', actor, now });
        changed = diffFields(before.data, after.data).map((ch) => ch.field);
      }
      const userModified = input.userModified || changed.length > 0;
      if (userModified) deps.cases.touch(c.id, now.toISOString(), { userModified: true });
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'document.confirmed',
        caseId: c.id,
        profileId: c.profileId,
        payload: { userModified, changedFields: changed },
      });
      return { case: deps.cases.byId(c.id)!, changedFields: changed };
    });
  },

  'kycApi.livenessCallback'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const s = deps.liveness.byId(input.sessionId, now);
      if (!s) throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'no such liveness session', 'sessionId');
      if (s.status === 'EXPIRED') throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'the liveness session expired; start a new one', 'sessionId');
      if (s.status === 'PENDING') throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'the liveness session has not been verified yet', 'sessionId');
      if (!apiTokenStore(deps).takeLivenessCallback(s.id, actor.id, now.toISOString())) {
        throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'this liveness callback was already received (replay refused)', 'callback');
      }
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'liveness.callback', caseId: s.caseId, payload: { sessionId: s.id, status: s.status } });
      return s;
    });
  },
};

