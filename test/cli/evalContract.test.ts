import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, '../shared/fixtures');

/**
 * The evaluation contract (../shared/fixtures/README.md): `npm run eval -- --fixtures DIR --json
 * FILE` writes these keys, each a number, for every section whose folder DIR has. The sealed
 * held-back set is scored by reading them, so a key that moves or nests is a release scored as
 * nothing.
 */
const CONTRACT: Record<string, string[]> = {
  mrz: ['documents', 'detected', 'false_detections', 'fields', 'fields_correct', 'field_accuracy', 'documents_exact', 'ms_p50'],
  faces: ['pairs', 'threshold', 'fmr', 'fnmr', 'failures_to_detect', 'ms_p50'],
  liveness: ['clips', 'decisions', 'correct', 'accuracy'],
  presentation_attack: ['images', 'correct'],
  quality: ['images', 'correct', 'accuracy'],
  kyc_sets: ['sets', 'face_match_correct', 'mrz_exact'],
  screening: ['queries', 'hits', 'correct_hits', 'expected', 'found', 'precision', 'recall'],
};

const json = <T,>(p: string) => JSON.parse(readFileSync(p, 'utf8')) as T;

/** A small folder laid out like the shared fixtures: a few items of each section, copied with their labels. */
function smallFixtures(to: string): { pairs: number } {
  const copy = (rel: string) => {
    mkdirSync(dirname(join(to, rel)), { recursive: true });
    cpSync(join(fixtures, rel), join(to, rel));
  };
  const write = (rel: string, value: unknown) => writeFileSync(join(to, rel), JSON.stringify(value));

  const docs = json<{ documents: { file: string }[] }>(join(fixtures, 'documents/ground_truth.json'));
  const keepDocs = ['images/pe_100_pass-bdr.jpg', 'images/fm_nomrz.jpg'];
  for (const f of keepDocs) copy(`documents/${f}`);
  // A file the engines refuse in each image section: it is scored as the engine returning nothing, and the rest is still scored.
  const broken = (rel: string) => writeFileSync(join(to, rel), 'this is not an image or a video');
  broken('documents/images/broken.jpg');
  const mrzDoc = docs.documents.find((d) => d.file === keepDocs[0])!;
  write('documents/ground_truth.json', { ...docs, documents: [...docs.documents.filter((d) => keepDocs.includes(d.file)), { ...mrzDoc, file: 'images/broken.jpg' }] });

  const ids = json<{ identities: { person_id: string; images: string[] }[] }>(join(fixtures, 'faces/identities.json'));
  const people = ids.identities.slice(0, 3).map((p) => ({ ...p, images: p.images.slice(0, 2) }));
  const photos = people.flatMap((p) => p.images);
  for (const f of photos) copy(`faces/${f}`);
  write('faces/identities.json', { ...ids, identities: people });
  const pairs = json<{ pairs: { a: string; b: string }[] }>(join(fixtures, 'faces/pairs.json'));
  const keptPairs = pairs.pairs.filter((p) => photos.includes(p.a) && photos.includes(p.b));
  write('faces/pairs.json', { ...pairs, pairs: keptPairs });
  const counts = { pairs: keptPairs.length };

  const clips = json<{ videos: { file: string }[] }>(join(fixtures, 'liveness/labels.json'));
  const keepClips = ['videos/blink_liveportrait_d18.mp4', 'videos/blink_dinoman_example.mp4'];
  for (const f of keepClips) copy(`liveness/${f}`);
  broken('liveness/videos/broken.mp4');
  write('liveness/labels.json', { ...clips, videos: [...clips.videos.filter((v) => keepClips.includes(v.file)), { file: 'videos/broken.mp4', actions: ['blink'] }] });

  const attacks = json<{ images: { file: string; label: string }[] }>(join(fixtures, 'presentation_attack/labels.json'));
  const keepAttacks = [attacks.images.find((i) => i.label === 'live')!, attacks.images.find((i) => i.label === 'spoof')!];
  for (const i of keepAttacks) copy(`presentation_attack/${i.file}`);
  broken(`presentation_attack/${dirname(keepAttacks[0]!.file)}/broken.jpg`);
  write('presentation_attack/labels.json', { ...attacks, images: [...keepAttacks, { file: `${dirname(keepAttacks[0]!.file)}/broken.jpg`, label: 'spoof', attack_type: 'print' }] });

  const quality = json<{ images: { file: string; source: string }[] }>(join(fixtures, 'quality/labels.json'));
  const sources = [...new Set(quality.images.map((i) => i.source))].slice(0, 2);
  const keepQuality = sources.flatMap((s) => quality.images.filter((i) => i.source === s).slice(0, 2));
  for (const i of keepQuality) copy(`quality/${i.file}`);
  broken(`quality/${dirname(keepQuality[0]!.file)}/broken.jpg`);
  write('quality/labels.json', { ...quality, images: [...keepQuality, { file: `${dirname(keepQuality[0]!.file)}/broken.jpg`, source: 'broken', acceptable: false, defects: [] }] });

  // One set, whichever way the ground truth lists them (one object, an array, or {sets: [...]}).
  const kyc = json<Record<string, unknown> | Record<string, unknown>[]>(join(fixtures, 'kyc_sets/ground_truth.json'));
  const firstSet = (Array.isArray(kyc) ? kyc[0] : Array.isArray(kyc.sets) ? (kyc.sets as Record<string, unknown>[])[0] : kyc) as { files: Record<string, string> };
  for (const f of Object.values(firstSet.files)) copy(`kyc_sets/${f}`);
  write('kyc_sets/ground_truth.json', firstSet);

  mkdirSync(join(to, 'sanctions'));
  symlinkSync(join(fixtures, 'sanctions/lists'), join(to, 'sanctions/lists'));
  const queries = json<{ queries: { kind: string }[] }>(join(fixtures, 'sanctions/queries.json'));
  const kinds = [...new Set(queries.queries.map((q) => q.kind))];
  write('sanctions/queries.json', { ...queries, queries: kinds.flatMap((k) => queries.queries.filter((q) => q.kind === k).slice(0, 2)) });
  return counts;
}

describe.skipIf(!existsSync(fixtures))('npm run eval writes the evaluation contract (skipped when ../shared/fixtures is missing)', () => {
  let dir: string;
  let out: Record<string, Record<string, unknown>>;
  let details: Record<string, unknown>[];
  let written: { pairs: number };

  beforeAll(() => {
    dir = makeTempDir('kyc-eval-contract');
    written = smallFixtures(join(dir, 'fixtures'));
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['electron/service/cli/evaluate.ts', '--fixtures', join(dir, 'fixtures'), '--json', join(dir, 'out.json'), '--details', join(dir, 'details.jsonl')], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 420_000,
    });
    if (r.status !== 0) throw new Error(`eval exited ${r.status} (signal ${r.signal}${r.error ? `, ${r.error.message}` : ''}): ${r.stderr}`);
    out = json(join(dir, 'out.json'));
    details = readFileSync(join(dir, 'details.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }, 480_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes every key of every section as a number', () => {
    for (const [section, keys] of Object.entries(CONTRACT)) {
      expect(typeof out[section] === 'object' && out[section] !== null, `${section} is an object`).toBe(true);
      for (const k of keys) {
        const v = out[section]![k];
        expect(typeof v === 'number' && Number.isFinite(v), `${section}.${k} = ${JSON.stringify(v)}`).toBe(true);
      }
    }
  });

  it('scores a file the engines refuse as nothing found, names the error, and scores the rest', () => {
    const refused = details.filter((d) => typeof d.id === 'string' && d.id.includes('broken'));
    expect(refused.map((d) => d.section).sort()).toEqual(['liveness', 'liveness', 'liveness', 'liveness', 'mrz', 'presentation_attack', 'quality']);
    // The clip fails to decode (the error is kept); the image workers answer "nothing readable" themselves.
    expect(refused.filter((d) => d.section === 'liveness').every((d) => typeof d.error === 'string' && /decode/.test(d.error)), JSON.stringify(refused)).toBe(true);
    expect(refused.find((d) => d.section === 'presentation_attack')).toMatchObject({ predicted: 'live', correct: false });
    expect(refused.find((d) => d.section === 'mrz')).toMatchObject({ predicted: null, score: 0, correct: false });
    expect(refused.find((d) => d.section === 'quality')).toMatchObject({ predicted: false, correct: true });
    expect(refused.filter((d) => d.section === 'liveness').every((d) => d.predicted === false)).toBe(true);
  });

  it('counts what the folder holds, by the contract\'s scoring rules', () => {
    expect(out.mrz!.documents).toBe(2);
    expect(out.mrz!.fields).toBe(18);
    expect(out.mrz!.detected).toBeLessThanOrEqual(1);
    expect(written.pairs).toBeGreaterThan(0);
    expect(out.faces!.pairs).toBe(written.pairs);
    // FMR and FNMR by the contract's rule, recounted from the per-pair lines (a pair without a face is rejected).
    const pairLines = details.filter((d) => d.section === 'faces.pairs');
    const accepted = (d: Record<string, unknown>) => d.predicted === 'match';
    const genuine = pairLines.filter((d) => d.expected === 'same'), impostor = pairLines.filter((d) => d.expected !== 'same');
    expect(out.faces!.fnmr).toBeCloseTo(genuine.length ? genuine.filter((d) => !accepted(d)).length / genuine.length : 0, 10);
    expect(out.faces!.fmr).toBeCloseTo(impostor.length ? impostor.filter(accepted).length / impostor.length : 0, 10);
    expect(out.liveness!.clips).toBe(3);
    expect(out.liveness!.decisions).toBe(12);
    expect(out.presentation_attack!.images).toBe(3);
    expect(out.quality!.images).toBe(5);
    expect(out.kyc_sets!.sets).toBe(1);
    const s = out.screening as Record<string, number>;
    expect(s.queries).toBeGreaterThan(0);
    expect(s.correct_hits).toBeLessThanOrEqual(s.hits!);
    expect(s.found).toBeLessThanOrEqual(s.expected!);
    expect(s.precision).toBeCloseTo(s.hits ? s.correct_hits! / s.hits : 0, 10);
    expect(s.expected).toBeGreaterThan(0);
    expect(s.recall).toBeCloseTo(s.found! / s.expected!, 10);
  });
});
