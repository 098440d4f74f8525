import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { assertPasswordAllowed } from '../auth/passwordPolicy';
import { hashPassword } from '../auth/passwords';
import { newId } from '../core/newId';
import type { HandlerSlice } from './Handlers';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { Operator } from '../../../shared/schemas/operator';

/** A person's account; an API token's operator is revoked with its token (API tokens page), never here. */
function accountOf(deps: ServiceDeps, id: string): Operator {
  const target = deps.operators.byId(id);
  if (!target || deps.operators.isTokenOperator(id)) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such account (API tokens are managed on their own page)', 'id');
  return target;
}

export const operatorHandlers: HandlerSlice<'operators.list' | 'operators.create' | 'operators.setActive' | 'operators.setRole' | 'operators.resetPassword'> = {
  'operators.list'(_input, { deps }) {
    return deps.operators.accounts();
  },

  async 'operators.create'(input, { deps, now, tx, actor }) {
    if (deps.operators.existsEmail(input.email)) {
      throw new ServiceFailure(ErrorCode.OPERATOR_EXISTS, 'an operator with this email already exists', 'email');
    }
    assertPasswordAllowed(input.password);
    const passwordHash = await hashPassword(input.password);
    const operator = {
      id: newId(),
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      active: true,
      createdAt: now.toISOString(),
    };
    tx(() => {
      // Checked again inside the transaction: another admin may have created it meanwhile.
      if (deps.operators.existsEmail(input.email)) {
        throw new ServiceFailure(ErrorCode.OPERATOR_EXISTS, 'an operator with this email already exists', 'email');
      }
      deps.operators.insert({ ...operator, passwordHash });
      deps.audit.append({
        at: operator.createdAt,
        actor: { id: actor.id, name: actor.displayName },
        type: 'operator.created',
        payload: { operatorId: operator.id, role: operator.role },
      });
    });
    return operator;
  },

  'operators.setActive'(input, { deps, now, tx, actor }) {
    const target = accountOf(deps, input.id);
    if (target.id === actor.id && !input.active) {
      throw new ServiceFailure(ErrorCode.FORBIDDEN, 'you cannot disable your own account');
    }
    tx(() => {
      deps.operators.setActive(target.id, input.active);
      // A disabled account loses its open sessions at once, not when they idle out.
      if (!input.active) deps.sessions.revokeAllFor(target.id, now.toISOString());
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: input.active ? 'operator.enabled' : 'operator.disabled',
        payload: { operatorId: target.id },
      });
    });
    return { ...target, active: input.active };
  },

  'operators.setRole'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const target = accountOf(deps, input.id);
      // Never your own: so the workstation always keeps the admin who made the change.
      if (target.id === actor.id) throw new ServiceFailure(ErrorCode.FORBIDDEN, 'another admin changes your role');
      if (target.role === input.role) return target;
      deps.operators.setRole(target.id, input.role);
      // Rotation: a session opened under the old role must not carry the new one (or keep the
      // old); the account signs in again and gets a fresh session.
      deps.sessions.revokeAllFor(target.id, now.toISOString());
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'operator.role_changed', payload: { operatorId: target.id, from: target.role, to: input.role } });
      return { ...target, role: input.role };
    });
  },

  async 'operators.resetPassword'(input, { deps, now, tx, actor }) {
    const target = accountOf(deps, input.id);
    // Your own is changed knowing the current one (auth.changePassword), never reset.
    if (target.id === actor.id) throw new ServiceFailure(ErrorCode.FORBIDDEN, 'change your own password from your account menu', 'id');
    assertPasswordAllowed(input.password);
    const passwordHash = await hashPassword(input.password);
    tx(() => {
      deps.operators.setPasswordHash(target.id, passwordHash);
      // Whoever held the old password loses the sessions it opened, and the owner is not kept out by old failures.
      deps.sessions.revokeAllFor(target.id, now.toISOString());
      const unlocked = deps.signInThrottle.clear('account', target.email);
      // Who and when, never the password.
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'operator.password_reset', payload: { operatorId: target.id, unlocked } });
    });
    return target;
  },
};
