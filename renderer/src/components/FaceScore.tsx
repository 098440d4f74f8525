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
const pct = (x: number) => `${(Math.min(1, Math.max(0, x)) * 100).toFixed(1)}%`;

/**
 * The score on its 0-1 scale with the bands the policy judged it by: declined outright below the
 * decline threshold, sent to an officer up to the match threshold, a match from there.
 */
function FaceScoreBar({ similarity, threshold, declineBelow }: { similarity: number; threshold: number; declineBelow: number | undefined }) {
  const { t } = useTranslation();
  const decline = declineBelow ?? 0;
  const label = declineBelow === undefined ? t('analysis.faceBarNoDecline', { score: similarity.toFixed(3), threshold }) : t('analysis.faceBar', { score: similarity.toFixed(3), threshold, decline: declineBelow.toFixed(2) });
  return (
    <div className="face-bar-wrap">
      <div className="face-bar" role="img" aria-label={label} data-testid="face-score-bar">
        {decline > 0 && <span className="face-band face-band-decline" style={{ left: 0, width: pct(decline) }} />}
        <span className="face-band face-band-review" style={{ left: pct(decline), width: pct(threshold - decline) }} />
        <span className="face-band face-band-match" style={{ left: pct(threshold), right: 0 }} />
        <span className="face-bar-threshold" style={{ left: pct(threshold) }} />
        <span className="face-bar-score" style={{ left: pct(similarity) }} />
      </div>
      <div className="face-bar-legend muted small" aria-hidden="true">
        {declineBelow !== undefined && <span className="legend-decline">{t('analysis.faceBandDecline', { value: declineBelow.toFixed(2) })}</span>}
        <span className="legend-review">{t('analysis.faceBandReview')}</span>
        <span className="legend-match">{t('analysis.faceBandMatch', { value: threshold })}</span>
      </div>
    </div>
  );
}

export function FaceScore({ similarity, threshold, declineBelow, components, descriptionVersion }: { similarity: number; threshold: number; declineBelow?: number | undefined; components?: FaceScoreComponents | null; descriptionVersion: number }) {
  const { t } = useTranslation();
  return (
    <div className="face-score-block" data-testid="face-score">
      <div className="face-score">
        {t('analysis.similarity')} <strong>{similarity.toFixed(3)}</strong> ({t('analysis.threshold', { value: threshold })})
        <FaceScoreBar similarity={similarity} threshold={threshold} declineBelow={declineBelow} />
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
