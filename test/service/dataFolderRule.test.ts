import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_FOLDER_NAME, defaultUserDataDir, resolveDataDir } from '../../electron/service/config/resolveDataDir';

const root = join(import.meta.dirname, '../..');

describe('one data folder rule for the desktop app and serve', () => {
  it('names the folder after the product everywhere it is named', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string };
    const builder = /^productName:\s*(.+)$/m.exec(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))?.[1]?.trim();
    expect(pkg.productName).toBe(APP_FOLDER_NAME);
    expect(builder).toBe(APP_FOLDER_NAME);
  });

  it('the desktop main process uses the same resolver as serve, not Electron userData (named after package.json name in development)', () => {
    const main = readFileSync(join(root, 'electron/main/index.ts'), 'utf8');
    expect(main).toContain('resolveDataDir(flag)');
    expect(main).not.toMatch(/getPath\(['"]userData['"]\)/);
    const serve = readFileSync(join(root, 'electron/service/server/serveMain.ts'), 'utf8');
    expect(serve).toContain('resolveDataDir(args.data)');
  });

  it('--data beats KYC_DATA_DIR, which beats the per-user folder named after the product', () => {
    expect(resolveDataDir('/x/flag', { KYC_DATA_DIR: '/x/env' })).toBe('/x/flag');
    expect(resolveDataDir(undefined, { KYC_DATA_DIR: '/x/env' })).toBe('/x/env');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/x/config' })).toBe(defaultUserDataDir({ XDG_CONFIG_HOME: '/x/config' }));
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/x/config' })).toMatch(new RegExp(`${APP_FOLDER_NAME}$`));
  });
});
