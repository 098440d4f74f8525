import { describe, expect, it } from 'vitest';
import { detectAction, TURN_DEGREES, type FrameMeasure, type LivenessMeasures } from '../../electron/service/analysis/liveness/LivenessAnalyzer';

const FPS = 15;

/** A face for `n` frames whose head yaw (degrees, + = the subject's own left) follows `yaw(i)`; null = pose not read. */
function clip(n: number, yaw: (i: number) => number | null): LivenessMeasures {
  const series: FrameMeasure[] = Array.from({ length: n }, (_, i) => ({ index: i, eyeLeft: 0.32, eyeRight: 0.32, mar: 0.05, smileWidth: 0.8, happy: 0, yaw: 0, headYaw: yaw(i), pitch: 0.6 }));
  return { frames: n, framesWithFace: n, fps: FPS, series };
}

/** A turn of `deg` degrees held for `frames` frames from frame 20, with a little deterministic jitter. */
const turn = (deg: number, frames: number) => (i: number) => 0.5 * Math.sin(i * 1.7) + (i >= 20 && i < 20 + frames ? deg : 0);

describe('head turns from the face mesh yaw', () => {
  it('reads a turn to the subject\'s left as turn_left, not turn_right, and the reverse', () => {
    const left = clip(60, turn(TURN_DEGREES + 5, 8));
    expect(detectAction(left, 'turn_left')).toMatchObject({ detected: true });
    expect(detectAction(left, 'turn_left').confidence).toBeGreaterThan(0.5);
    expect(detectAction(left, 'turn_left').evidence).toMatch(/towards the subject's left by up to 1[45]\.\d° \(held ≥ 10° for 0\.53 s; 0\.33 s needed\)/);
    expect(detectAction(left, 'turn_right').detected).toBe(false);
    const right = clip(60, turn(-(TURN_DEGREES + 5), 8));
    expect(detectAction(right, 'turn_right').detected).toBe(true);
    expect(detectAction(right, 'turn_left').detected).toBe(false);
  });

  it('needs the turn held: the same angle for two frames is not a turn', () => {
    const d = detectAction(clip(60, turn(TURN_DEGREES + 5, 2)), 'turn_left');
    expect(d.detected).toBe(false);
    expect(d.confidence).toBeLessThan(0.5);
  });

  it('needs the angle: a held movement below the limit is not a turn', () => {
    expect(detectAction(clip(60, turn(TURN_DEGREES - 2, 15)), 'turn_left').detected).toBe(false);
  });

  it('keeps a held turn across frames whose pose could not be read', () => {
    const base = turn(TURN_DEGREES + 5, 8);
    const d = detectAction(clip(60, (i) => (i === 23 || i === 24 ? null : base(i))), 'turn_left');
    expect(d.detected).toBe(true);
  });

  it('judges nothing when the pose was read in too few frames', () => {
    const d = detectAction(clip(60, (i) => (i < 2 ? 20 : null)), 'turn_left');
    expect(d).toMatchObject({ detected: false, confidence: 0 });
    expect(d.evidence).toMatch(/pose could be read in only 2 of 60 frames/);
  });
});
