import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Operator } from '../../../shared/schemas/operator';
import { KycService, DATABASE_FILE } from '../KycService';
import { resolveDataDir } from '../config/resolveDataDir';
import { ServiceFailure } from '../core/ServiceFailure';
import { ErrorCode } from '../../../shared/errorCodes';
import { readSecret } from './readSecret';
import { resolveKeyWrapper } from '../crypto/resolveKeyWrapper';

export type OpenedAs =
  | {
      ok: true;
      service: KycService;
      actor: Operator;
      /** Ends the tool's session and closes the store. */
      close(): Promise<void>;
    }
  /** `exit`: 2 when the command was not given what it needs (no password source), 1 when refused. */
  | { ok: false; message: string; exit: 1 | 2 };

export interface CliIdentity {
  data: string | undefined;
  email: string;
  /** A file whose first line is the password (for scheduled tasks); else KYC_OPERATOR_PASSWORD, else a prompt. */
  passwordFile: string | undefined;
  /** The key file that unlocks the data folder, when not the one its key ring names (or KYC_DATA_KEY_FILE). */
  keyFile?: string | undefined;
}

/** The operator's password, from the file, the environment or the terminal; null when none can be had. */
async function passwordFor(id: CliIdentity): Promise<string | null> {
  if (id.passwordFile) return readFileSync(id.passwordFile, 'utf8').split(/\r?\n/)[0] ?? '';
  if (process.env.KYC_OPERATOR_PASSWORD) return process.env.KYC_OPERATOR_PASSWORD;
  if (process.stdin.isTTY) return readSecret(`Password for ${id.email}: `);
  return null;
}

/**
 * Opens an existing store for a command-line tool acting as a named operator, who must prove it:
 * the tool signs in with the operator's password exactly as the app does (so wrong passwords are
 * delayed, locked out and audited, with the tool named as the client), then checks what the
 * contract would: the operator has one of `roles`. Never creates a store: a wrong --data path is
 * an error. The tool's session is ended when the store is closed.
 */
export async function openStoreAs(tool: string, id: CliIdentity, roles: readonly string[], roleNames: string): Promise<OpenedAs> {
  const dataDir = resolveDataDir(id.data);
  if (!existsSync(join(dataDir, DATABASE_FILE))) return { ok: false, message: `${ErrorCode.NO_STORE}: no KYC store at ${dataDir}`, exit: 1 };
  const password = await passwordFor(id);
  if (password === null) return { ok: false, message: `${tool} acts as ${id.email} and needs their password: --password-file FILE, KYC_OPERATOR_PASSWORD, or run it on a terminal`, exit: 2 };
  let service: KycService;
  try {
    const { wrapper } = await resolveKeyWrapper(dataDir, { keyFile: id.keyFile, ask: process.stdin.isTTY ? readSecret : undefined });
    service = KycService.open({ dataDir, keys: wrapper, owner: tool });
  } catch (e) {
    // The app or serve owns the folder: say who, rather than a stack trace.
    if (e instanceof ServiceFailure) return { ok: false, message: `${e.code}: ${e.message}`, exit: 1 };
    throw e;
  }
  const session = await service.call('auth.signIn', { email: id.email, password }, null, `command line ${tool}`);
  if (!session.ok) {
    service.close();
    return { ok: false, message: `${session.error.code}: ${session.error.message}`, exit: 1 };
  }
  const actor = session.value.operator;
  if (!roles.includes(actor.role)) {
    await service.call('auth.signOut', {}, session.value.token);
    service.close();
    return { ok: false, message: `${ErrorCode.FORBIDDEN}: ${id.email} is not an active ${roleNames}`, exit: 1 };
  }
  const close = async () => {
    await service.call('auth.signOut', {}, session.value.token);
    service.close();
  };
  return { ok: true, service, actor, close };
}
