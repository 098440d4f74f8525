import type { Settings } from '../../../shared/schemas/settings';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { ThrottleScope, ThrottleState } from '../repositories/SignInThrottleRepository';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** The answer to a failed sign-in waits this long after the first failure, doubling with each one. */
export const SIGN_IN_DELAY_BASE_MS = 250;
/** ...up to this, so a typo never costs more than a few seconds. */
export const SIGN_IN_DELAY_CAP_MS = 4_000;

const SIGN_IN_ACTOR = { id: null, name: SYSTEM_ACTOR_NAMES.signIn } as const;

export interface SignInKeys {
  /** The e-mail as typed (normalised): a lock-out holds whether or not such an account exists. */
  email: string;
  /** The transport's name for the caller (e.g. `http 127.0.0.1`, `desktop app`). */
  client: string;
}

const scopes = (k: SignInKeys): [ThrottleScope, string][] => [
  ['account', k.email],
  ['client', k.client],
];

/** The lock-out in force for this account or client, counting the attempt it refuses. */
export function refuseIfLocked(deps: Pick<ServiceDeps, 'signInThrottle'>, keys: SignInKeys, now: Date): ThrottleState | null {
  for (const [scope, key] of scopes(keys)) {
    const s = deps.signInThrottle.get(scope, key);
    if (s?.lockedUntil && s.lockedUntil > now.toISOString()) {
      // Counted, not audited: a locked account under attack must not flood the audit trail.
      deps.signInThrottle.save({ ...s, failures: s.failures + 1 });
      return s;
    }
  }
  return null;
}

/**
 * Counts a failure against the account and the client (in the caller's transaction), locks
 * either out at its limit (audited once, when it happens), and says how long to hold the answer.
 */
export function recordFailure(deps: Pick<ServiceDeps, 'signInThrottle' | 'audit'>, keys: SignInKeys, operatorId: string | null, settings: Settings, now: Date): { delayMs: number } {
  const at = now.toISOString();
  const windowMs = settings.signInLockoutMinutes * 60_000;
  deps.signInThrottle.prune(new Date(now.getTime() - windowMs).toISOString(), at);
  let worst = 0;
  for (const [scope, key] of scopes(keys)) {
    const prev = deps.signInThrottle.get(scope, key);
    // Failures further apart than the lock-out window are forgotten: a slip once a week never adds up.
    const failures = prev && now.getTime() - Date.parse(prev.lastFailureAt) < windowMs ? prev.failures + 1 : 1;
    const limit = scope === 'account' ? settings.signInMaxFailures : settings.signInMaxClientFailures;
    const lockedUntil = failures >= limit ? new Date(now.getTime() + windowMs).toISOString() : null;
    deps.signInThrottle.save({ scope, key, failures, lastFailureAt: at, lockedUntil });
    if (lockedUntil) {
      deps.audit.append({ at, actor: SIGN_IN_ACTOR, type: 'auth.locked_out', payload: { scope, operatorId: scope === 'account' ? operatorId : null, client: scope === 'client' ? key : null, failures, until: lockedUntil } });
    }
    if (scope === 'account') worst = Math.max(worst, failures);
    else worst = Math.max(worst, Math.ceil((failures * settings.signInMaxFailures) / settings.signInMaxClientFailures));
  }
  // The account's address is not recorded: what a caller types there may be anything.
  deps.audit.append({ at, actor: SIGN_IN_ACTOR, type: 'auth.sign_in_failed', payload: { operatorId, client: keys.client } });
  return { delayMs: Math.min(SIGN_IN_DELAY_CAP_MS, SIGN_IN_DELAY_BASE_MS * 2 ** (worst - 1)) };
}

/** A successful sign-in forgives the account's and the client's earlier failures. */
export function clearFailures(deps: Pick<ServiceDeps, 'signInThrottle'>, keys: SignInKeys): void {
  for (const [scope, key] of scopes(keys)) deps.signInThrottle.clear(scope, key);
}
