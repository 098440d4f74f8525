import { FaceErrorRates } from '../components/FaceErrorRates';
import { numberOf, type PolicyFormValue } from './policyForm';

/**
 * Beside the face threshold box, live as it is typed: the false match and false non-match rates
 * measured at that threshold on the shipped calibration, and a warning below the calibrated one.
 * Nothing while the box holds no threshold (empty, or outside 0-1: its own error says so).
 */
export function FaceThresholdRates({ value }: { value: PolicyFormValue | undefined }) {
  const threshold = typeof value === 'string' ? numberOf(value) : Number.NaN;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) return null;
  return (
    <div className="policy-face-rates" aria-live="polite">
      <FaceErrorRates threshold={threshold} belowCalibrated />
    </div>
  );
}
