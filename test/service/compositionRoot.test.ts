import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';

const ROOT = resolve(__dirname, '../..');
const SERVICE_DIR = join(ROOT, 'electron/service');
const COMPOSITION_ROOT = 'electron/service/core/composeService.ts';
const SERVICE_DEPS = 'electron/service/core/ServiceDeps.ts';
const JOB_RUNNER = 'electron/service/jobs/JobRunner.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const rel = (abs: string) => relative(ROOT, abs).split('\\').join('/');

/** The relative modules a file imports or re-exports, type-only imports included, resolved to files. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\sfrom\s+['"](\.[^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specs.flatMap((spec) => {
    const base = resolve(dirname(file), spec);
    const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((p) => existsSync(p) && /\.tsx?$/.test(p));
    return hit ? [hit] : [];
  });
}

/** Every file reachable from `start` through relative imports. */
function reachableFrom(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = localImports(start);
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...localImports(f));
  }
  return seen;
}

describe('one composition root', () => {
  const files = sourceFiles(SERVICE_DIR);

  it('scans the service sources (the scan itself works)', () => {
    expect(files.map(rel)).toContain(COMPOSITION_ROOT);
    expect(localImports(join(ROOT, COMPOSITION_ROOT)).map(rel)).toContain(SERVICE_DEPS);
  });

  it('keeps no module-level WeakMap caches of repositories or runners', () => {
    const caches = files.filter((f) => /new\s+WeakMap\s*[<(]/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(caches).toEqual([]);
  });

  it('constructs repositories and the service runners only in the composition root', () => {
    // Some work without a service: audit:verify reads a store read-only (no migration, no
    // writes), evaluate runs the engine's pool over a labelled set with no store at all, and
    // backup and restore read a snapshot or a restored copy, never the live store's connection.
    const allowed = new Set([COMPOSITION_ROOT, 'electron/service/cli/auditVerify.ts', 'electron/service/cli/evaluate.ts', 'electron/service/backup/writeBackup.ts', 'electron/service/backup/restoreBackup.ts']);
    // Every repository, and each part composeService wires; a part's own internals (a runtime
    // that builds its runner) are that part's business.
    const built = /new\s+(\w+Repository|JobRunner|ExportRunner|AnalysisPool|RetentionSchedule|ExpirySchedule|EvidenceThumbnails|EvidenceStore|AuditLog)\s*\(/g;
    const outside = files.filter((f) => !allowed.has(rel(f))).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(built)].map((m) => `${rel(f)}: ${m[1]}`));
    expect(outside).toEqual([]);
  });

  it('has no import loop between ServiceDeps and JobRunner, nor any back into ServiceDeps', () => {
    const servicedeps = join(ROOT, SERVICE_DEPS);
    const jobRunner = join(ROOT, JOB_RUNNER);
    expect(localImports(servicedeps)).toContain(jobRunner);
    expect(reachableFrom(jobRunner).has(servicedeps)).toBe(false);
    // Nothing ServiceDeps describes may lead back to it (ExportRunner, the repositories, ...).
    const loopsBack = [...reachableFrom(servicedeps)].filter((f) => localImports(f).includes(servicedeps)).map(rel);
    expect(loopsBack).toEqual([]);
  });
});

describe('KycService.open hands handlers the parts it built', () => {
  let t: TempService;
  let admin: string;

  beforeAll(async () => {
    t = openTempService();
    admin = await t.signInAs('admin');
  });
  afterAll(async () => {
    await t.service.shutdown();
    t.cleanup();
  });

  it('builds one instance of each part, and a second service gets its own', () => {
    const other = openTempService();
    try {
      const slots = ['intake', 'uploads', 'apiTokens', 'reports', 'exportJobs', 'thumbnails', 'exportRunner', 'retention', 'casePurge', 'applicationExpiry'] as const;
      for (const slot of slots) {
        expect(t.service.deps[slot], slot).toBeTruthy();
        expect(other.service.deps[slot], slot).not.toBe(t.service.deps[slot]);
      }
      // No two slots share an object: each repository is built once, for its own slot.
      const parts = Object.entries(t.service.deps).filter(([k, v]) => typeof v === 'object' && v !== null && k !== 'db');
      expect(new Set(parts.map(([, v]) => v)).size).toBe(parts.length);
    } finally {
      other.cleanup();
    }
  });

  it('answers each area through the repository in deps, the same one on every call', async () => {
    const deps = t.service.deps;
    const spies = {
      apiTokens: vi.spyOn(deps.apiTokens, 'list'),
      intake: vi.spyOn(deps.intake, 'currentTexts'),
      uploads: vi.spyOn(deps.uploads, 'byKey'),
      retention: vi.spyOn(deps.retention, 'tombstones'),
      exportJobs: vi.spyOn(deps.exportJobs, 'list'),
      exportRunner: vi.spyOn(deps.exportRunner, 'start'),
    };
    try {
      for (let round = 1; round <= 2; round += 1) {
        expect((await t.service.call('apiTokens.list', {}, admin)).ok).toBe(true);
        expect((await t.service.call('intake.texts', {}, admin)).ok).toBe(true);
        expect((await t.service.call('uploads.get', { key: 'uploads/none' }, admin)).ok).toBe(false);
        expect((await t.service.call('retention.tombstones', { limit: 10 }, admin)).ok).toBe(true);
        expect((await t.service.call('reports.listExports', { limit: 10 }, admin)).ok).toBe(true);
        for (const [slot, spy] of Object.entries(spies)) expect(spy.mock.calls.length, slot).toBe(round);
      }
    } finally {
      for (const spy of Object.values(spies)) spy.mockRestore();
    }
  });
});
