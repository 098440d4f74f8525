import { ErrorCode } from '../../../shared/errorCodes';
import { MIN_PASSWORD_LENGTH, type Operator } from '../../../shared/schemas/operator';
import { assertPasswordAllowed } from '../auth/passwordPolicy';
import { hashPassword } from '../auth/passwords';
import { hashToken, newSessionToken } from '../auth/sessionTokens';
import { SYSTEM_ACTOR } from '../bootstrap/createOperator';
import { appInfo } from '../config/appInfo';
import { newId } from '../core/newId';
import { ServiceFailure } from '../core/ServiceFailure';
import { readSettings } from '../settings/readSettings';
import type { HandlerSlice } from './Handlers';

const setupDone = () => new ServiceFailure(ErrorCode.SETUP_DONE, 'setup is done: an operator account exists; sign in, and an admin adds accounts');

export const setupHandlers: HandlerSlice<'setup.status' | 'setup.createAdmin' | 'app.about'> = {
  'setup.status'(_input, { deps }) {
    return { needsSetup: deps.operators.count() === 0, demoAvailable: deps.demo !== null, minPasswordLength: MIN_PASSWORD_LENGTH };
  },

  /**
   * The first admin, signed in at once. Checked again inside the transaction that inserts it,
   * so two setups racing on a fresh store create one admin and the other is refused.
   */
  async 'setup.createAdmin'(input, { deps, now, tx }) {
    if (deps.operators.count() > 0) throw setupDone();
    if (input.loadDemo && !deps.demo) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'this installation has no demo data', 'loadDemo');
    if (deps.operators.existsEmail(input.email)) throw setupDone();
    const operator: Operator = { id: newId(), email: input.email, displayName: input.displayName, role: 'admin', active: true, createdAt: now.toISOString() };
    assertPasswordAllowed(input.password);
    const passwordHash = await hashPassword(input.password);
    const token = newSessionToken();
    const idleExpiresAt = new Date(now.getTime() + readSettings(deps.settings).sessionIdleMinutes * 60_000).toISOString();
    tx(() => {
      if (deps.operators.count() > 0) throw setupDone();
      deps.operators.insert({ ...operator, passwordHash });
      deps.audit.append({ at: operator.createdAt, actor: SYSTEM_ACTOR, type: 'operator.created', payload: { operatorId: operator.id, role: operator.role, via: 'setup' } });
      deps.audit.append({ at: operator.createdAt, actor: SYSTEM_ACTOR, type: 'setup.completed', payload: { operatorId: operator.id, demo: input.loadDemo } });
      deps.sessions.insert({ tokenHash: hashToken(token), operatorId: operator.id, now: now.toISOString(), idleExpiresAt });
      deps.audit.append({ at: now.toISOString(), actor: { id: operator.id, name: operator.displayName }, type: 'auth.signed_in' });
    });
    const demoCases = input.loadDemo && deps.demo ? (await deps.demo()).cases : null;
    return { session: { token, operator, idleExpiresAt }, demoCases };
  },

  'app.about'(_input, { deps }) {
    const info = appInfo();
    return {
      ...info,
      dataDir: deps.dataDir,
      schemaVersion: deps.db.pragma('user_version', { simple: true }) as number,
      sqliteVersion: (deps.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      encryption: { protection: deps.keys.kind, keyId: deps.keys.current, keyCreatedAt: deps.keys.createdAt(deps.keys.current) },
    };
  },
};
