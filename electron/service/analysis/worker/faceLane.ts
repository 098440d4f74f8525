import type { FaceMatchResult, FaceScoreComponents, PresentationAttackResult, QualityResult } from '../../../../shared/schemas/analysis';
import type { LivenessFaceMatch } from '../../../../shared/schemas/liveness';
import { measureQuality } from '../quality/qualityFeatures';
import { assessQuality } from '../quality/assessQuality';
import { engineWords, type Worded } from '../../../../shared/schemas/engineText';
import { AnalysisInputError, checkImage } from '../imageGuard';
import { FaceEngine, compareFaces } from '../face/FaceEngine';
import { faceScore, type FaceDescription } from '../face/fuseFaceScores';
import { spreadIndexes } from '../../liveness/extractKeyFrames';
import { presentationAttackScore } from '../pad/presentationAttack';
import { analyzeFrames, detectAction, LIVENESS_ACTIONS } from '../liveness/LivenessAnalyzer';
import { extractFrames } from '../liveness/extractFrames';
import type { DescribeTask, DescribeTaskResult, LaneTasks, LivenessTask, LivenessTaskResult, SelfieTask, SelfieTaskResult } from './protocol';
import { timed, usable, type Progress } from './taskSteps';

/**
 * The face lane's tasks: selfie quality, face match and presentation attack, liveness clips, and
 * describing a face for screening. Its worker imports only this module (see ocrLane.ts).
 */
let faceEngine: Promise<FaceEngine> | null = null;
const faces = () => (faceEngine ??= FaceEngine.create());

export async function init(): Promise<void> {
  await faces();
}

export function run(task: LaneTasks['face'], progress: Progress): Promise<SelfieTaskResult | DescribeTaskResult | LivenessTaskResult> {
  switch (task.kind) {
    case 'selfie':
      return runSelfie(task, progress);
    case 'describe':
      return runDescribe(task);
    case 'liveness':
      return runLiveness(task, progress);
    default:
      return task satisfies never;
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

async function runSelfie(t: SelfieTask, progress: Progress): Promise<SelfieTaskResult> {
  const timings: Record<string, number> = {};
  const notRun: Record<string, Worded> = {};
  const quality: Record<string, QualityResult> = {};
  const selfie = await usable(t.selfie, 'selfie', notRun, 'faceMatch');
  const document = await usable(t.document, 'front', notRun, 'faceMatch');
  if (!t.selfie) notRun.faceMatch = notRun.presentationAttack = engineWords('noSelfieOnFile');
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
    notRun.faceMatch = engineWords(!document ? 'noDocumentFrontForPortrait' : 'noSelfie');
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
    const decoded = await timed(timings, 'decode', () => extractFrames(Buffer.from(clip.data.buffer, clip.data.byteOffset, clip.data.byteLength)));
    const { frames } = decoded;
    const measures = await timed(timings, 'landmarks', () => analyzeFrames(engine, decoded));
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
  const photo = { reference: { term: reference.kind === 'selfie' ? 'selfie' : 'portrait' } } as const;
  const none = (w: Worded) => ({ ...base, similarity: null, components: null, detail: w.message, detailText: w.text });
  if (!ref) return none(engineWords('livenessNoReferenceFace', photo));
  const found = perClip.filter((x): x is ClipScore => x !== null);
  if (found.length === 0 || found.length < perClip.length) return none(engineWords('livenessNoClipFace', photo));
  const worst = found.reduce((w, c) => (c.score < w.score ? c : w));
  return { ...base, similarity: worst.score, components: worst.components, detail: null, detailText: null };
}

function countFaces(measures: { framesWithFace: number }): number {
  return measures.framesWithFace;
}
