import { randomBytes } from 'node:crypto';
import type { ApiToken, ApiTokenRole } from '../../../shared/contracts/apiTokenContract';
import { ErrorCode } from '../../../shared/errorCodes';
import type { AuditActor } from '../audit/AuditLog';
import { hashToken } from '../auth/sessionTokens';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import type { ApiTokenRecord } from '../repositories/ApiTokenRepository';

/** The token as clients see it: without its service account's id. */
export function toPublicApiToken(t: ApiTokenRecord): ApiToken {
  return { id: t.id, name: t.name, role: t.role, createdAt: t.createdAt, createdBy: t.createdBy, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
}

/** Prefix so a leaked token is recognisable (secret scanners, logs) as this product's. */
export const API_TOKEN_PREFIX = 'kyc_';
/** A token's session never idles out by itself: the REST layer re-arms it on every call. */
export const API_TOKEN_SESSION_EXPIRY = '9999-12-31T23:59:59.999Z';
/** Not a scrypt hash, so no password ever signs in as a token's service account. */
const NO_PASSWORD = 'api-token$no-password';

/**
 * Creates a token: its service-account operator (named after the token, so every audit event
 * of a call made with it carries the token's name), the token row (hash only) and a session
 * keyed by the same hash. Call inside a transaction. Returns the raw token, never stored.
 */
export function issueApiToken(
  deps: Pick<ServiceDeps, 'apiTokens' | 'operators' | 'sessions' | 'audit'>,
  p: { name: string; role: ApiTokenRole; createdBy: AuditActor; now: Date },
): { token: string; apiToken: ApiToken } {
  const store = deps.apiTokens;
  if (store.activeNameExists(p.name)) throw new ServiceFailure(ErrorCode.OPERATOR_EXISTS, `an active token is already named ${p.name}`, 'name');
  const id = newId();
  const operatorId = newId();
  const at = p.now.toISOString();
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const tokenHash = hashToken(token);
  deps.operators.insert({ id: operatorId, email: `api-token-${id}@tokens.invalid`, displayName: `API token: ${p.name}`, role: p.role, active: true, createdAt: at, passwordHash: NO_PASSWORD });
  store.insert({ id, name: p.name, tokenHash, role: p.role, operatorId, createdBy: p.createdBy.id, createdAt: at });
  deps.sessions.insert({ tokenHash, operatorId, now: at, idleExpiresAt: API_TOKEN_SESSION_EXPIRY });
  // The payload names the token, never its value or hash.
  deps.audit.append({ at, actor: p.createdBy, type: 'apiToken.created', payload: { apiTokenId: id, name: p.name, role: p.role } });
  return { token, apiToken: toPublicApiToken(store.byId(id)!) };
}
