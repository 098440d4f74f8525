import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempWorkDir } from '../core/tempWork';
import { MAX_CLIP_SECONDS, runFfmpeg } from '../runtime/runFfmpeg';

/** Thumbnails kept per clip: enough to see the action happen, small enough to list inline. */
export const KEY_FRAMES_PER_CLIP = 4;
const THUMB_WIDTH = 160;
/** Frames decoded per second before picking: a blink lasts about 0.2 s. */
const SAMPLE_FPS = 8;
const MAX_DECODED = SAMPLE_FPS * MAX_CLIP_SECONDS;

/** `count` positions spread over `n` frames, each in the middle of its share of the clip. */
export function spreadIndexes(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.min(n - 1, Math.floor(((i + 0.5) * n) / count)));
}

/**
 * Small JPEG thumbnails spread evenly over a liveness clip, with the ffmpeg binary from
 * @ffmpeg-installer: what an officer looks at to check the engine's verdict on each action.
 * Rejects when the clip has no decodable video.
 */
export async function extractKeyFrames(clip: Uint8Array, count = KEY_FRAMES_PER_CLIP): Promise<Buffer[]> {
  if (clip.length === 0) throw new Error('the clip is empty');
  const dir = await makeTempWorkDir('kyc-keyframes');
  try {
    const input = join(dir, 'clip.bin');
    await writeFile(input, clip);
    await runFfmpeg(['-nostdin', '-v', 'error', '-i', input, '-an', '-vf', `fps=${SAMPLE_FPS},scale=${THUMB_WIDTH}:-2`, '-q:v', '6', '-frames:v', String(MAX_DECODED), join(dir, 'k%04d.jpg')], 'no key frames could be taken from the clip');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.jpg')).sort();
    if (files.length === 0) throw new Error('no key frames could be taken from the clip: it has no video frames');
    return await Promise.all(spreadIndexes(files.length, count).map((i) => readFile(join(dir, files[i]!))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
