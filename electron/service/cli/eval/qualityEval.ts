import { join } from 'node:path';
import type { AnalysisPool } from '../../analysis/pool/AnalysisPool';
import { DEFAULT_POLICY } from '../../analysis/defaultPolicy';
import type { DocumentTaskResult } from '../../analysis/worker/protocol';
import { rate } from './stats';
import { crossValidateQuality, type QualityItem } from './qualityCv';
import { attempt, ci, CV_SEED, FOLDS, json, read, type Details } from './evalCommon';

/** Every capture of a labelled quality set measured and decided with the shipped limits, with what cross-validation refits. */
export async function scoreQuality(pool: AnalysisPool, dir: string, details: Details): Promise<{ images: number; correct: number; items: QualityItem[] }> {
  const images = json<{ images: { file: string; source?: string; acceptable: boolean; defects?: string[] }[] }>(join(dir, 'labels.json')).images;
  let correct = 0;
  const cvItems: QualityItem[] = [];
  for (const i of images) {
    const t = performance.now();
    const { value: r, error } = await attempt(() => pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: read(join(dir, i.file)), back: null, quality: DEFAULT_POLICY.quality, runMrz: false }));
    const q = r?.quality.front ?? null;
    const acceptable = q?.acceptable ?? false;
    if (acceptable === i.acceptable) correct++;
    // Grouped by the clean specimen a capture was made from; an image without one is its own group.
    cvItems.push({ group: i.source ?? i.file, acceptable: i.acceptable, measures: q?.measures ?? [] });
    details({
      section: 'quality',
      id: i.file,
      expected: i.acceptable,
      predicted: acceptable,
      score: null,
      ms: Math.round(performance.now() - t),
      defects: i.defects ?? [],
      reasons: q?.reasons ?? ['UNREADABLE_IMAGE'],
      measures: Object.fromEntries((q?.measures ?? []).map((m) => [m.name, m.value])),
      correct: acceptable === i.acceptable,
      ...(error ? { error } : {}),
    });
  }
  return { images: images.length, correct, items: cvItems };
}

/** The quality section of the eval: the shipped limits' accuracy beside limits refitted by source, fold by fold. */
export function qualitySection({ images, correct, items }: { images: number; correct: number; items: readonly QualityItem[] }) {
  const acc = rate(correct, images);
  const cv = crossValidateQuality(items, {}, FOLDS, CV_SEED);
  return {
    images,
    correct,
    accuracy: images ? correct / images : 0,
    accuracy_ci95: ci(acc),
    rates: { accuracy: acc },
    cross_validated: {
      grouped_by: 'source image',
      policy_fields: QUALITY_POLICY_FIELDS,
      folds: cv.folds,
      accuracy: cv.correct,
      limits: cv.limits,
    },
  };
}

export async function evalQuality(pool: AnalysisPool, dir: string, details: Details) {
  return qualitySection(await scoreQuality(pool, dir, details));
}

/** Which policy.quality field each measure's limit is (assessQuality); the quality sets are documents. */
const QUALITY_POLICY_FIELDS = { resolution: 'minShortSidePx', sharpness: 'maxDocumentBlur', glare: 'maxGlare', glareFade: 'maxGlareFade', darkness: 'minLumaP95', overexposure: 'maxLumaP5', fill: 'minDocumentFill' };
