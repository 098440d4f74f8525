import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where model files are read from: the app's resources/models (copied from the npm packages at
 * build time, unpacked from the asar), else straight from the installed package. Never a URL.
 */
const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

function resourceRoots(): string[] {
  const electronResources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return [
    process.env.KYC_RESOURCES_DIR,
    electronResources ? join(electronResources, 'app.asar.unpacked', 'resources') : undefined,
    // From source (electron/service/analysis) and from the bundle (out/main).
    join(here, '../../../resources'),
    join(here, '../../resources'),
  ].filter((p): p is string => typeof p === 'string');
}

function firstExisting(paths: string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

export function faceModelDir(): string {
  return firstExisting([...resourceRoots().map((r) => join(r, 'models', 'face-api')), join(packageDir('@vladmandic/face-api'), 'model')])!;
}

/** The folder holding the LSTM-only eng.traineddata(.gz) (4.0.0_best_int), for tesseract.js's langPath. */
export function tesseractLangDir(): string {
  const pkg = packageDir('@tesseract.js-data/eng');
  return firstExisting([...resourceRoots().map((r) => join(r, 'models', 'tesseract')), join(pkg, '4.0.0_best_int')])!;
}

/**
 * The folder holding the full 4.0.0 eng.traineddata(.gz), which also carries the legacy
 * (non-LSTM) classifier the MRZ reader runs: it reads OCR-B glyph by glyph.
 */
export function tesseractLegacyLangDir(): string {
  const pkg = packageDir('@tesseract.js-data/eng');
  return firstExisting([...resourceRoots().map((r) => join(r, 'models', 'tesseract-legacy')), join(pkg, '4.0.0')])!;
}

export function tfjsWasmDir(): string {
  return join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
}
