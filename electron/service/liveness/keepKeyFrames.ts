import type { ServiceDeps } from '../core/ServiceDeps';
import { extractKeyFrames } from './extractKeyFrames';

/**
 * Takes the key frames of each clip of a liveness session and puts them in the content-addressed
 * evidence store; returns their hashes by action. A clip whose frames cannot be taken gets none
 * (the verdict does not depend on thumbnails), and the failure is logged without any content.
 */
export async function keepKeyFrames(deps: Pick<ServiceDeps, 'evidenceFiles' | 'log'>, clips: readonly { action: string; dataBase64: string }[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  await Promise.all(
    clips.map(async (clip) => {
      try {
        const frames = await extractKeyFrames(Buffer.from(clip.dataBase64, 'base64'));
        out.set(clip.action, frames.map((f) => deps.evidenceFiles.put(f).sha256));
      } catch (e) {
        deps.log.warn('liveness.key_frames_failed', { action: clip.action, reason: e instanceof Error ? e.message : String(e) });
        out.set(clip.action, []);
      }
    }),
  );
  return out;
}
