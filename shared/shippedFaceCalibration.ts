import { calibratedThreshold, faceCalibrationSchema, faceOperatingPoint, type FaceCalibration, type FaceOperatingPoint } from './faceCalibration';
import measured from './faceCalibration.json';

/** The face calibration the app ships (see faceCalibration.ts; rewritten by `npm run calibrate -- --write`). */
export const FACE_CALIBRATION: FaceCalibration = faceCalibrationSchema.parse(measured);

/** The shipped default of `faceMatch.matchThreshold`: the policy's default reads it from here. */
export const CALIBRATED_FACE_THRESHOLD = calibratedThreshold(FACE_CALIBRATION);

/** The error rates measured at a threshold, on the shipped calibration. */
export const shippedFaceOperatingPoint = (threshold: number): FaceOperatingPoint => faceOperatingPoint(threshold, FACE_CALIBRATION);
