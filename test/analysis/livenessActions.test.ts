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
    expect(detectAction(left, 'turn_left').evidence).toMatch(/towards the subject's left by up to 1[45]\.\d° \(held ≥ 10° for 0\.53 s; 0\.33 s needed\), moving 1[56]\.\d° within the clip/);
    expect(detectAction(left, 'turn_right').detected).toBe(false);
    const right = clip(60, turn(-(TURN_DEGREES + 5), 8));
    expect(detectAction(right, 'turn_right').detected).toBe(true);
    expect(detectAction(right, 'turn_left').detected).toBe(false);
  });

  it('reads a turn that fills most of a challenge clip in its own direction (3 s: facing 0.5 s, then turned)', () => {
    const left = clip(45, (i) => (i < 8 ? 0 : 20));
    expect(detectAction(left, 'turn_left').detected).toBe(true);
    expect(detectAction(left, 'turn_right').detected).toBe(false);
    const right = clip(45, (i) => (i < 8 ? 0 : -20));
    expect(detectAction(right, 'turn_right').detected).toBe(true);
    expect(detectAction(right, 'turn_left').detected).toBe(false);
  });

  it('measures from the clip\'s own resting pose when the camera sits a little to one side', () => {
    // Facing the screen reads 4 degrees here: a 12-degree turn to the right ends at -8, a turn measured from 4.
    const d = detectAction(clip(60, (i) => 4 + (i >= 20 && i < 30 ? 12 : 0)), 'turn_left');
    expect(d.detected).toBe(true);
    expect(detectAction(clip(60, (i) => 4 + (i >= 20 && i < 30 ? -12 : 0)), 'turn_right').detected).toBe(true);
  });

  it('does not read a head held still at an angle as a turn (a photo of a turned head, a camera far to one side)', () => {
    for (const deg of [20, -20, 35]) {
      const still = clip(45, (i) => deg + 0.5 * Math.sin(i * 1.7));
      for (const a of ['turn_left', 'turn_right'] as const) expect(detectAction(still, a).detected, `${deg}° ${a}`).toBe(false);
    }
    expect(detectAction(clip(45, () => 20), 'turn_left').evidence).toMatch(/moving 0\.0° within the clip/);
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

describe('smile in a challenge clip', () => {
  it('finds a smile that fills most of a three-second clip (neutral for half a second, then smiling)', () => {
    const series: FrameMeasure[] = Array.from({ length: 45 }, (_, i) => {
      const smiling = i >= 8;
      const jitter = 0.005 * Math.sin(i * 1.3);
      return { index: i, eyeLeft: 0.32, eyeRight: 0.32, mar: 0.1, smileWidth: (smiling ? 0.9 : 0.75) + jitter, happy: smiling ? 0.95 : 0.05, yaw: 0, headYaw: 0, pitch: 0.6 };
    });
    const d = detectAction({ frames: 45, framesWithFace: 45, fps: FPS, series }, 'smile');
    expect(d.detected).toBe(true);
    expect(d.evidence).toMatch(/mouth widened up to ×1\.2/);
  });
});
