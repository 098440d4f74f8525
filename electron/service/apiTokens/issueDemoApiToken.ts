import type { ServiceDeps } from '../core/ServiceDeps';
import { issueApiToken } from './issueApiToken';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

export const DEMO_API_TOKEN_NAME = 'demo';

/**
 * `serve --demo`: a fresh demo token each start (only hashes are stored, so an earlier one can
 * not be shown again; it is revoked instead). Role officer, so the demo can onboard and review.
 */
export function issueDemoApiToken(deps: Pick<ServiceDeps, 'apiTokens' | 'db' | 'clock' | 'operators' | 'sessions' | 'audit'>): string {
  const store = deps.apiTokens;
  const now = deps.clock();
  const actor = { id: null, name: SYSTEM_ACTOR_NAMES.system };
  return deps.db.transaction(() => {
    for (const old of store.list().filter((t) => t.name === DEMO_API_TOKEN_NAME && !t.revokedAt)) {
      store.revoke(old.id, now.toISOString(), old.operatorId);
      deps.operators.setActive(old.operatorId, false);
      deps.sessions.revokeAllFor(old.operatorId, now.toISOString());
      deps.audit.append({ at: now.toISOString(), actor, type: 'apiToken.revoked', payload: { apiTokenId: old.id, name: old.name } });
    }
    return issueApiToken(deps, { name: DEMO_API_TOKEN_NAME, role: 'officer', createdBy: actor, now }).token;
  })();
}
