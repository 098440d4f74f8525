import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempWorkDir } from '../../core/tempWork';
import { MAX_CLIP_SECONDS, runFfmpeg } from '../../runtime/runFfmpeg';
import { spreadIndexes } from '../../liveness/extractKeyFrames';

/** Frames per second decoded from a clip, unless the caller asks otherwise. */
const DEFAULT_FPS = 15;
const DEFAULT_WIDTH = 320;
/** Longer clips are sampled evenly down to this many frames (20 s at 15 fps). */
const DEFAULT_MAX_FRAMES = 300;

/** A clip's frames (PNG) and the rate they stand for: fewer than the decode rate once a long clip is thinned. */
export interface DecodedClip {
  frames: Buffer[];
  /** Frames per second of `frames` in the clip's time, so frame counts convert to seconds. */
  fps: number;
}

/**
 * Decodes a clip into PNG frames with the ffmpeg binary from @ffmpeg-installer: `fps` frames per
 * second, scaled to `maxWidth` pixels wide. Longer clips are sampled evenly down to `maxFrames`,
 * and the rate returned says so. Rejects with an Error when the input is not a decodable video or
 * has no frames.
 */
export async function extractFrames(video: Buffer | string, opts: { fps?: number; maxWidth?: number; maxFrames?: number } = {}): Promise<DecodedClip> {
  if (typeof video !== 'string' && video.length === 0) throw new Error('the clip is empty');
  const fps = opts.fps ?? DEFAULT_FPS;
  const width = opts.maxWidth ?? DEFAULT_WIDTH;
  const max = Math.max(1, opts.maxFrames ?? DEFAULT_MAX_FRAMES);
  const dir = await makeTempWorkDir('kyc-frames');
  try {
    const input = typeof video === 'string' ? video : join(dir, 'clip.bin');
    if (typeof video !== 'string') await writeFile(input, video);
    const cap = Math.max(max, Math.round(fps * MAX_CLIP_SECONDS));
    await runFfmpeg(['-nostdin', '-v', 'error', '-i', input, '-an', '-vf', `fps=${fps},scale=${width}:-2`, '-frames:v', String(cap), join(dir, 'f%05d.png')], 'the clip could not be decoded');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    if (files.length === 0) throw new Error('the clip could not be decoded: it has no video frames');
    const picked = spreadIndexes(files.length, max);
    return { frames: await Promise.all(picked.map((i) => readFile(join(dir, files[i]!)))), fps: (fps * picked.length) / files.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
