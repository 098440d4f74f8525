#!/usr/bin/env node
// CI's Electron security lint: @doyensec/electronegativity over what ships, the built out/ (main
// with the service, preload, renderer: one input, so its global checks see the navigation and
// permission handlers of main while checking the renderer), for the installed Electron version.
// Prints every finding; exits 1 on any of HIGH severity. Accepted lower findings are listed in
// the README (Packaging). Run after `npm run build`.
//
// electronegativity 1.10.3 requires `commander` without declaring it and needs its old API
// (< 7); here `commander` resolves to the app's own v14. Its requires of `commander` are pointed
// at the v5 that @electron/asar (an electron-builder dependency) carries.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const oldCommander = require.resolve('commander', { paths: [join(root, 'node_modules', '@electron', 'asar')] });
const commanderMajor = Number(JSON.parse(readFileSync(join(dirname(oldCommander), 'package.json'), 'utf8')).version.split('.')[0]);
if (commanderMajor >= 7) {
  process.stderr.write(`electronegativity needs commander < 7; found ${commanderMajor} at ${oldCommander}\n`);
  process.exit(1);
}
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

const shim = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'commander' && parent && parent.filename.includes('electronegativity')) return ${JSON.stringify(oldCommander)};
  return resolve.call(this, request, parent, ...rest);
};
require(${JSON.stringify(cli)});
`;

if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
  process.stderr.write('electronegativity: out/ is not built; run npm run build first\n');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'kyc-electronegativity-'));
const csv = join(work, 'findings.csv');
let high = 0;
try {
  const r = spawnSync(process.execPath, ['-e', shim, '--', 'electronegativity', '-i', join(root, 'out'), '-e', electronVersion, '-r', '-o', csv], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(csv)) {
    process.stderr.write(`electronegativity did not run (exit ${r.status})\n${r.stderr}`);
    process.exit(1);
  }
  // Columns: issue, severity, confidence, filename, location, then the sample (which may hold commas).
  for (const row of readFileSync(csv, 'utf8').trim().split('\n').slice(1).filter(Boolean)) {
    const [issue, severity, confidence, file, location] = row.split(',').map((c) => c.replace(/^"|"$/g, ''));
    process.stdout.write(`${severity.padEnd(7)} ${confidence.padEnd(9)} ${issue} out/${file}:${location}\n`);
    if (severity === 'HIGH') high += 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`electronegativity (Electron ${electronVersion}): ${high} high-severity finding(s)\n`);
process.exit(high > 0 ? 1 : 0);
