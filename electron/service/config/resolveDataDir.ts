import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER_NAME = 'KYC Workstation';

/** Where the OS keeps per-user application data; matches Electron's app.getPath('userData'). */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
  }
}

/** `--data DIR` beats `KYC_DATA_DIR`, which beats the OS default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.KYC_DATA_DIR) return resolve(env.KYC_DATA_DIR);
  return defaultUserDataDir(env);
}
