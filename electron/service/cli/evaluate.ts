import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisPool } from '../analysis/pool/AnalysisPool';
import { DEFAULT_POLICY } from '../analysis/defaultPolicy';
import type { DocumentTaskResult, LivenessTaskResult, SelfieTaskResult } from '../analysis/worker/protocol';
import { parse as parseMrz } from 'mrz';
import type { MrzResult } from '../../../shared/schemas/analysis';

/**
 * `npm run eval -- --fixtures DIR --json FILE`: scores the engine on any folder laid out like
 * ../shared/fixtures (see its README for the contract), with the shipped default policy's
 * thresholds. Nothing is tuned on DIR. Missing sub-folders are skipped and left out.
 */

const norm = (s: string | null | undefined) => (s ?? '').toUpperCase().replace(/</g, ' ').replace(/\s+/g, ' ').trim();
const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
const read = (p: string) => new Uint8Array(readFileSync(p));
const json = <T>(p: string) => JSON.parse(readFileSync(p, 'utf8')) as T;

function mrzFields(m: MrzResult | null): string[] | null {
  if (!m) return null;
  const f = m.fields;
  return [f.documentCode, f.issuingState, f.surname, f.givenNames, f.documentNumber, f.nationality, f.birthDate, f.sex, f.expiryDate].map((x) => norm(x.value));
}

interface GroundTruthDoc {
  file: string;
  has_mrz: boolean;
  document_code: string;
  issuing_state: string;
  surname: string;
  given_names: string;
  document_number: string;
  nationality: string;
  birth_date_yymmdd: string;
  sex: string;
  expiry_date_yymmdd: string;
}

async function evalMrz(pool: AnalysisPool, dir: string, verbose: boolean) {
  const gt = json<{ documents: GroundTruthDoc[] }>(join(dir, 'ground_truth.json')).documents;
  let documents = 0, detected = 0, falseDetections = 0, fields = 0, correct = 0, exact = 0;
  const ms: number[] = [];
  for (const d of gt) {
    const t = performance.now();
    const r = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: read(join(dir, d.file)), back: null, quality: null, runMrz: true });
    ms.push(performance.now() - t);
    const got = mrzFields(r.mrz);
    if (!d.has_mrz) {
      if (got) falseDetections++;
      if (verbose) process.stderr.write(`mrz ${d.file}: no MRZ expected, ${got ? 'FALSE DETECTION' : 'none returned'}\n`);
      continue;
    }
    documents++;
    fields += 9;
    if (!got) {
      if (verbose) process.stderr.write(`mrz ${d.file}: MISSED\n`);
      continue;
    }
    detected++;
    const want = [d.document_code, d.issuing_state, d.surname, d.given_names, d.document_number, d.nationality, d.birth_date_yymmdd, d.sex, d.expiry_date_yymmdd].map(norm);
    const ok = want.filter((w, i) => w === got[i]).length;
    correct += ok;
    if (ok === 9) exact++;
    if (verbose) process.stderr.write(`mrz ${d.file}: ${ok}/9${ok < 9 ? ` wrong: ${want.map((w, i) => (w === got[i] ? null : `${w}≠${got[i]}`)).filter(Boolean).join(', ')}` : ''}\n`);
  }
  return { documents, detected, false_detections: falseDetections, fields, fields_correct: correct, field_accuracy: fields ? correct / fields : 0, documents_exact: exact, ms_p50: Math.round(median(ms)) };
}

async function evalFaces(pool: AnalysisPool, dir: string) {
  const pairs = json<{ pairs: { a: string; b: string; same: boolean }[] }>(join(dir, 'pairs.json')).pairs;
  const threshold = DEFAULT_POLICY.faceMatch.matchThreshold;
  let sameN = 0, diffN = 0, falseMatch = 0, falseNonMatch = 0, ftd = 0;
  const ms: number[] = [];
  for (const p of pairs) {
    const t = performance.now();
    const r = await pool.run<SelfieTaskResult>('face', { kind: 'selfie', document: read(join(dir, p.a)), selfie: read(join(dir, p.b)), quality: null, faceThreshold: threshold, padThreshold: null });
    ms.push(performance.now() - t);
    const f = r.faceMatch;
    const decided = f && (f.outcome === 'MATCH' || f.outcome === 'NO_MATCH' || f.outcome === 'MULTIPLE_FACES_SELFIE') && f.similarity !== null;
    if (!decided) ftd++;
    const accepted = decided && (f.similarity ?? 0) >= threshold;
    if (p.same) {
      sameN++;
      if (!accepted) falseNonMatch++;
    } else {
      diffN++;
      if (accepted) falseMatch++;
    }
  }
  return { pairs: pairs.length, threshold, fmr: diffN ? falseMatch / diffN : 0, fnmr: sameN ? falseNonMatch / sameN : 0, failures_to_detect: ftd, ms_p50: Math.round(median(ms)) };
}

/** Ground truth given as MRZ lines: the printed values, field by field (names as parsed). */
function expectedFromLines(lines: string[]): Partial<GroundTruthDoc> {
  const r = parseMrz(lines);
  const slice = (field: string) => {
    const g = r.details.find((x) => x.field === field)?.ranges[0];
    return g ? (lines[g.line] ?? '').slice(g.start, g.end) : '';
  };
  const raw = (field: string) => r.details.find((x) => x.field === field)?.value ?? slice(field);
  return {
    document_code: raw('documentCode'),
    issuing_state: raw('issuingState'),
    surname: raw('lastName'),
    given_names: raw('firstName'),
    document_number: raw('documentNumber'),
    nationality: raw('nationality'),
    birth_date_yymmdd: raw('birthDate'),
    sex: slice('sex').replace(/</g, ''),
    expiry_date_yymmdd: raw('expirationDate'),
  };
}

const DECISIONS: Record<string, string[]> = { blink: ['blink'], smile: ['smile'], turn: ['turn_left', 'turn_right', 'head_turn'], nod: ['nod'] };

async function evalLiveness(pool: AnalysisPool, dir: string) {
  const videos = json<{ videos: { file: string; actions: string[] }[] }>(join(dir, 'labels.json')).videos;
  let decisions = 0, correct = 0;
  for (const v of videos) {
    const r = await pool.run<LivenessTaskResult>('face', { kind: 'liveness', clips: [{ data: read(join(dir, v.file)), actions: ['blink', 'smile', 'turn_left', 'turn_right', 'nod'] }] });
    const seen = new Set(r.actions.filter((a) => a.detected).map((a) => a.action));
    for (const [decision, labels] of Object.entries(DECISIONS)) {
      const truth = v.actions.some((a) => labels.includes(a));
      const predicted = decision === 'turn' ? seen.has('turn_left') || seen.has('turn_right') : seen.has(decision);
      decisions++;
      if (truth === predicted) correct++;
    }
  }
  return { clips: videos.length, decisions, correct, accuracy: decisions ? correct / decisions : 0 };
}

async function evalPad(pool: AnalysisPool, dir: string) {
  const images = json<{ images: { file: string; label: 'live' | 'spoof' }[] }>(join(dir, 'labels.json')).images;
  let correct = 0;
  for (const i of images) {
    const r = await pool.run<SelfieTaskResult>('face', { kind: 'selfie', selfie: read(join(dir, i.file)), document: null, quality: null, faceThreshold: null, padThreshold: DEFAULT_POLICY.presentationAttack.threshold });
    if ((r.presentationAttack?.attack ?? false) === (i.label === 'spoof')) correct++;
  }
  return { images: images.length, correct };
}

async function evalQuality(pool: AnalysisPool, dir: string) {
  const images = json<{ images: { file: string; acceptable: boolean }[] }>(join(dir, 'labels.json')).images;
  let correct = 0;
  for (const i of images) {
    const r = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: read(join(dir, i.file)), back: null, quality: DEFAULT_POLICY.quality, runMrz: false });
    if ((r.quality.front?.acceptable ?? false) === i.acceptable) correct++;
  }
  return { images: images.length, correct, accuracy: images.length ? correct / images.length : 0 };
}

async function evalKycSets(pool: AnalysisPool, dir: string) {
  const raw = json<Record<string, unknown> | Record<string, unknown>[]>(join(dir, 'ground_truth.json'));
  const sets = (Array.isArray(raw) ? raw : Array.isArray((raw as { sets?: unknown }).sets) ? (raw as { sets: Record<string, unknown>[] }).sets : [raw]) as {
    files: Record<string, string>;
    same_person?: boolean;
    mrz?: Partial<GroundTruthDoc>;
    doc_back_mrz?: Partial<GroundTruthDoc>;
    mrz_lines?: string[];
    doc_back_mrz_lines?: string[];
  }[];
  let faceCorrect = 0, mrzExact = 0;
  for (const s of sets) {
    const portrait = s.files.doc_face ?? s.files.doc_front;
    if (portrait && s.files.selfie) {
      const r = await pool.run<SelfieTaskResult>('face', { kind: 'selfie', document: read(join(dir, portrait)), selfie: read(join(dir, s.files.selfie)), quality: null, faceThreshold: DEFAULT_POLICY.faceMatch.matchThreshold, padThreshold: null });
      if ((r.faceMatch?.outcome === 'MATCH') === (s.same_person ?? true)) faceCorrect++;
    }
    const lines = s.mrz_lines ?? s.doc_back_mrz_lines;
    const truth = s.mrz ?? s.doc_back_mrz ?? (lines ? expectedFromLines(lines) : undefined);
    if (truth && s.files.doc_back) {
      const r = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: read(join(dir, s.files.doc_back)), back: null, quality: null, runMrz: true });
      const got = mrzFields(r.mrz);
      const want = [truth.document_code, truth.issuing_state, truth.surname, truth.given_names, truth.document_number, truth.nationality, truth.birth_date_yymmdd, truth.sex, truth.expiry_date_yymmdd].map(norm);
      if (got && want.every((w, i) => w === got[i])) mrzExact++;
    }
  }
  return { sets: sets.length, face_match_correct: faceCorrect, mrz_exact: mrzExact };
}

async function main(): Promise<number> {
  const usage =
    'Usage: npm run eval -- --fixtures DIR [--json FILE] [--verbose]\n' +
    '  --fixtures DIR  a folder laid out like ../shared/fixtures (see its README); missing sub-folders are skipped\n' +
    '  --json FILE     also write the figures to FILE\n' +
    '  --verbose       per-document MRZ results on stderr\n' +
    'Scores with the shipped default policy; nothing is tuned on DIR. Takes several minutes on 2 cores.\n';
  let values: { fixtures?: string; json?: string; verbose?: boolean; help?: boolean };
  try {
    values = parseArgs({ options: { fixtures: { type: 'string' }, json: { type: 'string' }, verbose: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (!values.fixtures) {
    process.stderr.write(usage);
    return 2;
  }
  const dir = values.fixtures;
  if (!existsSync(dir)) {
    process.stderr.write(`no fixtures folder at ${dir}\n`);
    return 2;
  }
  const pool = new AnalysisPool();
  const out: Record<string, unknown> = {};
  const has = (sub: string) => existsSync(join(dir, sub));
  try {
    // Sections run in parallel where they use different lanes (OCR and faces).
    const [mrz, quality, faces, liveness, pad] = await Promise.all([
      has('documents') ? evalMrz(pool, join(dir, 'documents'), values.verbose ?? false) : null,
      has('quality') ? evalQuality(pool, join(dir, 'quality')) : null,
      has('faces') ? evalFaces(pool, join(dir, 'faces')) : null,
      has('liveness') ? evalLiveness(pool, join(dir, 'liveness')) : null,
      has('presentation_attack') ? evalPad(pool, join(dir, 'presentation_attack')) : null,
    ]);
    if (mrz) out.mrz = mrz;
    if (faces) out.faces = faces;
    if (liveness) out.liveness = liveness;
    if (pad) out.presentation_attack = pad;
    if (quality) out.quality = quality;
    if (has('kyc_sets')) out.kyc_sets = await evalKycSets(pool, join(dir, 'kyc_sets'));
  } finally {
    await pool.close();
  }
  const text = JSON.stringify(out, null, 2);
  if (values.json) writeFileSync(values.json, `${text}\n`);
  process.stdout.write(`${text}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`eval failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
