import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelRegisterSchema } from '../../shared/schemas/modelRegister';
import { aboutEn } from '../../renderer/src/i18n/about.en';
import { aboutZhCN } from '../../renderer/src/i18n/about.zhCN';

// resources/model-licences.json is what scripts/copy-models.mjs ships: exactly its files, and
// `npm run dist` stops while one of them has no licence cleared for redistribution.
const repo = join(import.meta.dirname, '../..');
const script = join(repo, 'scripts', 'copy-models.mjs');
const registerFile = join(repo, 'resources', 'model-licences.json');
const work = mkdtempSync(join(tmpdir(), 'kyc-model-register-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Entry = { name: string; dir: string; package: string; from: string; files: string[]; status: string; licence: string };
const register = JSON.parse(readFileSync(registerFile, 'utf8')) as { models: Entry[] };

function run(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

function registerWith(models: Entry[]): string {
  const file = join(work, `register-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ schema: 'test register', models }));
  return file;
}

const entry = (over: Partial<Entry>): Entry => ({ ...register.models.find((m) => m.dir === 'tesseract')!, ...over });

describe('copy-models and the model register', () => {
  it('names each model once, and the UI words each one\'s use in both languages (English as the register says it)', () => {
    const parsed = modelRegisterSchema.parse(register);
    expect(new Set(parsed.models.map((m) => m.id)).size).toBe(parsed.models.length);
    for (const m of parsed.models) {
      expect(aboutEn.modelPurpose[m.id], m.id).toBe(m.usedFor);
      expect(aboutZhCN.modelPurpose[m.id], m.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('is valid against the schema the service reads it with', () => {
    expect(modelRegisterSchema.safeParse(register).success).toBe(true);
    expect(new Set(register.models.map((m) => m.name)).size).toBe(register.models.length);
  });

  it('copies exactly the files the register names, and empties what an earlier build left', () => {
    const out = join(work, 'models');
    mkdirSync(join(out, 'face-api'), { recursive: true });
    writeFileSync(join(out, 'face-api', 'age_gender_model.bin'), 'left by an earlier build');
    const r = run('--out', out);
    expect(r.status, r.stderr).toBe(0);
    const expected = register.models.flatMap((m) => m.files.map((f) => join(m.dir, f))).sort();
    expect(filesUnder(out)).toEqual(expected);
    // The face engine's five face-api networks, Human's three graphs and both tesseract data files.
    expect(expected).toHaveLength(18);
  });

  it('names a file its package does not have', () => {
    const r = run('--out', join(work, 'missing', 'models'), '--register', registerWith([entry({ files: ['no-such.traineddata.gz'] })]));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no-such.traineddata.gz is not in @tesseract.js-data/eng/4.0.0_best_int');
  });

  it('refuses an entry without its licence or with an unknown status', () => {
    const noLicence = run('--out', join(work, 'nl', 'models'), '--register', registerWith([entry({ licence: ' ' })]));
    expect(noLicence.status).toBe(1);
    expect(noLicence.stderr).toContain('has no licence');
    const status = run('--out', join(work, 'st', 'models'), '--register', registerWith([entry({ status: 'probably fine' })]));
    expect(status.status).toBe(1);
    expect(status.stderr).toContain('status "probably fine"');
  });

  it('empties only a folder named models, and reads and writes only plain names', () => {
    const elsewhere = join(work, 'important');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'keep.txt'), 'not ours');
    const refused = run('--out', elsewhere);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--out must name a folder called models');
    expect(readdirSync(elsewhere)).toEqual(['keep.txt']);
    expect(run('--out').stderr).toContain('--out needs a value');
    const traversal = run('--out', join(work, 'tr', 'models'), '--register', registerWith([entry({ dir: '../escape' })]));
    expect(traversal.status).toBe(1);
    expect(traversal.stderr).toContain('"../escape" is not a plain file or folder name');
  });

  it('--release passes when every model is cleared and names each one that is not', () => {
    const cleared = run('--out', join(work, 'ok', 'models'), '--release', '--register', registerWith([entry({ status: 'cleared' })]));
    expect(cleared.status, cleared.stderr).toBe(0);
    const blocked = run('--out', join(work, 'no', 'models'), '--release', '--register', registerWith([entry({ status: 'cleared' }), entry({ name: 'Some weights', status: 'unverified', licence: 'none found' })]));
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('not cleared for release: Some weights');
    expect(blocked.stderr).toContain('1 model(s) without a licence cleared');
  });

  it('is checked by npm run dist before anything is built', () => {
    const dist = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.dist!;
    expect(dist.indexOf('copy-models.mjs --release')).toBeGreaterThanOrEqual(0);
    expect(dist.indexOf('copy-models.mjs --release')).toBeLessThan(dist.indexOf('npm run build'));
    expect(dist.indexOf('npm run build')).toBeLessThan(dist.indexOf('electron-builder'));
  });
});
