import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The maintenance commands as the README's table names them, each run as `npm run NAME -- --help`. */
const COMMANDS = ['backup', 'restore', 'keys', 'retention:purge', 'lists:import', 'audit:verify', 'export:case'] as const;

describe('maintenance commands: --help', () => {
  it.each(COMMANDS)('%s --help prints its usage, in the npm run form the README gives, and exits 0', (name) => {
    const script = scripts[name];
    expect(script, `package.json has no "${name}" script`).toMatch(/^tsx electron\/service\/cli\/\w+\.ts$/);
    const r = spawnSync('npx', [...script!.split(' '), '--help'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith(`Usage: npm run ${name} -- `)).toBe(true);
  }, 60_000);
});
