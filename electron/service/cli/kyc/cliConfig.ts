import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_PORT } from '../../server/parseServeArgs';

export interface CliConfig {
  server?: string;
  /** An operator session token (auth login --email) or an API token (auth login --token). */
  token?: string;
  tokenKind?: 'session' | 'api';
  email?: string;
  /** The customer the `kyc` commands work on, until another is chosen. */
  profileId?: string;
  /**
   * The last few files stored with `upload`, newest last: only so `kyc documents` can offer them
   * at its prompts. The files themselves, and what was filed with whom, live on the workstation.
   */
  uploads?: { key: string; url: string; fileName: string }[];
}

export const DEFAULT_SERVER = `http://127.0.0.1:${DEFAULT_PORT}`;

/** KYC_CLI_CONFIG, else the user's config folder (XDG on Linux, Application Support, APPDATA). */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KYC_CLI_CONFIG) return env.KYC_CLI_CONFIG;
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, 'kyc-workstation', 'cli.json');
}

export function readConfig(path = configPath()): CliConfig {
  if (!existsSync(path)) return {};
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as CliConfig) : {};
  } catch {
    // A damaged file is treated as signed out; the next login rewrites it.
    return {};
  }
}

/** Written to a temp file (0600) and renamed, so a crash never leaves half a token behind. */
export function writeConfig(config: CliConfig, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
