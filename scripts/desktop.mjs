#!/usr/bin/env node
// Starts the desktop app where Electron can run: downloads the Electron binary if the install
// skipped it, rebuilds native modules for Electron's ABI, builds with electron-vite and launches.
// On exit it rebuilds better-sqlite3-multiple-ciphers for Node again, so `npm run serve` and the tests keep working.
// Windows-safe without a shell: every tool runs as `node <its JS entry>` (npx and npm are .cmd
// scripts there, which Node refuses to spawn without one), and Electron as its own executable.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** A package's command-line entry, from its package.json `bin`. */
function bin(pkg, name = pkg) {
  const manifest = JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8'));
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name];
  return join(dirname(require.resolve(`${pkg}/package.json`)), entry);
}

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`\n${cmd} ${args.join(' ')} failed (exit ${r.status}${r.error ? `: ${r.error.message}` : ''}).\n`);
    process.exit(r.status ?? 1);
  }
};

const electronDir = join(root, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
if (!existsSync(pathFile) || !existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) {
  process.stdout.write('Downloading the Electron binary (skipped at install time)…\n');
  run(process.execPath, [join(electronDir, 'install.js')], { ELECTRON_SKIP_BINARY_DOWNLOAD: '' });
}
run(process.execPath, [bin('electron-builder', 'install-app-deps')]);
run(process.execPath, [bin('electron-vite'), 'build']);
// The electron package's main export is the path of its executable.
const app = spawnSync(require('electron'), ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.stdout.write('Restoring better-sqlite3-multiple-ciphers for Node…\n');
// npm_execpath is npm's own JS entry when this runs as `npm run desktop`.
const npm = process.env.npm_execpath;
if (npm) spawnSync(process.execPath, [npm, 'rebuild', 'better-sqlite3-multiple-ciphers'], { cwd: root, stdio: 'inherit' });
else process.stderr.write('Not started through npm: run `npm rebuild better-sqlite3-multiple-ciphers` before `npm run serve`.\n');
process.exit(app.status ?? 0);
