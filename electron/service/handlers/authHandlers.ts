import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashToken, newSessionToken } from '../auth/sessionTokens';
import { readSettings } from '../settings/readSettings';
import type { HandlerSlice } from './Handlers';

// Verified against when the email is unknown, so a miss costs as long as a wrong password.
const dummyHash = hashPassword('timing-equaliser-not-a-password');

export const authHandlers: HandlerSlice<'auth.signIn' | 'auth.signOut' | 'auth.me'> = {
  async 'auth.signIn'(input, { deps, now, tx }) {
    const found = deps.operators.credentialsByEmail(input.email);
    const valid = await verifyPassword(input.password, found?.passwordHash ?? (await dummyHash));
    if (!found || !valid || !found.operator.active) {
      throw new ServiceFailure(ErrorCode.BAD_CREDENTIALS, 'email or password is wrong, or the account is disabled');
    }
    const token = newSessionToken();
    const idleMs = readSettings(deps.settings).sessionIdleMinutes * 60_000;
    const idleExpiresAt = new Date(now.getTime() + idleMs).toISOString();
    const op = found.operator;
    tx(() => {
      deps.sessions.insert({ tokenHash: hashToken(token), operatorId: op.id, now: now.toISOString(), idleExpiresAt });
      deps.audit.append({ at: now.toISOString(), actor: { id: op.id, name: op.displayName }, type: 'auth.signed_in' });
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

  'auth.me'(_input, { actor }) {
    return actor;
  },
};
