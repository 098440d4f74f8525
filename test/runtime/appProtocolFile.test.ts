import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, appProtocolFile, isAppUrl } from '../../electron/service/runtime/appProtocolFile';

const root = mkdtempSync(join(tmpdir(), 'kyc-approto-'));
const renderer = join(root, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
writeFileSync(join(renderer, 'assets', 'app.js'), '');
// A file beside the renderer folder, whose name starts like it: a prefix check would let it through.
mkdirSync(join(root, 'renderer-secrets'));
writeFileSync(join(root, 'renderer-secrets', 'key.txt'), 'secret');
writeFileSync(join(root, 'kyc.db'), 'db');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves the renderer bundle, / being index.html', () => {
    expect(appProtocolFile(`${APP_ORIGIN}/`, renderer)).toBe(join(renderer, 'index.html'));
    expect(appProtocolFile(`${APP_ORIGIN}/index.html`, renderer)).toBe(join(renderer, 'index.html'));
    expect(appProtocolFile(`${APP_ORIGIN}/assets/app.js?v=1#x`, renderer)).toBe(join(renderer, 'assets', 'app.js'));
  });

  it('refuses every way out of the renderer folder', () => {
    for (const path of ['/../kyc.db', '/%2e%2e/kyc.db', '/assets/%2e%2e%2f%2e%2e%2fkyc.db', '/..%2fkyc.db', '/..%5ckyc.db', '/%2e%2e%5ckyc.db', '/../renderer-secrets/key.txt', '/%2e%2e/renderer-secrets/key.txt', '/index.html%00.js', '/%E0%A4%A', '/assets', '/missing.js']) {
      expect(appProtocolFile(`${APP_ORIGIN}${path}`, renderer), path).toBeNull();
    }
  });

  it('knows only its own origin', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const url of ['app://evil/index.html', 'app://kyc.evil/index.html', 'app://user@kyc/index.html', 'file:///index.html', 'https://kyc/index.html', 'not a url']) {
      expect(isAppUrl(url), url).toBe(false);
      expect(appProtocolFile(url, renderer), url).toBeNull();
    }
  });
});
