import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Operator } from '../../../shared/schemas/operator';
import { KycService, DATABASE_FILE } from '../KycService';
import { resolveDataDir } from '../config/resolveDataDir';
import { ServiceFailure } from '../core/ServiceFailure';

export type OpenedAs = { ok: true; service: KycService; actor: Operator } | { ok: false; message: string };

/**
 * Opens an existing store for a command-line tool acting as a named operator. The tool runs
 * in-process (no session), so it checks here what the contract would: the operator exists, is
 * active and has one of `roles`. Never creates a store: a wrong --data path is an error.
 */
export function openStoreAs(tool: string, data: string | undefined, email: string, roles: readonly string[], roleNames: string): OpenedAs {
  const dataDir = resolveDataDir(data);
  if (!existsSync(join(dataDir, DATABASE_FILE))) return { ok: false, message: `no KYC store at ${dataDir}` };
  let service: KycService;
  try {
    service = KycService.open({ dataDir, owner: tool });
  } catch (e) {
    // The app or serve owns the folder: say who, rather than a stack trace.
    if (e instanceof ServiceFailure) return { ok: false, message: `${e.code}: ${e.message}` };
    throw e;
  }
  const actor = service.deps.operators.credentialsByEmail(email.trim().toLowerCase())?.operator;
  if (!actor || !actor.active || !roles.includes(actor.role)) {
    service.close();
    return { ok: false, message: `${email} is not an active ${roleNames}` };
  }
  return { ok: true, service, actor };
}
