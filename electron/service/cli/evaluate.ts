import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisPool } from '../analysis/pool/AnalysisPool';
import { formatRate, type Rate } from './eval/stats';
import type { crossValidateFaces, faceAllPairsReport } from './eval/faceStats';
import { evalQualitySeeds } from './eval/qualitySeeds';
import { evalScreening, type ScreeningReport } from './eval/screeningEval';
import { evalSyntheticMrz } from './eval/syntheticMrz/evalSyntheticMrz';
import { syntheticMrzSummary, type SyntheticMrzReport } from './eval/syntheticMrz/syntheticMrzReport';
import type { Details } from './eval/evalCommon';
import { evalMrz } from './eval/mrzEval';
import { evalFaces } from './eval/facesEval';
import { evalLiveness } from './eval/livenessEval';
import { evalPad } from './eval/padEval';
import { evalQuality, qualitySection, scoreQuality } from './eval/qualityEval';
import { evalKycSets } from './eval/kycSetsEval';

/**
 * `npm run eval -- --fixtures DIR --json FILE`: scores the engine on any folder laid out like
 * ../shared/fixtures (see its README for the contract), with the shipped default policy's
 * thresholds. Nothing is tuned on DIR. Missing sub-folders are skipped and left out.
 *
 * Beside each in-sample figure (shipped thresholds, which were set looking at these very
 * fixtures) it reports a 95% Wilson interval and a cross-validated figure: the threshold is
 * chosen on k-1 folds and scored on the held-out fold, folds grouped by document, person, clip
 * or source image, so a held-out item never shares its subject with the training folds.
 * `--details FILE` writes one JSON line per scored item so a miss can be found.
 */

async function main(): Promise<number> {
  const usage =
    'Usage: npm run eval -- --fixtures DIR [--json FILE] [--details FILE] [--verbose]\n' +
    '  --fixtures DIR  a folder laid out like ../shared/fixtures (see its README); missing sub-folders are skipped\n' +
    '  --json FILE     also write the figures to FILE\n' +
    '  --details FILE  one JSON line per scored item (section, id, expected, predicted, score, ms)\n' +
    '  --verbose       per-document MRZ results on stderr\n' +
    '  --synthetic-mrz N  also generate N synthetic MRZ documents (needs fonts-ocr-b) and score them as mrz_synthetic;\n' +
    '                  --fixtures is then optional. --seed S (default 1) picks the set, --synthetic-mrz-dir DIR keeps the images\n' +
    '  --quality-seeds 1,2,3,4,5  also generate a quality set per seed with ../tools/make_quality_set.py (needs ImageMagick)\n' +
    '                  and score each with the shipped limits as quality_seeds\n' +
    'Scores with the shipped default policy; nothing is tuned on DIR. Takes several minutes on 2 cores.\n';
  let values: { fixtures?: string; json?: string; details?: string; verbose?: boolean; help?: boolean; 'synthetic-mrz'?: string; seed?: string; 'synthetic-mrz-dir'?: string; 'quality-seeds'?: string };
  try {
    values = parseArgs({ options: { fixtures: { type: 'string' }, json: { type: 'string' }, details: { type: 'string' }, verbose: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' }, 'synthetic-mrz': { type: 'string' }, seed: { type: 'string' }, 'synthetic-mrz-dir': { type: 'string' }, 'quality-seeds': { type: 'string' } }, strict: true }).values;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const synthetic = values['synthetic-mrz'] === undefined ? 0 : Number(values['synthetic-mrz']);
  const seed = Number(values.seed ?? 1);
  if ((!values.fixtures && !synthetic) || !Number.isInteger(synthetic) || synthetic < 0 || !Number.isInteger(seed)) {
    process.stderr.write(usage);
    return 2;
  }
  const dir = values.fixtures ?? '';
  if (values.fixtures && !existsSync(dir)) {
    process.stderr.write(`no fixtures folder at ${dir}\n`);
    return 2;
  }
  const pool = new AnalysisPool();
  const lines: string[] = [];
  const details: Details = (line) => void lines.push(JSON.stringify(line));
  const out: Record<string, unknown> = {};
  const has = (sub: string) => Boolean(values.fixtures) && existsSync(join(dir, sub));
  try {
    // Sections run in parallel where they use different lanes (OCR and faces).
    const [mrz, quality, faces, liveness, pad] = await Promise.all([
      has('documents') ? evalMrz(pool, join(dir, 'documents'), values.verbose ?? false, details) : null,
      has('quality') ? evalQuality(pool, join(dir, 'quality'), details) : null,
      // Faces run in this process (one descriptor per photo), beside the pool's two lanes.
      has('faces') ? evalFaces(join(dir, 'faces'), details) : null,
      has('liveness') ? evalLiveness(pool, join(dir, 'liveness'), details) : null,
      has('presentation_attack') ? evalPad(pool, join(dir, 'presentation_attack'), details, has('faces') ? join(dir, 'faces') : null) : null,
    ]);
    if (mrz) out.mrz = mrz;
    if (faces) out.faces = faces;
    if (liveness) out.liveness = liveness;
    if (pad) out.presentation_attack = pad;
    if (quality) out.quality = quality;
    if (has('kyc_sets')) out.kyc_sets = await evalKycSets(pool, join(dir, 'kyc_sets'));
    if (has('sanctions')) out.screening = await evalScreening(join(dir, 'sanctions'), details);
    const qualitySeeds = values['quality-seeds']?.split(',').map(Number) ?? [];
    if (values.fixtures && qualitySeeds.length) out.quality_seeds = await evalQualitySeeds(dir, qualitySeeds, async (d) => {
        const scored = await scoreQuality(pool, d, details);
        return { ...qualitySection(scored), items: scored.items };
      });
    if (synthetic) out.mrz_synthetic = await evalSyntheticMrz(pool, { count: synthetic, seed, keepDir: values['synthetic-mrz-dir'], details, progressEvery: 100 });
  } finally {
    await pool.close();
  }
  const text = JSON.stringify(out, null, 2);
  if (values.json) writeFileSync(values.json, `${text}\n`);
  if (values.details) writeFileSync(values.details, lines.length ? `${lines.join('\n')}\n` : '');
  // The readable summary goes to stderr so stdout stays the JSON document it always was.
  process.stderr.write(summary(out));
  process.stdout.write(`${text}\n`);
  return 0;
}

/** Every rate with its interval, the in-sample figure beside the cross-validated one. */
function summary(out: Record<string, unknown>): string {
  const L: string[] = ['', 'in-sample = shipped thresholds, which were set on these fixtures; cv = threshold chosen on k-1 folds, scored on the held-out fold', ''];
  const row = (name: string, r: Rate | undefined, cv?: Rate | string) =>
    r && L.push(`${name.padEnd(34)} in-sample ${formatRate(r).padEnd(34)} cv ${typeof cv === 'string' ? cv : cv ? formatRate(cv) : '-'}`);
  type Sec = { rates: Record<string, Rate>; cross_validated: Record<string, unknown> };
  const sec = (k: string) => out[k] as Sec | undefined;
  const m = sec('mrz');
  if (m) {
    row('mrz field accuracy', m.rates.field_accuracy, 'not tuned');
    row('mrz documents exact', m.rates.documents_exact, 'not tuned');
    row('mrz detection', m.rates.detection, 'not tuned');
    row('mrz false detections', m.rates.false_detection, 'not tuned');
  }
  if (out.mrz_synthetic) L.push(...syntheticMrzSummary(out.mrz_synthetic as SyntheticMrzReport));
  type FaceBlock = { all_pairs: ReturnType<typeof faceAllPairsReport>; cross_validated: ReturnType<typeof crossValidateFaces> };
  const f = out.faces as (Sec & FaceBlock & { threshold: number; face_api_alone: FaceBlock }) | undefined;
  if (f) {
    row(`faces FMR (pairs.json, t=${f.threshold})`, f.rates.fmr);
    row(`faces FNMR (pairs.json, t=${f.threshold})`, f.rates.fnmr);
    const a = f.all_pairs;
    L.push(`faces: ${a.genuine_pairs} genuine and ${a.impostor_pairs} impostor pairs from identities.json; ${a.failures_to_detect} with a failure to detect`);
    const block = (title: string, b: FaceBlock) => {
      const d = (x: typeof a.genuine) => `min ${x.min} q05 ${x.q05} q25 ${x.q25} median ${x.median} q75 ${x.q75} q95 ${x.q95} max ${x.max} (${x.missing} no face)`;
      const { all_pairs: ap, cross_validated: cv } = b;
      L.push(` ${title}`, `  genuine  ${d(ap.genuine)}`, `  impostor ${d(ap.impostor)}`);
      L.push(`  histogram (bins of ${ap.genuine.binWidth} from 0): genuine ${ap.genuine.histogram.join(' ')}`, `                                 impostor ${ap.impostor.histogram.join(' ')}`);
      for (const p of ap.at_thresholds) L.push(`  t=${p.threshold.toFixed(2)}  FMR ${formatRate(p.fmr, 4).padEnd(40)} FNMR ${formatRate(p.fnmr)}`);
      const t = ap.threshold_at_target;
      L.push(`  FMR <= ${ap.fmr_target * 100}% on all impostor pairs (in-sample): t=${t.threshold}  FMR ${formatRate(t.fmr, 4)}  FNMR ${formatRate(t.fnmr)}`);
      L.push(`  cv by person (${cv.folds} folds, thresholds ${cv.thresholds.join(', ')}): FMR ${formatRate(cv.fmr, 4)}  FNMR ${formatRate(cv.fnmr)}`);
    };
    block('fused score (the engine; cv refits the normalisation on the training folds):', f);
    block('face-api similarity alone (before the fusion), same faces:', f.face_api_alone);
  }
  const l = sec('liveness');
  if (l) row('liveness decisions', l.rates.accuracy, `not tuned; confidence cut ${formatRate((l.cross_validated.confidence_cut as { accuracy: Rate }).accuracy)}`);
  const p = sec('presentation_attack');
  if (p) {
    row('presentation attack decisions', p.rates.accuracy, p.cross_validated.accuracy as Rate);
    row('attacks caught', p.rates.attacks_caught);
    row('live photos flagged', p.rates.live_flagged);
    row('faces/ photos flagged (all genuine)', p.rates.genuine_photos_flagged);
  }
  const q = sec('quality');
  if (q) row('quality decisions', q.rates.accuracy, q.cross_validated.accuracy as Rate);
  const qs = out.quality_seeds as Awaited<ReturnType<typeof evalQualitySeeds>> | undefined;
  if (qs) {
    for (const s of qs.seeds) row(`quality, generated seed ${s.seed}`, s.accuracy, s.cross_validated);
    row(`quality, ${qs.seeds.length} seeds pooled`, qs.pooled, qs.pooled_cross_validated);
    row(`quality, seeds pooled, cv by source`, qs.pooled, qs.cross_validated_by_source.accuracy);
  }
  const sc = out.screening as ScreeningReport | null | undefined;
  if (sc) {
    L.push(`screening: ${sc.queries} queries against ${Object.entries(sc.lists).map(([k, n]) => `${k} (${n})`).join(', ')}; threshold ${sc.threshold} (the rule chooses ${sc.threshold_chosen}); screening p50 ${sc.screen_ms.p50} ms`);
    row('screening precision', sc.rates.precision, sc.cross_validated.precision);
    row('screening recall', sc.rates.recall, sc.cross_validated.recall);
    row('non-match queries flagged', sc.rates.non_match_flagged);
    for (const [k, v] of Object.entries(sc.by_kind)) {
      if (k === 'non_match') continue;
      row(`  ${k} recall`, v.recall, sc.cross_validated.by_kind[k]?.recall);
    }
    L.push(`  cv thresholds by fold: ${sc.cross_validated.thresholds.join(', ')}`);
  }
  return `${L.join('\n')}\n`;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`eval failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
