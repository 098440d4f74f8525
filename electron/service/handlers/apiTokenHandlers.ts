import type { HandlerSlice } from './Handlers';
import type { apiTokenContract } from '../../../shared/contracts/apiTokenContract';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { issueApiToken, toPublicApiToken } from '../apiTokens/issueApiToken';

export const apiTokenHandlers: HandlerSlice<keyof typeof apiTokenContract> = {
  'apiTokens.create'(input, { deps, now, tx, actor }) {
    return tx(() => issueApiToken(deps, { name: input.name, role: input.role, createdBy: { id: actor.id, name: actor.displayName }, now }));
  },

  'apiTokens.list'(_input, { deps }) {
    return deps.apiTokens.list().map(toPublicApiToken);
  },

  'apiTokens.revoke'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const store = deps.apiTokens;
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
};

