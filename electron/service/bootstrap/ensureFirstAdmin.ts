import { createInterface } from 'node:readline/promises';
import type { ServiceDeps } from '../core/ServiceDeps';
import { createOperator } from './createOperator';

export interface FirstAdminOptions {
  email?: string | undefined;
  password?: string | undefined;
  /** Ask on the terminal when no flags were given and a terminal is attached. */
  interactive: boolean;
  out: (line: string) => void;
}

/**
 * A store without accounts gets its first admin from flags/env, or from a terminal prompt.
 * Returns false when neither was available (the caller explains how to provide one).
 */
export async function ensureFirstAdmin(deps: ServiceDeps, o: FirstAdminOptions): Promise<boolean> {
  if (deps.operators.count() > 0) return true;
  let { email, password } = o;
  if ((!email || !password) && o.interactive) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      o.out('No operator accounts yet: create the first admin.');
      email = email ?? (await rl.question('Admin email: '));
      password = password ?? (await rl.question('Admin password (10+ characters): '));
    } finally {
      rl.close();
    }
  }
  if (!email || !password) return false;
  const admin = await createOperator(deps, { email, password, displayName: 'Administrator', role: 'admin' });
  o.out(`Created the first admin account: ${admin.email}`);
  return true;
}
