import { useRunTempRoot } from '../scripts/runTempRoot';

/** Vitest global setup: the suite writes under its own temp folder, removed at the end (see useRunTempRoot). */
export default function setup(): () => void {
  return useRunTempRoot('kyc-test-run-');
}
