import { ErrorCode } from '../../../shared/errorCodes';
import { err, ok, type Result } from '../../../shared/result';
import type { Operator } from '../../../shared/schemas/operator';
import { hashToken } from '../auth/sessionTokens';
import type { ServiceDeps } from '../core/ServiceDeps';
import { API_TOKEN_SESSION_EXPIRY } from './issueApiToken';

export interface RestCaller {
  /** What the service's `call` takes: an API token is its service account's session token. */
  token: string;
  operator: Operator;
  apiTokenId: string | null;
}

/**
 * Resolves `Authorization: Bearer <token>` for the REST API: an API token (re-armed so it never
 * idles out, and its last use recorded) or an operator's session token (e.g. from `kyc auth
 * login`). Roles are still enforced by the service on each operation.
 */
export function resolveRestCaller(deps: Pick<ServiceDeps, 'apiTokens' | 'db' | 'sessions' | 'operators'>, token: string | null, now: Date): Result<RestCaller> {
  if (!token) return err(ErrorCode.NOT_AUTHENTICATED, 'send Authorization: Bearer <API token>');
  const hash = hashToken(token);
  const apiToken = deps.apiTokens.byTokenHash(hash);
  if (apiToken) {
    if (apiToken.revokedAt) return err(ErrorCode.SESSION_EXPIRED, 'this API token was revoked');
    deps.db.transaction(() => {
      deps.sessions.touch(hash, now.toISOString(), API_TOKEN_SESSION_EXPIRY);
      deps.apiTokens.touch(apiToken.id, now.toISOString());
    })();
  }
  const session = deps.sessions.byTokenHash(hash);
  if (!session || session.revoked_at !== null || Date.parse(session.idle_expires_at) <= now.getTime()) {
    return err(ErrorCode.SESSION_EXPIRED, 'the token is unknown or expired; sign in again or use a valid API token');
  }
  const operator = deps.operators.byId(session.operator_id);
  if (!operator || !operator.active) return err(ErrorCode.SESSION_EXPIRED, 'the account behind this token is disabled');
  return ok({ token, operator, apiTokenId: apiToken?.id ?? null });
}

/** Puts an API token's session back to "never idles out" after the service pushed it to now + idle. */
export function rearmApiToken(deps: Pick<ServiceDeps, 'sessions' | 'clock'>, caller: RestCaller): void {
  if (caller.apiTokenId) deps.sessions.touch(hashToken(caller.token), deps.clock().toISOString(), API_TOKEN_SESSION_EXPIRY);
}

/**
 * Every REST call is audited under the caller's name (for a token: `API token: <name>`).
 * `code` is the API's own answer code (kycService's numeric code; the HTTP status for the
 * KillB API, whose codes are strings and go in `errorCode`).
 */
export function auditRestCall(
  deps: Pick<ServiceDeps, 'db' | 'audit' | 'clock'>,
  caller: RestCaller,
  call: { method: string; route: string; code: number; errorCode?: string | null; profileId?: string | null; caseId?: string | null },
): void {
  deps.db.transaction(() => {
    deps.audit.append({
      at: deps.clock().toISOString(),
      actor: { id: caller.operator.id, name: caller.operator.displayName },
      type: 'api.request',
      caseId: call.caseId ?? null,
      profileId: call.profileId ?? null,
      payload: { method: call.method, route: call.route, code: call.code, ...(call.errorCode ? { errorCode: call.errorCode } : {}), apiTokenId: caller.apiTokenId },
    });
  })();
}
