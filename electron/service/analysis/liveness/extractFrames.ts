import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempWorkDir } from '../../core/tempWork';
import { ffmpegPath } from '../../runtime/resourcePaths';

/** Frames per second decoded from a clip, unless the caller asks otherwise. */
export const DEFAULT_FPS = 15;
const DEFAULT_WIDTH = 320;
/** Longer clips are sampled evenly down to this many frames (20 s at 15 fps). */
const DEFAULT_MAX_FRAMES = 300;

function runFfmpeg(args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const p = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => {
      if (err.length < 4000) err += d.toString();
    });
    p.on('error', (e) => reject(new Error(`ffmpeg could not be started: ${e.message}`)));
    p.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const line = err.split('\n').map((l) => l.trim()).filter(Boolean).pop();
        reject(new Error(`the clip could not be decoded${line ? `: ${line}` : ''}`));
      }
    });
  });
}

/**
 * Decodes a clip into PNG frames with the ffmpeg binary from @ffmpeg-installer: `fps` frames per
 * second, scaled to `maxWidth` pixels wide. Longer clips are sampled evenly down to `maxFrames`.
 * Rejects with an Error when the input is not a decodable video or has no frames.
 */
export async function extractFrames(video: Buffer | string, opts: { fps?: number; maxWidth?: number; maxFrames?: number } = {}): Promise<Buffer[]> {
  if (typeof video !== 'string' && video.length === 0) throw new Error('the clip is empty');
  const fps = opts.fps ?? DEFAULT_FPS;
  const width = opts.maxWidth ?? DEFAULT_WIDTH;
  const max = Math.max(1, opts.maxFrames ?? DEFAULT_MAX_FRAMES);
  const dir = await makeTempWorkDir('kyc-frames');
  try {
    const input = typeof video === 'string' ? video : join(dir, 'clip.bin');
    if (typeof video !== 'string') await writeFile(input, video);
    // A hard cap on what ffmpeg writes (a minute of video), whatever the clip's length.
    const cap = Math.max(max, Math.round(fps * 60));
    await runFfmpeg(['-nostdin', '-v', 'error', '-i', input, '-an', '-vf', `fps=${fps},scale=${width}:-2`, '-frames:v', String(cap), join(dir, 'f%05d.png')]);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    if (files.length === 0) throw new Error('the clip could not be decoded: it has no video frames');
    const picked = files.length <= max ? files : Array.from({ length: max }, (_, i) => files[Math.floor((i * files.length) / max)]!);
    return await Promise.all(picked.map((f) => readFile(join(dir, f))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
