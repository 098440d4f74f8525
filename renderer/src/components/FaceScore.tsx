import { useTranslation } from 'react-i18next';
import type { FaceScoreComponents } from '../../../shared/schemas/analysis';
import { FaceErrorRates } from './FaceErrorRates';

/**
 * A face score as an officer should read it: the fused score, the policy's threshold, the two
 * similarities it was fused from, and the error rates measured at that threshold (with their 95%
 * intervals), so "0.61 ≥ 0.51" comes with how often such a call is wrong. A threshold below the
 * calibrated one is called out, and so is a score computed by an earlier face description version
 * than the one the rates were measured with. Analyses made before the fusion have no components.
 */
export function FaceScore({ similarity, threshold, components, descriptionVersion }: { similarity: number; threshold: number; components?: FaceScoreComponents | null; descriptionVersion: number }) {
  const { t } = useTranslation();
  return (
    <div className="face-score-block" data-testid="face-score">
      <div className="face-score">
        {t('analysis.similarity')} <strong>{similarity.toFixed(3)}</strong> ({t('analysis.threshold', { value: threshold })})
        <meter min={0} max={1} low={threshold} optimum={1} value={similarity} aria-label={t('analysis.similarity')} />
      </div>
      {components && (
        <p className="muted small" data-testid="face-score-components">
          {t('analysis.faceScoreComponents', { faceApi: components.faceApi.toFixed(3), mobileFace: components.mobileFace.toFixed(3) })}
        </p>
      )}
      <FaceErrorRates threshold={threshold} scoredWith={descriptionVersion} />
    </div>
  );
}
