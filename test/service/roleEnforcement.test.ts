import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, contract, type OperationName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/schemas/operator';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { snapshotStore } from '../helpers/storeSnapshot';

const guarded = OPERATION_NAMES.filter((n) => contract[n].roles !== 'public');
// Signing out ends the session the other checks use; it is allowed to every role and run last.
const checked = guarded.filter((n) => n !== 'auth.signOut');
const allows = (op: OperationName, role: Role) => (contract[op].roles as readonly Role[]).includes(role);

describe('the service enforces roles itself', () => {
  let t: TempService;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = openTempService();
    for (const role of ROLES) tokens[role] = await t.signInAs(role);
  });
  afterAll(() => t.cleanup());

  const cases = checked.flatMap((op) => ROLES.map((role) => [op, role] as const));

  it.each(cases)('%s as %s', async (op, role) => {
    const before = snapshotStore(t.service.deps.db);
    const r = await t.service.call(op, {}, tokens[role]);
    if (allows(op, role)) {
      // Allowed: it may still fail on the empty input, but never for the role.
      if (!r.ok) expect(r.error.code).not.toBe(ErrorCode.FORBIDDEN);
    } else {
      expect(r).toEqual({ ok: false, error: { code: ErrorCode.FORBIDDEN, message: expect.stringContaining(role) } });
      expect(snapshotStore(t.service.deps.db)).toEqual(before);
    }
  });

  it('lets every role sign out', async () => {
    for (const role of ROLES) expect(allows('auth.signOut', role)).toBe(true);
    for (const role of ROLES) expect((await t.service.call('auth.signOut', {}, tokens[role])).ok).toBe(true);
  });

  it('refuses every operation without a session', async () => {
    for (const op of guarded) {
      const r = await t.service.call(op, {}, null);
      expect(r.ok ? null : r.error.code, op).toBe(ErrorCode.NOT_AUTHENTICATED);
    }
  });
});
