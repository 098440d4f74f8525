import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibratedThreshold, faceOperatingPoint, FACE_FMR_TARGET, type FaceCalibration } from '../../shared/faceCalibration';
import { CALIBRATED_FACE_THRESHOLD, FACE_CALIBRATION, shippedFaceOperatingPoint } from '../../shared/shippedFaceCalibration';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import { FaceEngine } from '../../electron/service/analysis/face/FaceEngine';
import { describeFaces, fusedPairs, identityPairs, impostorNormalization } from '../../electron/service/cli/eval/faceSet';
import { isGenuine } from '../../electron/service/cli/eval/faceStats';
import { thresholdAtFmr } from '../../electron/service/cli/eval/stats';

const synthetic: FaceCalibration = {
  fmrTarget: 0.1,
  engine: 'test',
  dataset: { name: 'synthetic', photos: 6, persons: 3 },
  normalization: { faceApi: { mean: 0.3, sd: 0.1 }, mobileFace: { mean: 0.1, sd: 0.1 } },
  genuine: [0.4, 0.6, 0.7, 0.8],
  impostor: [0.1, 0.2, 0.3, 0.5, 0.6],
  genuineNoFace: 1,
  impostorNoFace: 5,
  thresholdAtTarget: 0.501,
  crossValidated: { folds: 3, thresholds: [0.5, 0.55, 0.6], fmr: { errors: 1, trials: 10 }, fnmr: { errors: 2, trials: 5 } },
};

describe('face threshold policy', () => {
  it('states FMR and FNMR at any threshold from the pair scores; a score equal to the threshold is accepted, a missing face is rejected', () => {
    const p = faceOperatingPoint(0.6, synthetic);
    expect(p.fmr).toMatchObject({ k: 1, n: 10, rate: 0.1 });
    // Genuine: 0.4 rejected and the no-face pair rejected; 0.6, 0.7, 0.8 accepted.
    expect(p.fnmr).toMatchObject({ k: 2, n: 5, rate: 0.4 });
    expect(p.fmr.ci95[0]).toBeLessThan(0.1);
    expect(p.fmr.ci95[1]).toBeGreaterThan(0.1);
    expect(p.meetsTarget).toBe(true);
    expect(faceOperatingPoint(0.45, synthetic)).toMatchObject({ fmr: { k: 2 }, meetsTarget: false });
    expect(calibratedThreshold(synthetic)).toBe(0.51);
    expect(calibratedThreshold({ ...synthetic, thresholdAtTarget: 0.58 })).toBe(0.58);
  });

  it('ships the calibrated threshold as the default policy, and it meets the stated FMR target on the calibration pairs', () => {
    expect(FACE_CALIBRATION.fmrTarget).toBe(FACE_FMR_TARGET);
    expect(DEFAULT_POLICY.faceMatch.matchThreshold).toBe(CALIBRATED_FACE_THRESHOLD);
    expect(CALIBRATED_FACE_THRESHOLD).toBeGreaterThanOrEqual(FACE_CALIBRATION.thresholdAtTarget);
    const p = shippedFaceOperatingPoint(CALIBRATED_FACE_THRESHOLD);
    expect(p.meetsTarget).toBe(true);
    expect(p.fmr.n).toBeGreaterThan(1000);
    // A threshold below the calibrated one is shown as missing the target.
    expect(shippedFaceOperatingPoint(0.3).meetsTarget).toBe(false);
    for (const xs of [FACE_CALIBRATION.genuine, FACE_CALIBRATION.impostor]) expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  const fixtures = join(import.meta.dirname, '../../../shared/fixtures');
  it.skipIf(!existsSync(join(fixtures, 'faces')))('is reproducible: the face engine on ../shared/fixtures/faces gives the shipped normalisation, fused pair scores and threshold (npm run calibrate -- --write)', async () => {
    const engine = await FaceEngine.create();
    const components = identityPairs(await describeFaces(engine, join(fixtures, 'faces')));
    engine.dispose();
    const normalization = impostorNormalization(components);
    for (const model of ['faceApi', 'mobileFace'] as const) {
      expect(normalization[model].mean).toBeCloseTo(FACE_CALIBRATION.normalization[model].mean, 5);
      expect(normalization[model].sd).toBeCloseTo(FACE_CALIBRATION.normalization[model].sd, 5);
    }
    const pairs = fusedPairs(components, normalization);
    const scores = (genuine: boolean) => pairs.filter((p) => isGenuine(p) === genuine && p.score !== null).map((p) => Math.round(p.score! * 10000) / 10000).sort((a, b) => a - b);
    // Equal to the stored 4 decimals, give or take one step of rounding.
    const close = (got: number[], shipped: number[]) => {
      expect(got).toHaveLength(shipped.length);
      expect(Math.max(0, ...got.map((x, i) => Math.abs(x - shipped[i]!)))).toBeLessThanOrEqual(0.00011);
    };
    close(scores(true), FACE_CALIBRATION.genuine);
    close(scores(false), FACE_CALIBRATION.impostor);
    expect(thresholdAtFmr(pairs.filter((p) => !isGenuine(p)).map((p) => p.score), FACE_FMR_TARGET)).toBe(FACE_CALIBRATION.thresholdAtTarget);
  }, 180_000);
});
