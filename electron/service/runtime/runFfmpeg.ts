import { spawn } from 'node:child_process';
import { ffmpegPath } from './resourcePaths';

/** Whatever a clip's length, ffmpeg is asked for at most this many seconds of frames. */
export const MAX_CLIP_SECONDS = 60;
/**
 * A decode that takes longer is killed, so a pathological file cannot hold a worker for ever. Set
 * with room for the worst legitimate clip: every frame of up to a minute is decoded, however large
 * the picture (a phone's 4K), before the few we keep are scaled down.
 */
const FFMPEG_TIMEOUT_MS = 90_000;

/**
 * Runs the ffmpeg binary from @ffmpeg-installer with `args`. Rejects with an Error starting with
 * `failure` and ending with ffmpeg's last error line, or saying it was stopped after the timeout.
 */
export function runFfmpeg(args: string[], failure: string, timeoutMs = FFMPEG_TIMEOUT_MS): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const p = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.stderr.on('data', (d: Buffer) => {
      if (err.length < 4000) err += d.toString();
    });
    p.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`ffmpeg could not be started: ${e.message}`));
    });
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && !timedOut) return resolve();
      if (timedOut) return reject(new Error(`${failure}: ffmpeg was stopped after ${timeoutMs / 1000} s`));
      const line = err.split('\n').map((l) => l.trim()).filter(Boolean).pop();
      reject(new Error(`${failure}${line ? `: ${line}` : ''}`));
    });
  });
}

