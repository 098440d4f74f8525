#!/usr/bin/env node
// Starts the browser shell: builds the renderer when it is missing or older than its sources or build config,
// then runs the local service behind HTTP on 127.0.0.1. Arguments pass through (--port, --data, --demo).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'renderer', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(built) ||
  Math.max(
    newestMtime(join(root, 'renderer')),
    newestMtime(join(root, 'shared')),
    ...['vite.web.config.ts', 'vite.renderer.config.ts'].map((f) => statSync(join(root, f)).mtimeMs),
  ) > statSync(built).mtimeMs;
if (stale) {
  process.stdout.write('Building the renderer…\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Always a production bundle: under a test runner NODE_ENV=test would ship React's slow development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'service', 'server', 'serveMain.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
