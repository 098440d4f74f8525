import { join } from 'node:path';
import type { AnalysisPool } from '../../analysis/pool/AnalysisPool';
import { DEFAULT_POLICY } from '../../analysis/defaultPolicy';
import type { SelfieTaskResult } from '../../analysis/worker/protocol';
import { crossValidateThreshold, rate, type Rate } from './stats';
import { attempt, ci, CV_SEED, FOLDS, json, read, type Details } from './evalCommon';

/**
 * Presentation attack: one live/spoof decision per labelled image, and, when a faces/ folder is
 * given, the share of its ordinary photos (all genuine) scored as attacks: the false alarms an
 * officer would see on bona fide selfies, which six labelled images cannot show.
 */
export async function evalPad(pool: AnalysisPool, dir: string, details: Details, genuineDir: string | null) {
  const images = json<{ images: { file: string; label: 'live' | 'spoof'; attack_type?: string | null }[] }>(join(dir, 'labels.json')).images;
  const threshold = DEFAULT_POLICY.presentationAttack.threshold;
  let correct = 0, attacks = 0, caught = 0, live = 0, falseAlarms = 0;
  const cvItems: { group: string; score: number; positive: boolean }[] = [];
  for (const i of images) {
    const t = performance.now();
    const { value: r, error } = await attempt(() => pool.run<SelfieTaskResult>('face', { kind: 'selfie', selfie: read(join(dir, i.file)), document: null, quality: null, faceThreshold: null, padThreshold: threshold }));
    const attack = r?.presentationAttack?.attack ?? false;
    const spoof = i.label === 'spoof';
    if (attack === spoof) correct++;
    if (spoof) {
      attacks++;
      if (attack) caught++;
    } else {
      live++;
      if (attack) falseAlarms++;
    }
    const score = r?.presentationAttack?.score ?? null;
    // An image with no score cannot be tuned on; it stays a "live" decision (as the product has it).
    cvItems.push({ group: i.file, score: score ?? -1, positive: spoof });
    details({ section: 'presentation_attack', id: i.file, expected: i.label, predicted: attack ? 'spoof' : 'live', score, ms: Math.round(performance.now() - t), attack_type: i.attack_type ?? null, correct: attack === spoof, ...(error ? { error } : {}) });
  }
  const acc = rate(correct, images.length);
  const cv = crossValidateThreshold(cvItems, FOLDS, threshold, CV_SEED);
  const genuine = genuineDir ? await padFalseAlarms(pool, genuineDir, threshold, details) : null;
  return {
    images: images.length,
    correct,
    accuracy_ci95: ci(acc),
    ...(genuine ? { genuine_photos: { photos: genuine.n, flagged: genuine.k, flagged_ci95: ci(genuine) } } : {}),
    rates: { accuracy: acc, attacks_caught: rate(caught, attacks), live_flagged: rate(falseAlarms, live), ...(genuine ? { genuine_photos_flagged: genuine } : {}) },
    cross_validated: { grouped_by: 'image', policy_field: 'presentationAttack.threshold', folds: cv.folds, accuracy: cv.correct, thresholds: cv.thresholds },
  };
}

/** Every photo identities.json lists, through the same selfie task; each one flagged is a false alarm. */
async function padFalseAlarms(pool: AnalysisPool, dir: string, threshold: number, details: Details): Promise<Rate> {
  const files = json<{ identities: { images: string[] }[] }>(join(dir, 'identities.json')).identities.flatMap((p) => p.images);
  let flagged = 0;
  for (const f of files) {
    const t = performance.now();
    const { value: r, error } = await attempt(() => pool.run<SelfieTaskResult>('face', { kind: 'selfie', selfie: read(join(dir, f)), document: null, quality: null, faceThreshold: null, padThreshold: threshold }));
    const attack = r?.presentationAttack?.attack ?? false;
    if (attack) flagged++;
    details({ section: 'presentation_attack.genuine_photos', id: f, expected: 'live', predicted: attack ? 'spoof' : 'live', score: r?.presentationAttack?.score ?? null, ms: Math.round(performance.now() - t), correct: !attack, ...(error ? { error } : {}) });
  }
  return rate(flagged, files.length);
}
