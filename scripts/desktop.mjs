#!/usr/bin/env node
// Starts the desktop app where Electron can run: downloads the Electron binary if the install
// skipped it, rebuilds native modules for Electron's ABI, builds with electron-vite and launches.
// On exit it rebuilds better-sqlite3 for Node again, so `npm run serve` and the tests keep working.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`\n${cmd} ${args.join(' ')} failed (exit ${r.status}).\n`);
    process.exit(r.status ?? 1);
  }
};

const electronDir = join(root, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
if (!existsSync(pathFile) || !existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) {
  process.stdout.write('Downloading the Electron binary (skipped at install time)…\n');
  run(process.execPath, [join(electronDir, 'install.js')], { ELECTRON_SKIP_BINARY_DOWNLOAD: '' });
}
run('npx', ['electron-builder', 'install-app-deps']);
run('npx', ['electron-vite', 'build']);
const app = spawnSync('npx', ['electron', '.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.stdout.write('Restoring better-sqlite3 for Node…\n');
spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
process.exit(app.status ?? 0);
