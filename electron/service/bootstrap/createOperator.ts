import { ErrorCode } from '../../../shared/errorCodes';
import { newOperatorSchema, type NewOperator, type Operator } from '../../../shared/schemas/operator';
import { toServiceError } from '../../../shared/zodErrors';
import { assertPasswordAllowed } from '../auth/passwordPolicy';
import { hashPassword } from '../auth/passwords';
import { newId } from '../core/newId';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** The system actor, for what the workstation does on its own (first run, demo data). */
export const SYSTEM_ACTOR = { id: null, name: SYSTEM_ACTOR_NAMES.system } as const;

/**
 * Creates an operator outside a session: only for the first admin and for demo accounts.
 * Everything else goes through `operators.create`, which an admin must call.
 */
export async function createOperator(deps: ServiceDeps, input: NewOperator): Promise<Operator> {
  const parsed = newOperatorSchema.safeParse(input);
  if (!parsed.success) {
    const e = toServiceError(parsed.error, input);
    throw new ServiceFailure(e.code, e.message, e.field);
  }
  const o = parsed.data;
  if (deps.operators.existsEmail(o.email)) throw new ServiceFailure(ErrorCode.OPERATOR_EXISTS, 'operator exists', 'email');
  const operator: Operator = { id: newId(), email: o.email, displayName: o.displayName, role: o.role, active: true, createdAt: deps.clock().toISOString() };
  assertPasswordAllowed(o.password);
  const passwordHash = await hashPassword(o.password);
  deps.db.transaction(() => {
    deps.operators.insert({ ...operator, passwordHash });
    deps.audit.append({ at: operator.createdAt, actor: SYSTEM_ACTOR, type: 'operator.created', payload: { operatorId: operator.id, role: operator.role } });
  })();
  return operator;
}
