import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashToken, newSessionToken } from '../auth/sessionTokens';
import { readSettings } from '../settings/readSettings';
import { assertPasswordAllowed } from '../auth/passwordPolicy';
import { clearFailures, recordFailure, refuseIfLocked } from '../auth/signInThrottle';
import type { HandlerSlice } from './Handlers';

// Verified against when the email is unknown, so a miss costs as long as a wrong password.
const dummyHash = hashPassword('timing-equaliser-not-a-password');

export const authHandlers: HandlerSlice<'auth.signIn' | 'auth.signOut' | 'auth.me' | 'auth.changePassword' | 'auth.lockouts' | 'auth.unlock'> = {
  async 'auth.signIn'(input, { deps, now, tx, client }) {
    const keys = { email: input.email, client };
    const locked = tx(() => refuseIfLocked(deps, keys, now));
    if (locked) {
      throw new ServiceFailure(ErrorCode.LOCKED_OUT, `too many failed sign-ins ${locked.scope === 'account' ? 'on this account' : 'from this client'}: try again after ${locked.lockedUntil}, or ask an admin to unlock it`, undefined, locked.lockedUntil ? { until: locked.lockedUntil, scope: locked.scope } : undefined);
    }
    const found = deps.operators.credentialsByEmail(input.email);
    const valid = await verifyPassword(input.password, found?.passwordHash ?? (await dummyHash));
    if (!found || !valid || !found.operator.active) {
      const settings = readSettings(deps.settings);
      const { delayMs } = tx(() => recordFailure(deps, keys, found?.operator.id ?? null, settings, now));
      // Held back, doubling with each failure in a row: guessing runs at a crawl before the lock-out.
      await new Promise((r) => setTimeout(r, delayMs));
      throw new ServiceFailure(ErrorCode.BAD_CREDENTIALS, 'email or password is wrong, or the account is disabled');
    }
    const token = newSessionToken();
    const idleMs = readSettings(deps.settings).sessionIdleMinutes * 60_000;
    const idleExpiresAt = new Date(now.getTime() + idleMs).toISOString();
    const op = found.operator;
    tx(() => {
      clearFailures(deps, keys);
      deps.sessions.insert({ tokenHash: hashToken(token), operatorId: op.id, now: now.toISOString(), idleExpiresAt });
      // The client names the way in: the app, a browser, or a command-line tool.
      deps.audit.append({ at: now.toISOString(), actor: { id: op.id, name: op.displayName }, type: 'auth.signed_in', payload: { client } });
    });
    return { token, operator: op, idleExpiresAt };
  },

  'auth.signOut'(_input, { deps, now, tx, actor, tokenHash }) {
    tx(() => {
      deps.sessions.revoke(tokenHash, now.toISOString());
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'auth.signed_out' });
    });
    return { signedOut: true };
  },

  async 'auth.changePassword'(input, { deps, now, tx, actor, tokenHash }) {
    const current = deps.operators.passwordHashOf(actor.id);
    if (!current || !(await verifyPassword(input.currentPassword, current))) throw new ServiceFailure(ErrorCode.BAD_CREDENTIALS, 'the current password is not right', 'currentPassword');
    assertPasswordAllowed(input.newPassword, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    tx(() => {
      deps.operators.setPasswordHash(actor.id, passwordHash);
      // This window stays signed in; any other session (another machine, a stolen token) ends.
      deps.sessions.revokeOthersOf(actor.id, tokenHash, now.toISOString());
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'operator.password_changed', payload: { operatorId: actor.id } });
    });
    return { changed: true as const };
  },

  'auth.me'(_input, { actor }) {
    return actor;
  },

  'auth.lockouts'(_input, { deps, now }) {
    return deps.signInThrottle.locked(now.toISOString()).map((l) => ({
      scope: l.scope,
      key: l.key,
      operatorId: l.scope === 'account' ? (deps.operators.credentialsByEmail(l.key)?.operator.id ?? null) : null,
      failures: l.failures,
      lockedUntil: l.lockedUntil!,
    }));
  },

  'auth.unlock'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const unlocked = deps.signInThrottle.clear(input.scope, input.key);
      if (unlocked) {
        const operatorId = input.scope === 'account' ? (deps.operators.credentialsByEmail(input.key)?.operator.id ?? null) : null;
        deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'auth.unlocked', payload: { scope: input.scope, operatorId, client: input.scope === 'client' ? input.key : null } });
      }
      return { unlocked };
    });
  },
};
