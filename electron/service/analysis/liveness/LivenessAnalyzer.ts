import sharp from 'sharp';
import type { FaceEngine } from '../face/FaceEngine';
import { LIVENESS_ACTIONS } from '../../../../shared/schemas/liveness';
import type { DecodedClip } from './extractFrames';


export { LIVENESS_ACTIONS };
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

export interface FrameMeasure {
  /** Index of the frame in the decoded clip. */
  index: number;
  /**
   * Eye contrast per eye (image-left eye = the subject's right, points 36-41; image-right = 42-47):
   * the patch's mean brightness minus that of its darkest 15%, over the mean. The iris and lash
   * line change it when the lid closes; the landmarks alone barely move in a blink (face-api's
   * 68-point model keeps an open-eye shape), so the eyes are read from their pixels.
   */
  eyeLeft: number;
  eyeRight: number;
  /** Inner-lip opening over inner mouth width (mouth aspect ratio). */
  mar: number;
  /** Mouth-corner distance over the distance between the eye centres: grows with a smile. */
  smileWidth: number;
  /** face-api's 'happy' expression probability. */
  happy: number;
  /**
   * Horizontal nose-tip offset from the eyes' midpoint, in eye distances: a 2-D cue that also moves
   * with a sideways tilt, kept to tell a steady face from a moving one (blinks). Positive = the nose
   * moved towards the image's right.
   */
  yaw: number;
  /**
   * Head yaw in degrees from the face mesh (faceMeshYaw.ts), what turns are judged on; null when the
   * mesh found no face. Positive = the subject turned to their own left (for an unmirrored camera
   * the nose moves to the image's right).
   */
  headYaw: number | null;
  /** Vertical nose-tip distance below the eyes' midpoint, in eye distances: changes as the head nods. */
  pitch: number;
}

export interface LivenessMeasures {
  frames: number;
  framesWithFace: number;
  /** Frames per second of the frames in the clip's time (extractFrames' rate; durations in the evidence use it). */
  fps: number;
  /** One entry per frame in which a face was found, in frame order. */
  series: FrameMeasure[];
}

export interface ActionResult {
  action: LivenessAction;
  detected: boolean;
  /** 0..1: 0.5 at the threshold, towards 1 the clearer the action, towards 0 the further from it. */
  confidence: number;
  evidence: string;
}

type P = { x: number; y: number };
const dist = (a: P, b: P) => Math.hypot(a.x - b.x, a.y - b.y);
const mid = (a: P, b: P) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/** A grayscale frame, row-major. */
interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Share of the eye patch's pixels that make its dark part (iris, pupil, lash line). */
const EYE_DARK_SHARE = 0.15;

/**
 * Contrast of the patch around one eye's six landmarks: 1.2 eye-widths wide, 0.7 high, centred on
 * the eye. 0 when the patch falls outside the frame.
 */
function eyeContrast(gray: Gray, pts: P[], from: number): number {
  const p = pts.slice(from, from + 6);
  const xs = p.map((q) => q.x);
  const w = Math.max(...xs) - Math.min(...xs);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = p.reduce((a, q) => a + q.y, 0) / p.length;
  const x0 = Math.max(0, Math.round(cx - 0.6 * w)), x1 = Math.min(gray.width - 1, Math.round(cx + 0.6 * w));
  const y0 = Math.max(0, Math.round(cy - 0.35 * w)), y1 = Math.min(gray.height - 1, Math.round(cy + 0.35 * w));
  const v: number[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) v.push(gray.data[y * gray.width + x]!);
  if (v.length === 0) return 0;
  v.sort((a, b) => a - b);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const k = Math.max(1, Math.floor(v.length * EYE_DARK_SHARE));
  const dark = v.slice(0, k).reduce((a, b) => a + b, 0) / k;
  return (mean - dark) / Math.max(1, mean);
}

/** The measures of one face from its 68 landmarks (iBUG order) and the grayscale frame they were found in. */
export function measureLandmarks(pts: P[], gray: Gray, happy: number, index: number): Omit<FrameMeasure, 'headYaw'> {
  const leftEye = mid(pts[36]!, pts[39]!);
  const rightEye = mid(pts[42]!, pts[45]!);
  const eyes = mid(leftEye, rightEye);
  const eyeDist = Math.max(1e-6, dist(leftEye, rightEye));
  const nose = pts[30]!;
  return {
    index,
    eyeLeft: eyeContrast(gray, pts, 36),
    eyeRight: eyeContrast(gray, pts, 42),
    mar: dist(pts[62]!, pts[66]!) / Math.max(1e-6, dist(pts[60]!, pts[64]!)),
    smileWidth: dist(pts[48]!, pts[54]!) / eyeDist,
    happy,
    yaw: (nose.x - eyes.x) / eyeDist,
    pitch: (nose.y - eyes.y) / eyeDist,
  };
}

/**
 * After this many frames in a row where neither detector found a face, SSD is not tried again
 * until the tiny detector finds one: SSD rescues turned heads, but on a clip with no face at all
 * it would cost ten times the tiny detector on every frame.
 */
const SSD_MISSES_BEFORE_PAUSE = 3;

/**
 * 68 landmarks and the expression per frame (the fast detector first, SSD when it finds nothing,
 * e.g. a turned head), turned into the time series the actions are judged on. Frames without a face
 * are counted (frames - framesWithFace) and left out of the series.
 */
export async function analyzeFrames(engine: FaceEngine, { frames, fps }: DecodedClip): Promise<LivenessMeasures> {
  const series: FrameMeasure[] = [];
  let ssdMisses = 0;
  for (const [index, frame] of frames.entries()) {
    const detector = ssdMisses >= SSD_MISSES_BEFORE_PAUSE ? 'tiny' : 'auto';
    const { faces } = await engine.detectFaces(frame, { expressions: true, headYaw: true, descriptors: false, detector, minScore: 0.4, padRetry: false });
    const f = faces[0];
    if (!f || f.landmarks.length < 68) {
      if (detector === 'auto') ssdMisses++;
      continue;
    }
    // Found (by either detector): a later loss is worth SSD's look again.
    ssdMisses = 0;
    const { data, info } = await sharp(frame).greyscale().raw().toBuffer({ resolveWithObject: true });
    series.push({ ...measureLandmarks(f.landmarks, { data, width: info.width, height: info.height }, f.happy ?? 0, index), headYaw: f.headYaw ?? null });
  }
  return { frames: frames.length, framesWithFace: series.length, fps, series };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor((s.length - 1) * p)))] ?? 0;
}

const median = (xs: number[]) => percentile(xs, 0.5);
const round2 = (x: number) => Math.round(x * 100) / 100;

/*
 * Thresholds, each relative to the clip's own baseline so faces, cameras and distances compare.
 * Set by hand on the shared liveness fixtures when they held 5 clips (20 eval decisions, 18
 * correct; test/analysis/liveness.test.ts measures the current set); no calibration script is in
 * the repo. Few clips, so they will move on new data.
 */
/**
 * Blink: both eyes' contrast leaves its level for at most a fifth of a second and comes back. The
 * jump (over the level before and after, less any difference between the two) must be at least
 * BLINK_SPIKE times the clip's median frame-to-frame change: each camera, light and face sets its
 * own noise, and a smile or turn changes the eyes for longer than a blink does. Set by hand on
 * the 7 shared clips (2026-12-05) between the largest value of a clip without a blink (3.9) and
 * the smallest of a blink found (5.3): a thin margin on few clips.
 */
export const BLINK_SPIKE = 4.6;
/** Frames this far (in seconds) on either side of a blink frame make its before and after. */
const BLINK_NEAR_SECONDS = 0.13;
const BLINK_FAR_SECONDS = 0.27;
/** A jump while the mouth or head moves is an expression or pose change, not a blink. */
const BLINK_STEADY = 0.12;
/** Smile: 'happy' above 0.7 for at least 0.4 s with the mouth ≥ 10% wider than at rest. */
const SMILE_HAPPY = 0.7;
const SMILE_MIN_SECONDS = 0.4;
export const SMILE_WIDEN = 1.1;
/**
 * The mouth's resting width is this percentile of the clip's widths. Low, because in a three-second
 * challenge clip the smile can fill all but the reaction time: at the 20th percentile (before) a
 * customer who smiled within half a second had their smile taken for the resting mouth.
 */
const SMILE_REST_PERCENTILE = 0.05;
/**
 * Turn: the head's yaw (face mesh) at least 10 degrees off the clip's median, held for 0.35 s. Set by
 * hand on the 7 shared clips (2026-12-06): the labelled turns reach 18-19 degrees and hold 10 for 5-6
 * frames at 15 fps; a talking head that tilts reached 14 degrees for 2 frames; clips without a turn
 * stay within 7. Few clips, so it will move on new data.
 */
export const TURN_DEGREES = 10;
/** The resting pose a turn is measured from is the clip's median yaw, kept within this of facing the camera. */
const TURN_REST_DEGREES = TURN_DEGREES / 2;
const TURN_MIN_SECONDS = 0.35;
/** Nod: the nose's height below the eyes spans at least 0.2 eye-distances (5th to 95th percentile). */
export const NOD_PITCH = 0.2;
/** Open mouth: inner-lip opening at least 0.45 of the mouth width, held for 0.2 s. */
export const MOUTH_OPEN = 0.45;
const MOUTH_MIN_SECONDS = 0.2;

/** Fewer frames with a face (or, for turns, with a readable pose) than this and no action is judged. */
const MIN_FRAMES = 3;

/** Frames a deliberate action needs, at the clip's frame rate. */
const framesFor = (seconds: number, fps: number) => Math.max(2, Math.round(seconds * fps));

/**
 * The longest stretch of frames (by frame index span) in which every detected frame satisfies
 * `ok`; frames with no face inside the stretch do not break it (a turned head is often lost).
 */
function longestRun<T extends FrameMeasure>(s: T[], ok: (m: T) => boolean): { span: number; from: number; to: number; peak: T | null } {
  let best = { span: 0, from: -1, to: -1, peak: null as T | null };
  let start: T | null = null;
  let members: T[] = [];
  for (const m of s) {
    if (ok(m)) {
      start ??= m;
      members.push(m);
      const span = m.index - start.index + 1;
      if (span > best.span) best = { span, from: start.index, to: m.index, peak: members[members.length - 1]! };
    } else {
      start = null;
      members = [];
    }
  }
  return best;
}

/**
 * The clip's clearest blink-like moment: for each steady frame, both eyes' contrast against the
 * level before and after it (BLINK_NEAR to BLINK_FAR seconds away), in the same direction, less
 * the difference between before and after (a blink returns; a change of expression stays).
 * Null when no frame has enough steady neighbours.
 */
function blinkSpike(s: FrameMeasure[], fps: number): { ratio: number; jump: number; at: number } | null {
  const near = Math.max(1, Math.round(BLINK_NEAR_SECONDS * fps));
  const far = Math.max(near + 1, Math.round(BLINK_FAR_SECONDS * fps));
  const byIndex = new Map(s.map((m) => [m.index, m]));
  const changes: number[] = [];
  for (const m of s) {
    const prev = byIndex.get(m.index - 1);
    if (prev) changes.push((Math.abs(m.eyeLeft - prev.eyeLeft) / Math.max(1e-6, m.eyeLeft) + Math.abs(m.eyeRight - prev.eyeRight) / Math.max(1e-6, m.eyeRight)) / 2);
  }
  const noise = median(changes);
  if (!(noise > 0)) return null;
  let best: { jump: number; at: number } | null = null;
  for (const m of s) {
    const around = (d: number) => byIndex.get(m.index + d);
    const moving = Array.from({ length: 2 * near }, (_, k) => (k < near ? k - near : k - near + 1)).some((d) => {
      const o = around(d);
      return !!o && (Math.abs(o.mar - m.mar) > BLINK_STEADY || Math.abs(o.smileWidth - m.smileWidth) > BLINK_STEADY || Math.abs(o.yaw - m.yaw) > BLINK_STEADY);
    });
    if (moving) continue;
    const side = (sign: number) => Array.from({ length: far - near + 1 }, (_, k) => around(sign * (near + k))).filter((o): o is FrameMeasure => !!o);
    const before = side(-1), after = side(1);
    if (before.length < 2 || after.length < 2) continue;
    const eye = (pick: (o: FrameMeasure) => number) => {
      const a = median(before.map(pick)), b = median(after.map(pick));
      const level = (a + b) / 2;
      if (level <= 0) return { dev: 0, jump: -1 };
      const dev = (pick(m) - level) / level;
      return { dev, jump: Math.abs(dev) - Math.abs(a - b) / level };
    };
    const l = eye((o) => o.eyeLeft), r = eye((o) => o.eyeRight);
    if (l.dev * r.dev <= 0) continue;
    const jump = Math.min(l.jump, r.jump);
    if (!best || jump > best.jump) best = { jump, at: m.index };
  }
  return best ? { ratio: best.jump / noise, jump: best.jump, at: best.at } : null;
}

const confidenceOf = (margin: number) => round2(Math.min(1, Math.max(0, 0.5 + margin)));

/** Whether the action happens in the clip, with a confidence and the measurement behind it. */
export function detectAction(m: LivenessMeasures, action: LivenessAction): ActionResult {
  const s = m.series;
  const fps = m.fps;
  if (s.length === 0) return { action, detected: false, confidence: 0, evidence: `no face in the clip: a face was found in 0 of ${m.frames} frames` };
  if (s.length < MIN_FRAMES) return { action, detected: false, confidence: 0, evidence: `a face was found in only ${s.length} of ${m.frames} frames` };
  const result = (detected: boolean, margin: number, evidence: string): ActionResult => ({ action, detected, confidence: confidenceOf(margin), evidence });
  switch (action) {
    case 'blink': {
      const b = blinkSpike(s, fps);
      if (!b) return result(false, -0.5, 'too few steady frames to judge the eyes');
      return result(
        b.ratio >= BLINK_SPIKE,
        (b.ratio / BLINK_SPIKE - 1) / 2,
        `both eyes changed ${Math.round(b.jump * 100)}% and came back at ${(b.at / fps).toFixed(1)} s: ${b.ratio.toFixed(1)} times the clip's frame-to-frame noise; a blink needs ${BLINK_SPIKE}`,
      );
    }
    case 'smile': {
      const rest = percentile(
        s.map((x) => x.smileWidth),
        SMILE_REST_PERCENTILE,
      );
      const run = longestRun(s, (x) => x.happy >= SMILE_HAPPY && x.smileWidth >= rest * SMILE_WIDEN);
      const need = framesFor(SMILE_MIN_SECONDS, fps);
      const widen = Math.max(...s.filter((x) => x.happy >= SMILE_HAPPY).map((x) => x.smileWidth), rest) / rest;
      const happy = Math.max(...s.map((x) => x.happy));
      return result(
        run.span >= need,
        run.span >= need ? 0.2 + (run.span - need) / (4 * need) : run.span / need - 1,
        run.span > 0
          ? `smiling (happy ≥ ${SMILE_HAPPY}, mouth ≥ ×${SMILE_WIDEN} its resting width) for ${(run.span / fps).toFixed(1)} s from ${(run.from / fps).toFixed(1)} s; mouth widened up to ×${widen.toFixed(2)}`
          : `no smile: happy expression at most ${happy.toFixed(2)}, mouth widened up to ×${widen.toFixed(2)} while happy`,
      );
    }
    case 'turn_left':
    case 'turn_right': {
      // Baseline: the clip's median head yaw (a camera a little to one side shifts it), but never
      // more than TURN_REST_DEGREES from facing the camera: in a challenge clip the asked-for turn
      // can fill most of the clip, and its median would then be the turn itself, read back as a
      // turn the other way. Positive yaw is a turn to the subject's own left (faceMeshYaw.ts).
      // The head must also be seen to move that far within the clip: with the limited baseline, a
      // head held still at an angle (a photo of a turned head, a camera well to one side) would
      // otherwise read as turned throughout. Frames whose pose the mesh could not read are left out
      // and do not break a held turn.
      const posed = s.filter((x): x is FrameMeasure & { headYaw: number } => x.headYaw !== null);
      if (posed.length < MIN_FRAMES) return result(false, -0.5, `the head's pose could be read in only ${posed.length} of ${m.frames} frames`);
      const base = Math.min(TURN_REST_DEGREES, Math.max(-TURN_REST_DEGREES, median(posed.map((x) => x.headYaw))));
      const sign = action === 'turn_left' ? 1 : -1;
      const off = (x: FrameMeasure & { headYaw: number }) => sign * (x.headYaw - base);
      const run = longestRun(posed, (x) => off(x) >= TURN_DEGREES);
      const need = framesFor(TURN_MIN_SECONDS, fps);
      const peak = Math.max(...posed.map(off));
      const moved = peak - Math.min(...posed.map(off));
      const side = action === 'turn_left' ? "the subject's left" : "the subject's right";
      const turned = run.span >= need && moved >= TURN_DEGREES;
      return result(
        turned,
        turned ? 0.2 + (peak - TURN_DEGREES) / (4 * TURN_DEGREES) : Math.min(peak / TURN_DEGREES - 1, run.span / need - 1, moved / TURN_DEGREES - 1) / 2,
        `head turned towards ${side} by up to ${peak.toFixed(1)}° (held ≥ ${TURN_DEGREES}° for ${(run.span / fps).toFixed(2)} s; ${(need / fps).toFixed(2)} s needed), moving ${moved.toFixed(1)}° within the clip (${TURN_DEGREES}° needed)`,
      );
    }
    case 'nod': {
      const p = s.map((x) => x.pitch);
      const range = percentile(p, 0.95) - percentile(p, 0.05);
      return result(range >= NOD_PITCH, (range - NOD_PITCH) * 3, `head pitch varied by ${range.toFixed(2)} eye-widths (a nod needs ${NOD_PITCH})`);
    }
    case 'open_mouth': {
      const run = longestRun(s, (x) => x.mar >= MOUTH_OPEN);
      const need = framesFor(MOUTH_MIN_SECONDS, fps);
      const peak = Math.max(...s.map((x) => x.mar));
      return result(
        run.span >= need,
        run.span >= need ? 0.2 + (peak - MOUTH_OPEN) : (peak - MOUTH_OPEN) * 2,
        `mouth opened to ${peak.toFixed(2)} of its width (≥ ${MOUTH_OPEN} for ${(run.span / fps).toFixed(1)} s)`,
      );
    }
  }
}
