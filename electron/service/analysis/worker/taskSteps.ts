import { engineWords, type Worded } from '../../../../shared/schemas/engineText';
import { AnalysisInputError, checkImage } from '../imageGuard';

/** Steps shared by both lanes' tasks: timing each step, and turning an unusable image into a reason. */

export type Progress = (step: string, fraction: number) => void;

export async function timed<T>(timings: Record<string, number>, step: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timings[step] = Math.round((timings[step] ?? 0) + performance.now() - t);
  }
}

/** The image, or the reason it cannot be analysed (recorded as "not run", never a crash). */
export async function usable(bytes: Uint8Array | null, image: 'front' | 'back' | 'selfie', notRun: Record<string, Worded>, step: string): Promise<Buffer | null> {
  if (!bytes) return null;
  try {
    await checkImage(bytes);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (e) {
    if (e instanceof AnalysisInputError && e.text) {
      notRun[step] = engineWords(e.text.key, { ...e.text.params, image: { term: image }, code: e.code });
      return null;
    }
    throw e;
  }
}
