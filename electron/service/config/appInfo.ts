import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ShippedModel } from '../../../shared/schemas/modelRegister';
import { APP_FOLDER_NAME } from './resolveDataDir';
import { shippedModels } from './shippedModels';

const require = createRequire(import.meta.url);

/** The engines whose versions an About panel and a support request need. */
const ENGINE_PACKAGES = ['tesseract.js', '@tesseract.js-data/eng', '@vladmandic/face-api', '@tensorflow/tfjs', '@ffmpeg-installer/ffmpeg', 'sharp', 'better-sqlite3-multiple-ciphers', 'pdfkit'] as const;

/**
 * The app's own package.json, found by walking up from this module: the same in the source tree,
 * the built bundle (out/main) and a packaged app.asar, whatever the depth.
 */
function ownPackage(): { name: string; version: string } {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const p = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (p.name === 'kyc-workstation') return { name: p.name, version: p.version ?? 'unknown' };
    }
    if (dirname(dir) === dir) return { name: 'kyc-workstation', version: 'unknown' };
  }
}

/** A dependency's version from its package.json; some packages export no `./package.json`, so fall back to walking up from their entry. */
function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    try {
      for (let dir = dirname(require.resolve(name)); dirname(dir) !== dir; dir = dirname(dir)) {
        const file = join(dir, 'package.json');
        if (!existsSync(file)) continue;
        const p = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (p.name === name && p.version) return p.version;
      }
    } catch {
      // Not installed in this layout: reported as unknown rather than failing the panel.
    }
    return 'unknown';
  }
}

export interface AppInfo {
  productName: string;
  version: string;
  engines: { name: string; version: string }[];
  runtime: { node: string; electron: string | null };
  models: ShippedModel[];
}

/** Build facts that do not change while the process runs. */
export function appInfo(): AppInfo {
  return {
    productName: APP_FOLDER_NAME,
    version: ownPackage().version,
    engines: ENGINE_PACKAGES.map((name) => ({ name, version: packageVersion(name) })),
    runtime: { node: process.versions.node, electron: (process.versions as NodeJS.ProcessVersions & { electron?: string }).electron ?? null },
    models: shippedModels(),
  };
}
