#!/usr/bin/env node
// What electron-builder would package, read from electron-builder.yml, for machines where
// `electron-builder --dir` cannot run (no Electron binary):
//   node scripts/packaged-layout.mjs --check      every pattern and icon the config names must
//                                                 match a file (after `npm run build`), and every
//                                                 file opened by path or native must be unpacked;
//                                                 exit 1 naming each entry or file at fault
//   node scripts/packaged-layout.mjs --out DIR    lays out DIR/resources/app.asar (a plain folder
//                                                 standing in for the archive) and
//                                                 DIR/resources/app.asar.unpacked
// In the stand-in archive, the files the engines open by path (OPENED_BY_PATH) are replaced by
// stubs that cannot be run or parsed: Electron redirects require() into app.asar.unpacked by
// itself, but a spawned executable, a worker thread's entry, WASM and models must be named by
// their unpacked path, and a test run from the tree fails if any is taken from the archive.
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// --config FILE: another builder config, for the test that a broken one is caught.
const configArg = args.indexOf('--config');
const config = yaml.load(readFileSync(configArg >= 0 ? args[configArg + 1] : join(root, 'electron-builder.yml'), 'utf8'));

const OPENED_BY_PATH = [
  'resources/**',
  'node_modules/@ffmpeg-installer/*/ffmpeg',
  'node_modules/@ffmpeg-installer/*/ffmpeg.exe',
  'node_modules/tesseract.js/src/worker-script/**',
  'node_modules/tesseract.js-core/**',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
];

/** Native code: loaded by the OS loader, which cannot read inside an archive. */
const NATIVE = ['**/*.node', '**/*.dll', '**/*.dylib', '**/lib*.so', '**/lib*.so.*'];

/** electron-builder's glob subset: `**`, `*`, `?`, `{a,b}`; paths relative to the app, with `/`. */
function globRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
const matcher = (globs) => {
  const res = globs.map(globRegExp);
  return (rel) => res.some((r) => r.test(rel));
};

function walk(dir, base = root, out = []) {
  if (!existsSync(dir)) return out;
  if (statSync(dir).isFile()) {
    out.push(relative(base, dir).split(sep).join('/'));
    return out;
  }
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else if (e.isFile()) out.push(relative(base, p).split(sep).join('/'));
  }
  return out;
}

/** Where Node would find `name` from `fromDir`: its node_modules, then each parent's. */
function findPackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/** The production dependency closure electron-builder copies into the app (dependencies and optional ones). */
function productionPackages() {
  const found = new Set();
  const visit = (pkgDir) => {
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const dir = findPackage(name, pkgDir);
      if (!dir || found.has(dir)) continue; // an optional dependency for another platform
      found.add(dir);
      visit(dir);
    }
  };
  visit(root);
  return [...found];
}

/** Every file the app would hold, relative to the app folder. */
function appFiles() {
  const positive = config.files.filter((g) => !g.startsWith('!'));
  const excluded = matcher(config.files.filter((g) => g.startsWith('!')).map((g) => g.slice(1)));
  const tops = new Set(positive.map((g) => g.split('/')[0]));
  const own = [...tops].flatMap((t) => walk(join(root, t))).filter(matcher(positive));
  // A package's own nested node_modules are packages of their own, collected when used.
  const deps = productionPackages().flatMap((dir) => walk(dir).filter((rel) => !relative(dir, join(root, rel)).split(sep).includes('node_modules')));
  return [...new Set([...own, ...deps])].filter((rel) => !excluded(rel));
}

function check() {
  const files = appFiles();
  const problems = [];
  for (const key of ['files', 'asarUnpack']) {
    for (const glob of config[key] ?? []) {
      if (glob.startsWith('!')) continue; // an exclusion needs no match
      if (!files.some(matcher([glob]))) problems.push(`${key}: "${glob}" matches no file the app would hold`);
    }
  }
  for (const entry of config.extraResources ?? []) {
    const from = typeof entry === 'string' ? entry : entry.from;
    if (walk(join(root, from)).length === 0) problems.push(`extraResources: "${from}" matches no file`);
  }
  for (const [key, value] of Object.entries(config)) {
    if (value && typeof value === 'object' && typeof value.icon === 'string' && !existsSync(join(root, value.icon))) problems.push(`${key}.icon: ${value.icon} does not exist`);
  }
  const opened = matcher(OPENED_BY_PATH);
  const unpacked = matcher(config.asarUnpack ?? []);
  for (const rel of files.filter(opened)) if (!unpacked(rel)) problems.push(`asarUnpack: ${rel} is opened by path at run time but stays inside app.asar`);
  for (const rel of files.filter(matcher(NATIVE))) if (!unpacked(rel)) problems.push(`asarUnpack: ${rel} is native code but stays inside app.asar`);
  return problems;
}

function layout(out) {
  const asar = join(out, 'resources', 'app.asar');
  const unpackedDir = `${asar}.unpacked`;
  rmSync(out, { recursive: true, force: true });
  const unpacked = matcher(config.asarUnpack ?? []);
  const opened = matcher(OPENED_BY_PATH);
  // Hard links: the same bytes at a new path, in seconds (the tree is on the same disk).
  const place = (rel, to) => {
    mkdirSync(dirname(join(to, rel)), { recursive: true });
    linkSync(join(root, rel), join(to, rel));
  };
  for (const rel of appFiles()) {
    if (unpacked(rel)) place(rel, unpackedDir);
    if (!unpacked(rel) || !opened(rel)) place(rel, asar);
    else {
      mkdirSync(dirname(join(asar, rel)), { recursive: true });
      writeFileSync(join(asar, rel), `throw new Error('read from inside app.asar: ${rel} must be taken from app.asar.unpacked');\n`);
      chmodSync(join(asar, rel), 0o644);
    }
  }
  process.stdout.write(`packaged layout in ${out}\n`);
}

if (args[0] === '--check') {
  const problems = check();
  for (const p of problems) process.stderr.write(`electron-builder.yml: ${p}\n`);
  process.stdout.write(problems.length ? `electron-builder.yml: ${problems.length} problem(s)\n` : 'electron-builder.yml: every entry matches\n');
  process.exit(problems.length ? 1 : 0);
} else if (args[0] === '--out' && args[1]) {
  layout(args[1]);
} else {
  process.stderr.write('usage: packaged-layout.mjs --check | --out DIR [--config FILE]\n');
  process.exit(2);
}
