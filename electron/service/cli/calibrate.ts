import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FaceEngine } from '../analysis/face/FaceEngine';
import { DEFAULT_POLICY } from '../analysis/defaultPolicy';
import { presentationAttackScore } from '../analysis/pad/presentationAttack';
import { describeFaces, identityPairs } from './eval/faceSet';
import { crossValidateFaces, faceAllPairsReport, FACE_FMR_TARGET } from './eval/faceStats';
import { bestAccuracyThreshold, errorsAt, formatRate, rate } from './eval/stats';

/**
 * `npm run calibrate -- [--fixtures DIR]`: reproduces the threshold choices from the labelled
 * fixtures and prints them beside the shipped policy values. It only reports: the policy is
 * changed by a reviewed commit to defaultPolicy.ts, never by this script.
 *
 * - faceMatch.matchThreshold: the lowest threshold with FMR <= FACE_FMR_TARGET over every
 *   impostor pair identities.json allows (same rule as `npm run eval`'s all_pairs figure).
 * - presentationAttack.threshold: the cut on the attack score that classifies the most labelled
 *   images right (ties resolved toward the shipped value). Few images: read it with its interval.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { fixtures: { type: 'string', default: '../shared/fixtures' } }, strict: true });
  const dir = values.fixtures;
  if (!existsSync(dir)) {
    process.stderr.write(`no fixtures folder at ${dir}\n`);
    return 2;
  }
  const engine = await FaceEngine.create();
  const out: string[] = [`calibration on ${dir} (report only; nothing is written)`];
  if (existsSync(join(dir, 'faces', 'identities.json'))) {
    const images = await describeFaces(engine, join(dir, 'faces'));
    const pairs = identityPairs(images);
    const shipped = DEFAULT_POLICY.faceMatch.matchThreshold;
    const r = faceAllPairsReport(pairs, [shipped], FACE_FMR_TARGET);
    const cv = crossValidateFaces(pairs, 5, FACE_FMR_TARGET);
    const chosen = r.threshold_at_target;
    const atShipped = r.at_thresholds[0]!;
    out.push(
      '',
      `faces: ${images.length} photos, ${r.genuine_pairs} genuine and ${r.impostor_pairs} impostor pairs (${r.failures_to_detect} with no face on a side)`,
      `  policy field faceMatch.matchThreshold`,
      `    chosen  ${chosen.threshold}  (lowest threshold with FMR <= ${FACE_FMR_TARGET * 100}% on all impostor pairs)`,
      `            FMR ${formatRate(chosen.fmr, 4)}  FNMR ${formatRate(chosen.fnmr)}`,
      `    shipped ${shipped}  FMR ${formatRate(atShipped.fmr, 4)}  FNMR ${formatRate(atShipped.fnmr)}`,
      `    cross-validated by person (${cv.folds} folds; chosen per fold ${cv.thresholds.join(', ')}): FMR ${formatRate(cv.fmr, 4)}  FNMR ${formatRate(cv.fnmr)}`,
    );
  }
  const padLabels = join(dir, 'presentation_attack', 'labels.json');
  if (existsSync(padLabels)) {
    const images = (JSON.parse(readFileSync(padLabels, 'utf8')) as { images: { file: string; label: 'live' | 'spoof' }[] }).images;
    const shipped = DEFAULT_POLICY.presentationAttack.threshold;
    const items: { score: number; positive: boolean }[] = [];
    for (const i of images) {
      const s = await presentationAttackScore(engine, readFileSync(join(dir, 'presentation_attack', i.file)), shipped);
      items.push({ score: s.score, positive: i.label === 'spoof' });
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
