import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const repo = join(import.meta.dirname, '../..');
type Paths = typeof import('../../electron/service/runtime/resourcePaths');
// The roots are settled once per process: each case loads the module afresh.
async function load(appRoot?: string): Promise<Paths> {
  vi.resetModules();
  if (appRoot) vi.stubEnv('KYC_APP_ROOT', appRoot);
  return import('../../electron/service/runtime/resourcePaths');
}
afterEach(() => vi.unstubAllEnvs());

describe('resourcePaths', () => {
  it('from source: the repository, every path present and ffmpeg executable', async () => {
    const p = await load();
    for (const dir of [p.faceModelDir(), p.humanModelDir(), p.tesseractLangDir(), p.tesseractLegacyLangDir(), p.tfjsWasmDir(), p.reportFontDir(), p.demoDir()]) {
      expect(dir.startsWith(repo), dir).toBe(true);
      expect(existsSync(dir), dir).toBe(true);
    }
    expect(existsSync(p.tesseractWorkerPath())).toBe(true);
    accessSync(p.ffmpegPath(), constants.X_OK);
  });

  it('packaged: everything from app.asar.unpacked, never the archive', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'kyc-respaths-'));
    try {
      const asar = join(resources, 'app.asar');
      const unpacked = `${asar}.unpacked`;
      mkdirSync(asar, { recursive: true });
      for (const pkg of ['tesseract.js', '@tensorflow/tfjs-backend-wasm', `@ffmpeg-installer/${process.platform}-${process.arch}`]) {
        mkdirSync(join(unpacked, 'node_modules', pkg), { recursive: true });
        writeFileSync(join(unpacked, 'node_modules', pkg, 'package.json'), '{}');
      }
      mkdirSync(join(unpacked, 'resources', 'models', 'face-api'), { recursive: true });
      mkdirSync(join(unpacked, 'resources', 'models', 'human'), { recursive: true });
      const p = await load(asar);
      expect(p.faceModelDir()).toBe(join(unpacked, 'resources', 'models', 'face-api'));
      expect(p.humanModelDir()).toBe(join(unpacked, 'resources', 'models', 'human'));
      expect(p.demoDir()).toBe(join(unpacked, 'resources', 'demo'));
      expect(p.tesseractWorkerPath()).toBe(join(unpacked, 'node_modules', 'tesseract.js', 'src', 'worker-script', 'node', 'index.js'));
      expect(p.tfjsWasmDir()).toBe(join(unpacked, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'));
      expect(p.ffmpegPath().startsWith(join(unpacked, 'node_modules', '@ffmpeg-installer'))).toBe(true);
    } finally {
      rmSync(resources, { recursive: true, force: true });
    }
  });
});
