import { parentPort, workerData } from 'node:worker_threads';
import type { FaceMatchResult, FaceScoreComponents, PresentationAttackResult, QualityResult } from '../../../../shared/schemas/analysis';
import { measureQuality } from '../quality/qualityFeatures';
import { assessQuality } from '../quality/assessQuality';
import { AnalysisInputError, checkImage } from '../imageGuard';
import { MrzReader } from '../mrz/MrzReader';
import { FaceEngine, compareFaces } from '../face/FaceEngine';
import { faceScore, type FaceDescription } from '../face/fuseFaceScores';
import { spreadIndexes } from '../../liveness/extractKeyFrames';
import type { LivenessFaceMatch } from '../../../../shared/schemas/liveness';
import { presentationAttackScore } from '../pad/presentationAttack';
import { analyzeFrames, detectAction, extractFrames, LIVENESS_ACTIONS } from '../liveness/LivenessAnalyzer';
import type {
  DescribeTask,
  DescribeTaskResult,
  DocumentTask,
  DocumentTaskResult,
  Lane,
  LivenessTask,
  LivenessTaskResult,
  SelfieTask,
  SelfieTaskResult,
  WorkerMessage,
  WorkerRequest,
} from './protocol';

/**
 * One analysis worker thread. It loads its lane's models once (tesseract for 'ocr', face-api
 * for 'face') and runs one task at a time. Bad input is answered with a coded error; nothing
 * here may take the worker down except a real crash, which the pool turns into a retry.
 */
const port = parentPort;
if (!port) throw new Error('analysisWorker must run as a worker thread');
const lane = (workerData as { lane: Lane }).lane;

let mrzReader: Promise<MrzReader> | null = null;
let faceEngine: Promise<FaceEngine> | null = null;
const mrz = () => (mrzReader ??= MrzReader.create());
const faces = () => (faceEngine ??= FaceEngine.create());

type Progress = (step: string, fraction: number) => void;

async function timed<T>(timings: Record<string, number>, step: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timings[step] = Math.round((timings[step] ?? 0) + performance.now() - t);
  }
}

/** The image, or the reason it cannot be analysed (recorded as "not run", never a crash). */
async function usable(bytes: Uint8Array | null, label: string, notRun: Record<string, string>, step: string): Promise<Buffer | null> {
  if (!bytes) return null;
  try {
    await checkImage(bytes);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (e) {
    if (e instanceof AnalysisInputError) {
      notRun[step] = `${label}: ${e.message} (${e.code})`;
      return null;
    }
    throw e;
  }
}

async function runDescribe(t: DescribeTask): Promise<DescribeTaskResult> {
  await checkImage(t.image);
  const engine = await faces();
  // The largest face, as compareFaces takes the selfie's.
  const face = (await engine.detectFaces(Buffer.from(t.image.buffer, t.image.byteOffset, t.image.byteLength), { version1Descriptor: t.version1Descriptor })).faces[0];
  if (!face) return { face: null };
  const v1 = face.version1Descriptor;
  return { face: { descriptor: Array.from(face.descriptor), mobileFace: Array.from(face.mobileFace), ...(v1 ? { version1Descriptor: Array.from(v1) } : {}) } };
}

async function runDocument(t: DocumentTask, progress: Progress): Promise<DocumentTaskResult> {
  const timings: Record<string, number> = {};
  const notRun: Record<string, string> = {};
  const quality: Record<string, QualityResult> = {};
  const front = await usable(t.front, 'document front', notRun, 'quality');
  const back = await usable(t.back, 'document back', notRun, 'quality');
  if (!t.front) notRun.mrz = 'no document front on file';
  else if (!front) notRun.mrz = notRun.quality ?? 'document front unreadable';
  if (t.quality) {
    progress('quality', 0.1);
    await timed(timings, 'quality', async () => {
      if (front) quality.front = assessQuality(await measureQuality(front, 'document'), t.quality!, 'document');
      if (back) quality.back = assessQuality(await measureQuality(back, 'document'), t.quality!, 'document');
    });
  }
  let result = null;
  let mrzRan = false;
  if (t.runMrz && (front || back)) {
    progress('mrz', 0.3);
    const reader = await mrz();
    mrzRan = true;
    // The MRZ is usually on the back of ID cards and on the front of passports.
    result = await timed(timings, 'mrz', async () => (front ? await reader.read(front) : null) ?? (back ? await reader.read(back) : null));
  }
  progress('document', 1);
  return { quality, mrz: result, mrzRan, notRun, timings };
}

async function runSelfie(t: SelfieTask, progress: Progress): Promise<SelfieTaskResult> {
  const timings: Record<string, number> = {};
  const notRun: Record<string, string> = {};
  const quality: Record<string, QualityResult> = {};
  const selfie = await usable(t.selfie, 'selfie', notRun, 'faceMatch');
  const document = await usable(t.document, 'document front', notRun, 'faceMatch');
  if (!t.selfie) notRun.faceMatch = notRun.presentationAttack = 'no selfie on file';
  if (t.quality && selfie) {
    progress('quality', 0.1);
    await timed(timings, 'quality', async () => {
      quality.selfie = assessQuality(await measureQuality(selfie, 'selfie'), t.quality!, 'selfie');
    });
  }
  let faceMatch: FaceMatchResult | null = null;
  let selfieFace: SelfieTaskResult['selfieFace'] = null;
  let faceRegion: { left: number; top: number; width: number; height: number } | null | undefined;
  const faceThreshold = t.faceThreshold;
  if (faceThreshold !== null && selfie && document) {
    progress('faceMatch', 0.3);
    const engine = await faces();
    const r = await timed(timings, 'faceMatch', () => compareFaces(engine, document, selfie, faceThreshold, { selfieVersion1: t.selfieVersion1 }));
    faceMatch = { outcome: r.outcome, similarity: r.similarity, threshold: r.threshold, components: r.components, descriptionVersion: r.descriptionVersion };
    const f = r.selfieFace;
    selfieFace = f ? { descriptor: Array.from(f.descriptor), mobileFace: Array.from(f.mobileFace), ...(f.version1Descriptor ? { version1Descriptor: Array.from(f.version1Descriptor) } : {}) } : null;
    faceRegion = r.selfieFaceRegion;
  } else if (faceThreshold !== null && !notRun.faceMatch) {
    notRun.faceMatch = !document ? 'no document front to take the portrait from' : 'no selfie';
  }
  let presentationAttack: PresentationAttackResult | null = null;
  const padThreshold = t.padThreshold;
  if (padThreshold !== null && selfie) {
    progress('presentationAttack', 0.8);
    const engine = await faces();
    const r = await timed(timings, 'presentationAttack', () => presentationAttackScore(engine, selfie, padThreshold, faceRegion));
    presentationAttack = { score: r.score, threshold: r.threshold, attack: r.attack, signals: r.signals };
  }
  progress('selfie', 1);
  return { quality, faceMatch, selfieFace, presentationAttack, notRun, timings };
}

async function runLiveness(t: LivenessTask, progress: Progress): Promise<LivenessTaskResult> {
  const timings: Record<string, number> = {};
  const engine = await faces();
  const actions: LivenessTaskResult['actions'] = [];
  const clipScores: (ClipScore | null)[] = [];
  // The reference photo's face, read once for all the clips of this task.
  const ref = t.reference ? await timed(timings, 'faceMatch', () => referenceFace(engine, t.reference!)) : null;
  for (const [i, clip] of t.clips.entries()) {
    progress('liveness', i / t.clips.length);
    const frames = await timed(timings, 'decode', () => extractFrames(Buffer.from(clip.data.buffer, clip.data.byteOffset, clip.data.byteLength)));
    const measures = await timed(timings, 'landmarks', () => analyzeFrames(engine, frames));
    if (t.reference) clipScores.push(await timed(timings, 'faceMatch', () => clipFaceScore(engine, frames, ref)));
    for (const name of clip.actions) {
      if (!(LIVENESS_ACTIONS as readonly string[]).includes(name)) throw new AnalysisInputError('ANALYSIS.0001', `unknown liveness action ${name}`);
      const d = detectAction(measures, name as (typeof LIVENESS_ACTIONS)[number]);
      actions.push({ clip: i, action: name, detected: d.detected, confidence: d.confidence, evidence: d.evidence, frames: frames.length, facesFound: countFaces(measures) });
    }
  }
  progress('liveness', 1);
  if (!t.reference) return { actions, timings };
  return { actions, faceMatch: clipsAgainstReference(t.reference, ref, clipScores), timings };
}

/** Frames of each clip whose face is compared with the reference: spread over the clip. */
const FACE_FRAMES_PER_CLIP = 3;

/** A clip's face score against the reference, with what it was fused from. */
interface ClipScore {
  score: number;
  components: FaceScoreComponents;
}

/**
 * The best fused face score (the one compareFaces uses), over a few frames spread through the
 * clip, of the clip's largest face with the reference's; null when no sampled frame shows a face.
 * The best frame, not the mean, because the action itself (a turned head, a smile) lowers the
 * score of the frames that show it.
 */
async function clipFaceScore(engine: FaceEngine, frames: Buffer[], ref: FaceDescription | null): Promise<ClipScore | null> {
  if (!ref) return null;
  let best: ClipScore | null = null;
  for (const i of spreadIndexes(frames.length, FACE_FRAMES_PER_CLIP)) {
    const face = (await engine.detectFaces(frames[i]!)).faces[0];
    if (!face) continue;
    const s = faceScore(ref, face);
    if (!best || s.score > best.score) best = s;
  }
  return best;
}

/**
 * The reference photo's face (descriptor and embedding); null when the photo shows no face or
 * cannot be read (an unusable photo leaves the comparison undone, never the liveness).
 */
function referenceFace(engine: FaceEngine, reference: NonNullable<LivenessTask['reference']>): Promise<FaceDescription | null> {
  return checkImage(reference.image)
    .then(() => engine.detectFaces(reference.image))
    .then(
      (r) => r.faces[0] ?? null,
      () => null,
    );
}

/** The session's comparison: the lowest clip score, so every clip must show the reference's person. */
function clipsAgainstReference(reference: NonNullable<LivenessTask['reference']>, ref: FaceDescription | null, perClip: (ClipScore | null)[]): LivenessFaceMatch {
  const base = { reference: reference.kind, threshold: reference.threshold };
  const photo = reference.kind === 'selfie' ? 'the selfie' : 'the document portrait';
  if (!ref) return { ...base, similarity: null, components: null, detail: `no usable face in ${photo} to compare the liveness clips with` };
  const found = perClip.filter((x): x is ClipScore => x !== null);
  if (found.length === 0 || found.length < perClip.length) return { ...base, similarity: null, components: null, detail: `no face found in a liveness clip to compare with ${photo}` };
  const worst = found.reduce((w, c) => (c.score < w.score ? c : w));
  return { ...base, similarity: worst.score, components: worst.components, detail: null };
}

function countFaces(measures: { framesWithFace: number }): number {
  return measures.framesWithFace;
}

port.on('message', (req: WorkerRequest) => {
  const post = (m: WorkerMessage) => port.postMessage(m);
  const progress: Progress = (step, fraction) => post({ id: req.id, type: 'progress', step, fraction });
  const task = req.task;
  const work =
    task.kind === 'init'
      ? (lane === 'ocr' ? mrz() : faces()).then(() => ({ ready: lane }))
      : task.kind === 'document'
        ? runDocument(task, progress)
        : task.kind === 'selfie'
          ? runSelfie(task, progress)
          : task.kind === 'describe'
            ? runDescribe(task)
            : runLiveness(task, progress);
  work.then(
    (value) => post({ id: req.id, type: 'result', value }),
    (e: unknown) =>
      post({
        id: req.id,
        type: 'error',
        code: e instanceof AnalysisInputError ? e.code : 'ANALYSIS.0099',
        message: e instanceof Error ? e.message : String(e),
      }),
  );
});
