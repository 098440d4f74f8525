import { useTranslation } from 'react-i18next';
import { formatPercentRate } from '../../../shared/errorRate';
import { shippedFaceOperatingPoint } from '../../../shared/shippedFaceCalibration';
import { FACE_DESCRIPTION_VERSION } from '../../../shared/faceDescriptionVersion';

/**
 * The false match and false non-match rates measured at a face threshold on the shipped
 * calibration, with their 95% intervals, and a warning when the threshold's measured false match
 * rate is above the target. `belowCalibrated` also says so when the threshold is under the
 * calibrated one while its FMR still meets the target (the policy editor, where the admin sets it).
 * `scoredWith` is the face description version of the score they stand beside: an older one's
 * score was computed otherwise than the rates were measured, and the officer is told so.
 */
export function FaceErrorRates({ threshold, belowCalibrated = false, scoredWith }: { threshold: number; belowCalibrated?: boolean; scoredWith?: number }) {
  const { t } = useTranslation();
  const op = shippedFaceOperatingPoint(threshold);
  const target = `${op.fmrTarget * 100}%`;
  return (
    <>
      <p className="muted small" data-testid="face-error-rates">
        {t('analysis.faceErrorRates', {
          threshold,
          fmr: formatPercentRate(op.fmr),
          fnmr: formatPercentRate(op.fnmr),
          photos: op.dataset.photos,
          persons: op.dataset.persons,
          target,
        })}
      </p>
      {op.fmr.rate !== null && op.fmr.ci95[1] > op.fmrTarget && (
        <p className="muted small" data-testid="face-target-unproven">
          {t('analysis.faceTargetUnproven', { persons: op.dataset.persons, target })}
        </p>
      )}
      {scoredWith !== undefined && scoredWith !== FACE_DESCRIPTION_VERSION && (
        <p className="face-threshold-caution small" role="status" data-testid="face-score-older-engine">
          {t('analysis.faceScoreOlderEngine', { scored: scoredWith, current: FACE_DESCRIPTION_VERSION })}
        </p>
      )}
      {!op.meetsTarget ? (
        <p className="form-error small" role="status" data-testid="face-threshold-warning">
          {t('analysis.faceThresholdBelowTarget', { threshold, calibrated: op.calibratedThreshold, target })}
        </p>
      ) : (
        belowCalibrated &&
        threshold < op.calibratedThreshold && (
          <p className="face-threshold-caution small" role="status" data-testid="face-threshold-below-calibrated">
            {t('policy.calibratedBelow', { threshold, calibrated: op.calibratedThreshold, target })}
          </p>
        )
      )}
    </>
  );
}
