import { describe, expect, it } from 'vitest';
import { detectAction, type FrameMeasure, type LivenessMeasures } from '../../electron/service/analysis/liveness/LivenessAnalyzer';

const FPS = 15;

/** A steady face for `n` frames whose eye contrast follows `eye(i)` with a little deterministic jitter. */
function clip(n: number, eye: (i: number) => number): LivenessMeasures {
  const series: FrameMeasure[] = Array.from({ length: n }, (_, i) => {
    const jitter = 0.004 * Math.sin(i * 2.3);
    return { index: i, eyeLeft: eye(i) + jitter, eyeRight: eye(i) - jitter, mar: 0.05, smileWidth: 0.8, happy: 0, yaw: 0, headYaw: 0, pitch: 0.6 };
  });
  return { frames: n, framesWithFace: n, fps: FPS, series };
}

describe('blink from the eyes\' pixels, against the clip\'s own noise', () => {
  it('finds a one-frame change of both eyes that comes back', () => {
    const d = detectAction(
      clip(60, (i) => (i === 30 ? 0.4 : 0.32)),
      'blink',
    );
    expect(d.detected).toBe(true);
    expect(d.confidence).toBeGreaterThan(0.5);
    expect(d.evidence).toMatch(/at 2\.0 s/);
  });

  it('does not call a lasting change (a squint that stays, a new expression) a blink', () => {
    const d = detectAction(
      clip(60, (i) => (i >= 30 ? 0.4 : 0.32)),
      'blink',
    );
    expect(d.detected).toBe(false);
  });

  it('does not count a change of one eye alone, or one while the mouth moves', () => {
    const oneEye = clip(60, () => 0.32);
    oneEye.series[30] = { ...oneEye.series[30]!, eyeLeft: 0.4 };
    expect(detectAction(oneEye, 'blink').detected).toBe(false);
    const talking = clip(60, (i) => (i === 30 ? 0.4 : 0.32));
    talking.series[31] = { ...talking.series[31]!, mar: 0.4 };
    expect(detectAction(talking, 'blink').detected).toBe(false);
  });

  it('needs a larger change in a noisier clip', () => {
    // The same 25% jump, in a clip whose eyes flicker by about 10% from frame to frame.
    const noisy = clip(60, (i) => (i === 30 ? 0.4 : 0.32 * (1 + 0.1 * (i % 2))));
    expect(detectAction(noisy, 'blink').detected).toBe(false);
  });
});
