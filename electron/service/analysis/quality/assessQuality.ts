import type { PolicyBody } from '../../../../shared/schemas/policy';
import type { QualityMeasure, QualityResult } from '../../../../shared/schemas/analysis';
import { blurLimit, type CaptureKind } from '../../../../shared/liveCaptureQuality';
import type { QualityFeatures } from './qualityFeatures';

/** Turns measurements into pass/fail per measure with the policy's thresholds, and named reasons. */
export function assessQuality(f: QualityFeatures, t: PolicyBody['quality'], kind: CaptureKind): QualityResult {
  const measures: QualityMeasure[] = [];
  const add = (name: QualityMeasure['name'], value: number, threshold: number, passWhen: '>=' | '<=', reason: QualityMeasure['reason']) => {
    const pass = passWhen === '>=' ? value >= threshold : value <= threshold;
    // Six decimals: the glare-fade score is a small share, and the evaluation re-decides from stored values.
    measures.push({ name, value: Math.round(value * 1e6) / 1e6, threshold, passWhen, pass, reason: pass ? null : reason });
  };
  add('resolution', Math.min(f.width, f.height), t.minShortSidePx, '>=', 'LOW_RESOLUTION');
  add('sharpness', f.blur, blurLimit(t, kind), '<=', 'BLURRY');
  add('glare', f.glare, t.maxGlare, '<=', 'GLARE');
  if (f.glareFade !== null) add('glareFade', f.glareFade, t.maxGlareFade, '<=', 'GLARE');
  add('darkness', f.lumaP95, t.minLumaP95, '>=', 'TOO_DARK');
  add('overexposure', f.lumaP5, t.maxLumaP5, '<=', 'OVEREXPOSED');
  // A selfie is judged on the face, not on how much of the frame a card covers.
  if (kind === 'document') add('fill', f.fill, t.minDocumentFill, '>=', 'DOCUMENT_TOO_SMALL');
  const reasons = measures.flatMap((m) => (m.reason ? [m.reason] : []));
  return { width: f.width, height: f.height, measures, acceptable: reasons.length === 0, reasons };
}
