import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, contract } from '../../shared/contract';
import { ROLES } from '../../shared/schemas/operator';
import { handlers } from '../../electron/service/handlers/index';
import type { Handlers } from '../../electron/service/handlers/Handlers';

describe('the handler table covers the contract exactly', () => {
  it('has one handler per operation, and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('fails the type check when a handler is missing (checked by tsc in CI)', () => {
    const { 'audit.verify': omitted, ...rest } = handlers;
    // @ts-expect-error a table without 'audit.verify' is not a Handlers
    const incomplete: Handlers = rest;
    expect(Object.keys(incomplete)).not.toContain('audit.verify');
    expect(omitted).toBe(handlers['audit.verify']);
  });

  it('fails the type check when a handler returns the wrong type', () => {
    // @ts-expect-error auth.me must return an Operator, not a string
    const wrong: Handlers['auth.me'] = () => 'not an operator';
    expect(typeof wrong).toBe('function');
  });
});

describe('roles declared in the contract', () => {
  it('only sign-in and the first-run setup are public (setup refuses once any operator exists)', () => {
    expect(OPERATION_NAMES.filter((n) => contract[n].roles === 'public').sort()).toEqual(['auth.signIn', 'setup.createAdmin', 'setup.status']);
  });

  it('names only known roles', () => {
    for (const n of OPERATION_NAMES) {
      const roles = contract[n].roles;
      if (roles !== 'public') for (const r of roles) expect(ROLES).toContain(r);
    }
  });

  it('never lets an auditor call an operation that changes state, but for their own password', () => {
    for (const n of OPERATION_NAMES) {
      const { roles, mutates } = contract[n];
      // Their own credentials: no case, customer or configuration data changes.
      if (n === 'auth.changePassword') continue;
      if (mutates && roles !== 'public') expect(roles, n).not.toContain('auditor');
    }
  });
});
