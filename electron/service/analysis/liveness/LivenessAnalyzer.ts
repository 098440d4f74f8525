import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaceEngine } from '../face/FaceEngine';

const require = createRequire(import.meta.url);

import { LIVENESS_ACTIONS } from '../../../../shared/schemas/liveness';

export { LIVENESS_ACTIONS };
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

export interface FrameMeasure {
  /** Eye aspect ratio, both eyes averaged (Soukupová & Čech 2016): drops when the eyes close. */
  ear: number;
  /** Mouth opening over mouth width. */
  mar: number;
  /** Mouth width over the distance between the eyes: grows with a smile. */
  smileWidth: number;
  /** face-api's 'happy' expression probability. */
  happy: number;
  /** Nose offset from the eyes' midpoint, in eye distances: negative = the subject's left. */
  yaw: number;
  /** Nose height between eyes and mouth, 0..1: changes as the head nods. */
  pitch: number;
}

export interface LivenessMeasures {
  frames: number;
  framesWithFace: number;
  series: FrameMeasure[];
}

function ffmpegPath(): string {
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

/** Decodes a clip to PNG frames with the ffmpeg binary shipped in an npm package. */
export async function extractFrames(video: Buffer | string, opts: { fps?: number; maxWidth?: number; maxFrames?: number } = {}): Promise<Buffer[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-frames-'));
  try {
    const input = typeof video === 'string' ? video : join(dir, 'clip.bin');
    if (typeof video !== 'string') writeFileSync(input, video);
    const fps = opts.fps ?? 15;
    const width = opts.maxWidth ?? 320;
    const max = opts.maxFrames ?? 200;
    await new Promise<void>((resolve, reject) => {
      const p = spawn(ffmpegPath(), ['-v', 'error', '-i', input, '-vf', `fps=${fps},scale=${width}:-2`, '-frames:v', String(max), join(dir, 'f%04d.png')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.on('error', reject);
      p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the clip could not be decoded${err ? `: ${err.split('\n')[0]}` : ''}`))));
    });
    const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    if (files.length === 0) throw new Error('the clip has no frames');
    return files.map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type P = { x: number; y: number };
const dist = (a: P, b: P) => Math.hypot(a.x - b.x, a.y - b.y);
const mid = (a: P, b: P) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

function eyeAspect(pts: P[], from: number): number {
  const p = pts.slice(from, from + 6);
  return (dist(p[1]!, p[5]!) + dist(p[2]!, p[4]!)) / (2 * dist(p[0]!, p[3]!));
}

/** Landmarks per frame (68-point model) turned into the measures the actions are judged on. */
export async function analyzeFrames(engine: FaceEngine, frames: Buffer[]): Promise<LivenessMeasures> {
  const series: FrameMeasure[] = [];
  for (const frame of frames) {
    const { faces } = await engine.detectFaces(frame, { expressions: true, maxSide: 320, descriptors: false, fast: true });
    const f = faces[0];
    if (!f) continue;
    const pts = f.landmarks;
    const leftEye = mid(pts[36]!, pts[39]!);
    const rightEye = mid(pts[42]!, pts[45]!);
    const eyes = mid(leftEye, rightEye);
    const eyeDist = dist(leftEye, rightEye);
    const nose = pts[30]!;
    const mouth = mid(pts[48]!, pts[54]!);
    series.push({
      ear: (eyeAspect(pts, 36) + eyeAspect(pts, 42)) / 2,
      mar: dist(pts[62]!, pts[66]!) / dist(pts[60]!, pts[64]!),
      smileWidth: dist(pts[48]!, pts[54]!) / eyeDist,
      happy: f.happy ?? 0,
      yaw: (nose.x - eyes.x) / eyeDist,
      pitch: (nose.y - eyes.y) / Math.max(1e-6, mouth.y - eyes.y),
    });
  }
  return { frames: frames.length, framesWithFace: series.length, series };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor((s.length - 1) * p)))] ?? 0;
}

/** Thresholds relative to the clip's own baseline, so faces and cameras of every kind compare. */
const BLINK_DROP = 0.8;
const SMILE_WIDEN = 1.25;
const TURN_YAW = 0.29;
const NOD_PITCH = 0.35;
const MOUTH_OPEN = 0.35;

export function detectAction(m: LivenessMeasures, action: LivenessAction): { action: LivenessAction; detected: boolean; confidence: number; evidence: string } {
  const s = m.series;
  if (s.length < 3) return { action, detected: false, confidence: 0, evidence: `a face was found in ${s.length} of ${m.frames} frames` };
  const result = (detected: boolean, margin: number, evidence: string) => ({ action, detected, confidence: Math.round(Math.min(1, Math.max(0, 0.5 + margin)) * 100) / 100, evidence });
  switch (action) {
    case 'blink': {
      const base = percentile(s.map((x) => x.ear), 0.8);
      const low = Math.min(...s.map((x) => x.ear));
      const ratio = low / base;
      return result(ratio < BLINK_DROP, (BLINK_DROP - ratio) * 2, `eye aspect ratio fell from ${base.toFixed(2)} to ${low.toFixed(2)}`);
    }
    case 'smile': {
      // Mouth widening against the clip's own resting width; the expression score is reported
      // but not trusted alone (talking faces score "happy" too).
      const happy = Math.max(...s.map((x) => x.happy));
      const widths = s.map((x) => x.smileWidth);
      const widen = Math.max(...widths) / percentile(widths, 0.2);
      return result(widen >= SMILE_WIDEN, (widen - SMILE_WIDEN) * 3, `mouth widened ×${widen.toFixed(2)}, happy expression up to ${happy.toFixed(2)}`);
    }
    case 'turn_left':
    case 'turn_right': {
      const base = percentile(s.map((x) => x.yaw), 0.5);
      // The image is not mirrored: the subject's left is the viewer's right (larger x).
      const extreme = action === 'turn_left' ? Math.max(...s.map((x) => x.yaw)) - base : base - Math.min(...s.map((x) => x.yaw));
      return result(extreme >= TURN_YAW, (extreme - TURN_YAW) * 3, `head yaw moved ${extreme.toFixed(2)} eye-widths ${action === 'turn_left' ? "to the subject's left" : "to the subject's right"}`);
    }
    case 'nod': {
      const p = s.map((x) => x.pitch);
      const range = percentile(p, 0.95) - percentile(p, 0.05);
      return result(range >= NOD_PITCH, (range - NOD_PITCH) * 3, `head pitch varied by ${range.toFixed(2)}`);
    }
    case 'open_mouth': {
      const peak = Math.max(...s.map((x) => x.mar));
      return result(peak >= MOUTH_OPEN, (peak - MOUTH_OPEN) * 2, `mouth opened to ${peak.toFixed(2)} of its width`);
    }
  }
}
