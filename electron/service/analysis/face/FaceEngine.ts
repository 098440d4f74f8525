import { faceModelDir, humanModelDir, tfjsWasmDir } from '../../runtime/resourcePaths';
import type { FaceScoreComponents } from '../../../../shared/schemas/analysis';
import { alignFace } from './alignFace';
import { blazeFaceCrop, useBlazeFaceFrom } from './blazeFaceFallback';
import { decodeRgb } from './decodeImage';
import { faceApiDescriptor, version1Descriptor } from './faceApiDescriptor';
import { faceMeshYaw, useFaceMeshFrom } from './faceMeshYaw';
import { faceScore, type FaceDescription } from './fuseFaceScores';
import { FACE_DESCRIPTION_VERSION } from '../../../../shared/faceDescriptionVersion';
import { loadMobileFace, mobileFaceEmbedding } from './mobileFaceEmbedding';
import { padFrame } from './padFrame';
import { faceapi, tf, loadFaceRuntime, loadSsd } from './faceRuntime';

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DetectedFace extends FaceDescription {
  box: FaceBox;
  score: number;
  /** face-api's 128-d descriptor of the face and its mirror image, averaged (faceApiDescriptor.ts; empty when descriptors were not asked for). */
  descriptor: Float32Array;
  /** MobileFace's 256-d embedding of the aligned face (empty when descriptors were not asked for). */
  mobileFace: Float32Array;
  /** The 68 iBUG landmarks, in the coordinates of the input image (after its EXIF orientation). */
  landmarks: { x: number; y: number }[];
  /** The descriptor as face description version 1 read it, when asked for (DetectOptions.version1Descriptor). */
  version1Descriptor?: Float32Array;
}

/** A detection with what liveness needs on top (face-api's expression probabilities). */
export interface AnalyzedFace extends DetectedFace {
  /** face-api's 'happy' probability, when expressions were asked for. */
  happy?: number;
  expressions?: Record<string, number>;
  /** Head yaw in degrees from the face mesh (faceMeshYaw.ts), when asked for; null when the mesh found no face. */
  headYaw?: number | null;
}

export interface DetectOptions {
  /** Also run the expression network (liveness). */
  expressions?: boolean;
  /** Also read the head's yaw from the face mesh (liveness turns), for the largest face only. */
  headYaw?: boolean;
  /** Compute the 128-d descriptors and MobileFace embeddings (default true; liveness does not need them). */
  descriptors?: boolean;
  /** Minimum detector confidence (default TINY_MIN_SCORE for the tiny detector, DETECT_MIN_SCORE for SSD). */
  minScore?: number;
  /** 'auto' (default): the tiny detector first, SSD MobileNet v1 when it finds nothing; or either alone. */
  detector?: 'ssd' | 'tiny' | 'auto';
  /**
   * When nothing is found, look again on the frame with a border around it, then with BlazeFace
   * (default true): for still photos, where a face that fills the frame is a tight portrait.
   * Video frames turn it off: there a frame without a face is a head turned away, and forcing a
   * detection gives landmarks that read as a blink.
   */
  padRetry?: boolean;
  /** Also the descriptor as face description version 1 read it, to recognise a stored version-1 face (faceApiDescriptor.ts). */
  version1Descriptor?: boolean;
}

/**
 * Detection runs on a copy at most this many pixels on its long side. SSD MobileNet looks at a
 * 512x512 version anyway; the landmark and descriptor networks crop the face from this copy, so
 * it must keep a document portrait (about 1/6 of a 640 px card photo) at a usable size.
 */
export const DETECT_MAX_SIDE = 800;
export const DETECT_MIN_SCORE = 0.5;
const TINY_INPUT = 320;
const TINY_MIN_SCORE = 0.4;

/** The border added around a frame with no face found, as a share of its longer side (see padFrame). */
export const PAD_MARGIN = 0.5;

/** A box found on a padded frame may reach into the border: keep the part inside the image. */
function clampBox(b: FaceBox, width: number, height: number): FaceBox {
  const x = Math.max(0, b.x), y = Math.max(0, b.y);
  return { x, y, width: Math.max(0, Math.min(width, b.x + b.width) - x), height: Math.max(0, Math.min(height, b.y + b.height) - y) };
}

type RawFace = { detection: faceapi.FaceDetection; landmarks: faceapi.FaceLandmarks68; descriptor?: Float32Array; version1Descriptor?: Float32Array; expressions?: faceapi.FaceExpressions };
/** A face found by either detector, in the decoded image's pixels. */
type FoundFace = { box: FaceBox; score: number; descriptor?: Float32Array; version1Descriptor?: Float32Array; landmarks: { x: number; y: number }[]; expressions?: faceapi.FaceExpressions };

/** A second selfie face at least this share of the largest one's area counts as another person. */
export const SECOND_FACE_AREA = 0.25;

export interface FaceMatch {
  outcome: 'MATCH' | 'NO_MATCH' | 'NO_FACE_DOCUMENT' | 'NO_FACE_SELFIE' | 'MULTIPLE_FACES_SELFIE';
  /** The fused face score (see fuseFaceScores.ts). */
  similarity: number | null;
  components: FaceScoreComponents | null;
  threshold: number;
  /** The face description version the faces were described with (shared/faceDescriptionVersion.ts). */
  descriptionVersion: number;
  documentFaceBox: FaceBox | null;
  selfieFaceBox: FaceBox | null;
  /** The selfie's face as screening stores it (what the fused score is computed from), with its version-1 descriptor when asked for. */
  selfieFace: (FaceDescription & { version1Descriptor?: Float32Array }) | null;
  /** The selfie's face as fractions of the image, for checks that look at the face again. */
  selfieFaceRegion: { left: number; top: number; width: number; height: number } | null;
  ms: number;
}

/**
 * Face detection (face-api's tiny detector first, SSD MobileNet v1 when it finds nothing, and
 * BlazeFace when neither finds a face in a still photo), 68 landmarks and 128-d descriptors with @vladmandic/face-api,
 * MobileFace embeddings of the aligned face, and the head's yaw from MediaPipe's face mesh for
 * video frames, on the tfjs WASM backend. Models and WASM binaries
 * are read from local files only (resources/models or the installed packages), never fetched.
 * The models are loaded once per process and shared by every engine.
 */
export class FaceEngine {
  private disposed = false;
  /** One inference at a time: the WASM backend is single-threaded and memory grows with overlap. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor() {}

  static async create(): Promise<FaceEngine> {
    await loadFaceRuntime(faceModelDir(), tfjsWasmDir());
    await loadMobileFace(humanModelDir());
    useBlazeFaceFrom(humanModelDir());
    useFaceMeshFrom(humanModelDir());
    return new FaceEngine();
  }

  /** All faces, largest box first; boxes and landmarks in the input image's coordinates. Rejects on undecodable bytes. */
  detectFaces(image: Buffer | Uint8Array, opts: DetectOptions = {}): Promise<{ width: number; height: number; faces: AnalyzedFace[] }> {
    const run = this.queue.then(() => this.detectNow(image, opts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async detectNow(image: Buffer | Uint8Array, opts: DetectOptions): Promise<{ width: number; height: number; faces: AnalyzedFace[] }> {
    if (this.disposed) throw new Error('the face engine was disposed');
    const img = await decodeRgb(image, DETECT_MAX_SIDE);
    const tiny = new faceapi.TinyFaceDetectorOptions({ inputSize: TINY_INPUT, scoreThreshold: opts.minScore ?? TINY_MIN_SCORE });
    const ssd = new faceapi.SsdMobilenetv1Options({ minConfidence: opts.minScore ?? DETECT_MIN_SCORE, maxResults: 20 });
    const mode = opts.detector ?? 'auto';
    if (mode === 'ssd') await loadSsd();
    let offset = 0;
    let raw = await this.detectIn(img, mode === 'ssd' ? ssd : tiny, opts);
    if (mode !== 'tiny' && raw.length === 0) {
      await loadSsd();
      if (mode === 'auto') raw = await this.detectIn(img, ssd, opts);
      // A face that fills the frame (a tight portrait crop) is found once it has a border around it.
      if (raw.length === 0 && opts.padRetry !== false) {
        const padded = padFrame(img, PAD_MARGIN);
        raw = await this.detectIn(padded, ssd, opts);
        offset = padded.offset;
      }
    }
    // In the decoded image's pixels; reported below in the input image's.
    let found = raw.map((r): FoundFace => ({
      box: { x: r.detection.box.x - offset, y: r.detection.box.y - offset, width: r.detection.box.width, height: r.detection.box.height },
      score: r.detection.score,
      descriptor: r.descriptor,
      version1Descriptor: r.version1Descriptor,
      landmarks: r.landmarks.positions.map((p) => ({ x: p.x - offset, y: p.y - offset })),
      expressions: r.expressions,
    }));
    if (found.length === 0 && mode !== 'tiny' && opts.padRetry !== false) found = await this.blazeFaceFallback(img, opts);
    const s = img.scale;
    const faces: AnalyzedFace[] = [];
    for (const r of found) {
      const b = r.box;
      const face: AnalyzedFace = {
        box: clampBox({ x: b.x * s, y: b.y * s, width: b.width * s, height: b.height * s }, img.origWidth, img.origHeight),
        score: r.score,
        descriptor: r.descriptor ?? new Float32Array(0),
        mobileFace: r.descriptor ? await mobileFaceEmbedding(alignFace(img, r.landmarks)) : new Float32Array(0),
        landmarks: r.landmarks.map((p) => ({ x: p.x * s, y: p.y * s })),
      };
      if (r.version1Descriptor) face.version1Descriptor = r.version1Descriptor;
      if (r.expressions) {
        const e: Record<string, number> = {};
        for (const [k, v] of Object.entries(r.expressions)) if (typeof v === 'number') e[k] = v;
        face.expressions = e;
        face.happy = e.happy ?? 0;
      }
      faces.push(face);
    }
    faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    const largest = faces[0];
    // The mesh reads the decoded image, in whose pixels the landmarks were found (before scaling by s).
    if (opts.headYaw && largest) largest.headYaw = await faceMeshYaw(img, largest.landmarks.map((p) => ({ x: p.x / s, y: p.y / s })));
    return { width: img.origWidth, height: img.origHeight, faces };
  }

  private async detectIn(img: { data: Uint8Array; width: number; height: number }, options: faceapi.FaceDetectionOptions, opts: DetectOptions): Promise<RawFace[]> {
    const tensor = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
    try {
      // face-api accepts a Tensor3D; its bundled typings name their own Tensor class.
      const input = tensor as unknown as faceapi.TNetInput;
      const base = faceapi.detectAllFaces(input, options).withFaceLandmarks();
      const found: RawFace[] = opts.expressions ? await base.withFaceExpressions() : await base;
      if (opts.descriptors === false) return found;
      for (const r of found) {
        r.descriptor = await faceApiDescriptor(input, r.landmarks);
        if (opts.version1Descriptor) r.version1Descriptor = await version1Descriptor(input, r.landmarks, 'face-api');
      }
      return found;
    } finally {
      tensor.dispose();
    }
  }

  /**
   * BlazeFace's most confident face, with face-api's landmarks and descriptor read inside its box
   * (as face-api's own pipeline does for its detections); none when BlazeFace finds none either.
   */
  private async blazeFaceFallback(img: { data: Uint8Array; width: number; height: number }, opts: DetectOptions): Promise<FoundFace[]> {
    const found = await blazeFaceCrop(img);
    if (!found) return [];
    const { crop, x, y, score } = found;
    try {
      // face-api takes a Tensor3D; its bundled typings name their own Tensor class.
      const input = crop as unknown as faceapi.TNetInput;
      const landmarks = (await faceapi.nets.faceLandmark68Net.detectLandmarks(input)) as faceapi.FaceLandmarks68;
      const descriptor = opts.descriptors === false ? undefined : await faceApiDescriptor(input, landmarks);
      const v1 = opts.descriptors !== false && opts.version1Descriptor ? await version1Descriptor(input, landmarks, 'blazeface') : undefined;
      const [side] = crop.shape;
      return [{ box: { x, y, width: side, height: side }, score, descriptor, version1Descriptor: v1, landmarks: landmarks.positions.map((p) => ({ x: p.x + x, y: p.y + y })) }];
    } finally {
      crop.dispose();
    }
  }

  /** The models stay loaded for the process (other engines share them); this engine refuses further work. */
  dispose(): void {
    this.disposed = true;
  }
}

/**
 * The document's portrait (its largest face; a card has one portrait and sometimes a small ghost
 * image) against the selfie's face, by the fused face score. A second selfie face at least a quarter of the main face's
 * area is another person in the frame: MULTIPLE_FACES_SELFIE (the similarity is still reported).
 * `threshold` is the policy's faceMatch.matchThreshold: the policy is its only source.
 */
const description = (f: DetectedFace): FaceMatch['selfieFace'] => ({ descriptor: f.descriptor, mobileFace: f.mobileFace, ...(f.version1Descriptor ? { version1Descriptor: f.version1Descriptor } : {}) });

/** `selfieVersion1`: also read the selfie's face as face description version 1 did, for screening against older stored faces. */
export async function compareFaces(engine: FaceEngine, documentImage: Buffer, selfieImage: Buffer, threshold: number, opts: { selfieVersion1?: boolean } = {}): Promise<FaceMatch> {
  const t = performance.now();
  const doc = await engine.detectFaces(documentImage);
  const selfie = await engine.detectFaces(selfieImage, { version1Descriptor: opts.selfieVersion1 });
  const region = (b: FaceBox | null) => (b ? { left: b.x / selfie.width, top: b.y / selfie.height, width: b.width / selfie.width, height: b.height / selfie.height } : null);
  const result = (r: Omit<FaceMatch, 'threshold' | 'ms' | 'selfieFaceRegion' | 'descriptionVersion'>): FaceMatch => ({
    ...r,
    selfieFaceRegion: region(r.selfieFaceBox),
    threshold,
    descriptionVersion: FACE_DESCRIPTION_VERSION,
    ms: Math.round(performance.now() - t),
  });
  const portrait = doc.faces[0];
  const face = selfie.faces[0];
  if (!portrait) return result({ outcome: 'NO_FACE_DOCUMENT', similarity: null, components: null, documentFaceBox: null, selfieFaceBox: face?.box ?? null, selfieFace: face ? description(face) : null });
  if (!face) return result({ outcome: 'NO_FACE_SELFIE', similarity: null, components: null, documentFaceBox: portrait.box, selfieFaceBox: null, selfieFace: null });
  const area = (f: DetectedFace) => f.box.width * f.box.height;
  const others = selfie.faces.slice(1).filter((f) => area(f) >= area(face) * SECOND_FACE_AREA);
  const { score: similarity, components } = faceScore(portrait, face);
  if (others.length) return result({ outcome: 'MULTIPLE_FACES_SELFIE', similarity, components, documentFaceBox: portrait.box, selfieFaceBox: face.box, selfieFace: description(face) });
  return result({ outcome: similarity >= threshold ? 'MATCH' : 'NO_MATCH', similarity, components, documentFaceBox: portrait.box, selfieFaceBox: face.box, selfieFace: description(face) });
}
