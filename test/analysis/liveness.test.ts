import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceEngine } from '../../electron/service/analysis/face/FaceEngine';
import { analyzeFrames, detectAction, LIVENESS_ACTIONS } from '../../electron/service/analysis/liveness/LivenessAnalyzer';
import { extractFrames } from '../../electron/service/analysis/liveness/extractFrames';

// The liveness clips are not allowed in the repo (licence): read from the shared fixtures only.
const fixtures = join(import.meta.dirname, '../../../shared/fixtures');
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

/** A clip ffmpeg generates from a lavfi source (no face in it), in a temp folder removed afterwards. */
async function withTestClip(source: string, use: (clip: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-clip-'));
  try {
    const clip = join(dir, 'clip.mp4');
    const r = spawnSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', source, '-pix_fmt', 'yuv420p', clip]);
    expect(r.status).toBe(0);
    await use(clip);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('liveness without fixtures', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await FaceEngine.create();
  }, 120_000);

  it('rejects undecodable bytes with an Error', async () => {
    await expect(extractFrames(Buffer.from('this is not a video at all'))).rejects.toThrow(/could not be decoded/);
    await expect(extractFrames(Buffer.alloc(0))).rejects.toThrow(Error);
  });

  it('gives a long clip thinned to maxFrames the rate its frames stand for, so held times stay in seconds', async () => {
    await withTestClip('testsrc=size=160x120:rate=10:duration=30', async (clip) => {
      // 30 s at 10 fps is 300 frames; 100 kept stand for 10/3 frames per second of the clip.
      const thinned = await extractFrames(clip, { fps: 10, maxFrames: 100, maxWidth: 160 });
      expect(thinned.frames).toHaveLength(100);
      expect(thinned.fps).toBeCloseTo(10 / 3, 6);
      const whole = await extractFrames(clip, { fps: 10, maxFrames: 400, maxWidth: 160 });
      expect(whole.frames).toHaveLength(300);
      expect(whole.fps).toBe(10);
    });
  }, 120_000);

  it('detects nothing in a clip without a face', async () => {
    await withTestClip('testsrc=size=320x240:rate=10:duration=1', async (clip) => {
      const clipFrames = await extractFrames(readFileSync(clip), { fps: 5 });
      expect(clipFrames.frames.length).toBeGreaterThanOrEqual(4);
      expect(clipFrames.fps).toBe(5);
      const m = await analyzeFrames(engine, clipFrames);
      expect(m.fps).toBe(5);
      expect(m.framesWithFace).toBe(0);
      for (const a of LIVENESS_ACTIONS) {
        const d = detectAction(m, a);
        expect(d).toMatchObject({ action: a, detected: false, confidence: 0 });
        expect(d.evidence).toMatch(/no face/);
      }
    });
  }, 60_000);
});

/**
 * Regression floor on the current shared clips (7 clips, 4 decisions each: 28). Measured
 * 2026-12-06: 25 of 28 right (0.89; 24 before turns were read from the face mesh's yaw, 23 before
 * blinks were read from the eyes' pixels). Wrong: blink missed in blink_dinoman_example (96x128
 * behind glasses: the eye patches are a few pixels); smile reported in
 * talk_sadtalker_WDA_AlexandriaOcasioCortez_000 and talk_liveportrait_d10, where the labels count no
 * deliberate smile (face-api reads them as happy, the mouth is as wide as in the labelled smiles).
 * Below the 0.9 target: issue 12 tracks raising it. Raise the floor when detection improves; never
 * lower it to pass.
 */
const MIN_CORRECT_DECISIONS = 25;

const DECISIONS: Record<string, string[]> = { blink: ['blink'], smile: ['smile'], turn: ['turn_left', 'turn_right', 'head_turn'], nod: ['nod'] };

describe.skipIf(!existsSync(fixtures))('liveness on the shared clips (skipped when ../shared/fixtures is missing)', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await FaceEngine.create();
  }, 120_000);

  it('gets at least the measured number of eval decisions right (blink, smile, turn, nod per clip)', async () => {
    const dir = join(fixtures, 'liveness');
    const videos = (JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { videos: { file: string; actions: string[] }[] }).videos;
    let correct = 0, decisions = 0;
    const wrong: string[] = [];
    for (const v of videos) {
      const m = await analyzeFrames(engine, await extractFrames(join(dir, v.file)));
      expect(m.framesWithFace).toBeGreaterThan(m.frames * 0.8);
      for (const [decision, labels] of Object.entries(DECISIONS)) {
        const truth = v.actions.some((a) => labels.includes(a));
        const predicted = decision === 'turn' ? detectAction(m, 'turn_left').detected || detectAction(m, 'turn_right').detected : detectAction(m, decision as 'blink').detected;
        decisions++;
        if (predicted === truth) correct++;
        else wrong.push(`${v.file}:${decision}`);
      }
      const d = detectAction(m, 'blink');
      expect(d.evidence.length).toBeGreaterThan(10);
      expect(d.confidence).toBeGreaterThanOrEqual(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
    // Counts come from labels.json, not from a pinned set size: the set grows.
    expect(videos.length).toBeGreaterThan(0);
    expect(decisions).toBe(videos.length * Object.keys(DECISIONS).length);
    console.info(`[liveness.test] ${correct}/${decisions} decisions right over ${videos.length} clips; wrong: ${wrong.join(', ') || 'none'}`);
    expect(correct, wrong.join(', ')).toBeGreaterThanOrEqual(MIN_CORRECT_DECISIONS);
  }, 400_000);
});
