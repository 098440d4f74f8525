import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { makeTempWorkDir } from '../../core/tempWork';
import { join } from 'node:path';
import type { FaceEngine } from '../face/FaceEngine';
import { LIVENESS_ACTIONS } from '../../../../shared/schemas/liveness';
import { ffmpegPath } from '../../runtime/resourcePaths';


export { LIVENESS_ACTIONS };
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

/** Frames per second decoded from a clip, unless the caller asks otherwise. */
export const DEFAULT_FPS = 15;
const DEFAULT_WIDTH = 320;
/** Longer clips are sampled evenly down to this many frames (20 s at 15 fps). */
const DEFAULT_MAX_FRAMES = 300;

export interface FrameMeasure {
  /** Index of the frame in the decoded clip. */
  index: number;
  /** Eye aspect ratio (Soukupová & Čech 2016), both eyes averaged: drops when the eyes close. */
  ear: number;
  /** Per-eye EAR: image-left eye (the subject's right, points 36-41) and image-right eye (42-47). */
  earLeft: number;
  earRight: number;
  /** Inner-lip opening over inner mouth width (mouth aspect ratio). */
  mar: number;
  /** Mouth-corner distance over the distance between the eye centres: grows with a smile. */
  smileWidth: number;
  /** face-api's 'happy' expression probability. */
  happy: number;
  /**
   * Horizontal nose-tip offset from the eyes' midpoint, in eye distances. Positive = the nose moved
   * towards the image's right, which for an unmirrored camera is the subject turning to their own left.
   */
  yaw: number;
  /** Vertical nose-tip distance below the eyes' midpoint, in eye distances: changes as the head nods. */
  pitch: number;
}

export interface LivenessMeasures {
  frames: number;
  framesWithFace: number;
  /** Frames per second the frames were decoded at (durations in the evidence use it). */
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

type P = { x: number; y: number };
const dist = (a: P, b: P) => Math.hypot(a.x - b.x, a.y - b.y);
const mid = (a: P, b: P) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

function eyeAspect(pts: P[], from: number): number {
  const p = pts.slice(from, from + 6);
  return (dist(p[1]!, p[5]!) + dist(p[2]!, p[4]!)) / (2 * Math.max(1e-6, dist(p[0]!, p[3]!)));
}

/** The measures of one face from its 68 landmarks (iBUG order). */
export function measureLandmarks(pts: P[], happy: number, index: number): FrameMeasure {
  const leftEye = mid(pts[36]!, pts[39]!);
  const rightEye = mid(pts[42]!, pts[45]!);
  const eyes = mid(leftEye, rightEye);
  const eyeDist = Math.max(1e-6, dist(leftEye, rightEye));
  const nose = pts[30]!;
  const earLeft = eyeAspect(pts, 36);
  const earRight = eyeAspect(pts, 42);
  return {
    index,
    ear: (earLeft + earRight) / 2,
    earLeft,
    earRight,
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
export async function analyzeFrames(engine: FaceEngine, frames: Buffer[], opts: { fps?: number } = {}): Promise<LivenessMeasures> {
  const series: FrameMeasure[] = [];
  let ssdMisses = 0;
  for (const [index, frame] of frames.entries()) {
    const detector = ssdMisses >= SSD_MISSES_BEFORE_PAUSE ? 'tiny' : 'auto';
    const { faces } = await engine.detectFaces(frame, { expressions: true, descriptors: false, detector, minScore: 0.4, padRetry: false });
    const f = faces[0];
    if (!f || f.landmarks.length < 68) {
      if (detector === 'auto') ssdMisses++;
      continue;
    }
    // Found (by either detector): a later loss is worth SSD's look again.
    ssdMisses = 0;
    series.push(measureLandmarks(f.landmarks, f.happy ?? 0, index));
  }
  return { frames: frames.length, framesWithFace: series.length, fps: opts.fps ?? DEFAULT_FPS, series };
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
/** Blink: both eyes' EAR at least 10% below their median over the surrounding second. */
export const BLINK_DIP = 0.1;
/** A dip while the mouth or head moves is an expression or pose change, not a blink. */
const BLINK_STEADY_MOUTH = 0.08;
const BLINK_STEADY_YAW = 0.08;
/** Smile: 'happy' above 0.7 for at least 0.4 s with the mouth ≥ 10% wider than at rest. */
const SMILE_HAPPY = 0.7;
const SMILE_MIN_SECONDS = 0.4;
export const SMILE_WIDEN = 1.1;
/** Turn: the nose at least 0.15 eye-distances off its resting place, held for 0.35 s. */
export const TURN_YAW = 0.15;
const TURN_MIN_SECONDS = 0.35;
/** Nod: the nose's height below the eyes spans at least 0.2 eye-distances (5th to 95th percentile). */
export const NOD_PITCH = 0.2;
/** Open mouth: inner-lip opening at least 0.45 of the mouth width, held for 0.2 s. */
export const MOUTH_OPEN = 0.45;
const MOUTH_MIN_SECONDS = 0.2;

/** Frames a deliberate action needs, at the clip's frame rate. */
const framesFor = (seconds: number, fps: number) => Math.max(2, Math.round(seconds * fps));

/**
 * The longest stretch of frames (by frame index span) in which every detected frame satisfies
 * `ok`; frames with no face inside the stretch do not break it (a turned head is often lost).
 */
function longestRun(s: FrameMeasure[], ok: (m: FrameMeasure) => boolean): { span: number; from: number; to: number; peak: FrameMeasure | null } {
  let best = { span: 0, from: -1, to: -1, peak: null as FrameMeasure | null };
  let start: FrameMeasure | null = null;
  let members: FrameMeasure[] = [];
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

const confidenceOf = (margin: number) => round2(Math.min(1, Math.max(0, 0.5 + margin)));

/** Whether the action happens in the clip, with a confidence and the measurement behind it. */
export function detectAction(m: LivenessMeasures, action: LivenessAction): ActionResult {
  const s = m.series;
  const fps = m.fps || DEFAULT_FPS;
  if (s.length === 0) return { action, detected: false, confidence: 0, evidence: `no face in the clip: a face was found in 0 of ${m.frames} frames` };
  if (s.length < 3) return { action, detected: false, confidence: 0, evidence: `a face was found in only ${s.length} of ${m.frames} frames` };
  const result = (detected: boolean, margin: number, evidence: string): ActionResult => ({ action, detected, confidence: confidenceOf(margin), evidence });
  switch (action) {
    case 'blink': {
      // Each frame against the EAR of the frames around it (±0.5 s, its own neighbours left out),
      // both eyes at once; frames where the mouth or head move are not counted.
      const half = Math.max(3, Math.round(fps / 2));
      let best: { dip: number; m: FrameMeasure; base: number } | null = null;
      for (let i = 0; i < s.length; i++) {
        const cur = s[i]!;
        const ctx = s.filter((o) => Math.abs(o.index - cur.index) <= half && Math.abs(o.index - cur.index) > 2);
        if (ctx.length < 4) continue;
        const baseL = median(ctx.map((o) => o.earLeft));
        const baseR = median(ctx.map((o) => o.earRight));
        const dip = Math.min(1 - cur.earLeft / baseL, 1 - cur.earRight / baseR);
        const near = [s[i - 1], s[i + 1]].filter((o): o is FrameMeasure => !!o && Math.abs(o.index - cur.index) <= 2);
        const moving = near.some(
          (o) => Math.abs(o.mar - cur.mar) > BLINK_STEADY_MOUTH || Math.abs(o.smileWidth - cur.smileWidth) > BLINK_STEADY_MOUTH || Math.abs(o.yaw - cur.yaw) > BLINK_STEADY_YAW,
        );
        if (moving) continue;
        if (!best || dip > best.dip) best = { dip, m: cur, base: (baseL + baseR) / 2 };
      }
      if (!best) return result(false, -0.5, 'too few steady frames to judge the eyes');
      const { dip, m: f, base } = best;
      return result(
        dip >= BLINK_DIP,
        (dip - BLINK_DIP) * 4,
        `eye aspect ratio dropped from ${base.toFixed(2)} to ${f.ear.toFixed(2)} (${Math.round(dip * 100)}% on both eyes) at ${(f.index / fps).toFixed(1)} s; a blink needs ${Math.round(BLINK_DIP * 100)}%`,
      );
    }
    case 'smile': {
      const rest = percentile(
        s.map((x) => x.smileWidth),
        0.2,
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
      // Baseline: the median yaw of the clip (the subject mostly faces the camera). The camera image
      // is not mirrored: turning to the subject's own left moves the nose to the image's right (+yaw).
      const base = median(s.map((x) => x.yaw));
      const sign = action === 'turn_left' ? 1 : -1;
      const off = (x: FrameMeasure) => sign * (x.yaw - base);
      const run = longestRun(s, (x) => off(x) >= TURN_YAW);
      const need = framesFor(TURN_MIN_SECONDS, fps);
      const peak = Math.max(...s.map(off));
      const side = action === 'turn_left' ? "the subject's left" : "the subject's right";
      return result(
        run.span >= need,
        run.span >= need ? 0.2 + (peak - TURN_YAW) * 2 : Math.min(peak / TURN_YAW - 1, run.span / need - 1) / 2,
        `head turned towards ${side} by up to ${peak.toFixed(2)} eye-widths (held ≥ ${TURN_YAW} for ${(run.span / fps).toFixed(1)} s; ${TURN_MIN_SECONDS} s needed)`,
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
