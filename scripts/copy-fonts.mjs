#!/usr/bin/env node
// Build step: copies the PDF report fonts (Noto Sans Hans, OFL, from @embedpdf/fonts-sc) into
// resources/fonts, which electron-builder unpacks from the asar beside the models. Nothing is
// downloaded. The service falls back to the installed package when this was not run.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
// The package exports only its entry (dist/index.cjs); the fonts sit beside dist/.
const from = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const out = join(root, 'resources', 'fonts');
mkdirSync(out, { recursive: true });
for (const file of ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf']) {
  copyFileSync(join(from, file), join(out, file));
  process.stdout.write(`fonts: ${file} -> resources/fonts\n`);
}
