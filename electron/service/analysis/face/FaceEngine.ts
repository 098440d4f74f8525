import { createRequire } from 'node:module';
import sharp from 'sharp';
import { faceModelDir, tfjsWasmDir } from '../modelPaths';
import { descriptorSimilarity } from '../descriptorSimilarity';

// face-api's Node WASM build is CommonJS and ships its own types; tfjs-node does not install here.
const require = createRequire(import.meta.url);
type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');
type Tf = typeof import('@tensorflow/tfjs');

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DetectedFace {
  box: FaceBox;
  score: number;
  descriptor: Float32Array;
  /** 68 landmarks, in the coordinates of the analysed (resized) image. */
  landmarks: { x: number; y: number }[];
}

/** Detection runs on a copy at most this many pixels on its long side: enough for a face, far faster. */
const MAX_SIDE = 640;
const MIN_CONFIDENCE = 0.5;

/**
 * The shipped match threshold on descriptorSimilarity (1 - euclidean/1.2). Calibrated on the
 * shared fixture set (faces/pairs.json, 192 pairs of 10 people): see README "Verification engine".
 */
export const FACE_MATCH_THRESHOLD = 0.5;

export interface FaceMatch {
  outcome: 'MATCH' | 'NO_MATCH' | 'NO_FACE_DOCUMENT' | 'NO_FACE_SELFIE' | 'MULTIPLE_FACES_SELFIE';
  similarity: number | null;
  threshold: number;
  documentFaceBox: FaceBox | null;
  selfieFaceBox: FaceBox | null;
  selfieDescriptor: Float32Array | null;
  /** The selfie's face as fractions of the image, for checks that look at the face again. */
  selfieFaceRegion: { left: number; top: number; width: number; height: number } | null;
  ms: number;
}

/**
 * Face detection, 68 landmarks and 128-d descriptors with @vladmandic/face-api on the tfjs
 * WASM backend. Models and WASM binaries are read from local files only.
 */
export class FaceEngine {
  private constructor(
    private readonly faceapi: FaceApi,
    private readonly tf: Tf,
  ) {}

  static async create(): Promise<FaceEngine> {
    const tf = require('@tensorflow/tfjs') as Tf;
    const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string): void };
    const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
    wasm.setWasmPaths(`${tfjsWasmDir()}/`);
    await tf.setBackend('wasm');
    await tf.ready();
    const dir = faceModelDir();
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(dir);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(dir);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(dir);
    await faceapi.nets.faceExpressionNet.loadFromDisk(dir);
    await faceapi.nets.tinyFaceDetector.loadFromDisk(dir);
    return new FaceEngine(faceapi, tf);
  }

  /** Decodes and downsizes; rejects what sharp cannot read. */
  private async tensorOf(image: Buffer, maxSide = MAX_SIDE) {
    const { data, info } = await sharp(image, { failOn: 'truncated' })
      .rotate()
      .removeAlpha()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { tensor: this.tf.tensor3d(new Uint8Array(data.buffer, data.byteOffset, data.length), [info.height, info.width, 3]), width: info.width, height: info.height };
  }

  /** All faces, largest first. */
  async detectFaces(image: Buffer, opts: { expressions?: boolean; maxSide?: number; descriptors?: boolean; fast?: boolean } = {}): Promise<{ width: number; height: number; faces: (DetectedFace & { happy?: number })[] }> {
    const { tensor, width, height } = await this.tensorOf(image, opts.maxSide);
    try {
      // The tiny detector is ~10x faster: right for video frames, where one face fills the view.
      const options = opts.fast
        ? new this.faceapi.TinyFaceDetectorOptions({ inputSize: 320, scoreThreshold: 0.4 })
        : new this.faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE });
      const base = this.faceapi.detectAllFaces(tensor as never, options).withFaceLandmarks();
      // Descriptors are the costly part; liveness needs only landmarks (and expressions).
      const results =
        opts.descriptors === false
          ? (await (opts.expressions ? base.withFaceExpressions() : base)).map((r) => ({ ...r, descriptor: new Float32Array(0) }))
          : opts.expressions
            ? await base.withFaceExpressions().withFaceDescriptors()
            : await base.withFaceDescriptors();
      const faces = results.map((r) => ({
        box: { x: r.detection.box.x, y: r.detection.box.y, width: r.detection.box.width, height: r.detection.box.height },
        score: r.detection.score,
        descriptor: r.descriptor,
        landmarks: r.landmarks.positions.map((p) => ({ x: p.x, y: p.y })),
        ...('expressions' in r ? { happy: (r as unknown as { expressions: { happy: number } }).expressions.happy } : {}),
      }));
      faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      return { width, height, faces };
    } finally {
      tensor.dispose();
    }
  }

  similarity(a: Float32Array, b: Float32Array): number {
    return descriptorSimilarity(a, b);
  }

  dispose(): void {
    this.tf.disposeVariables();
  }
}

/** A second face at least this share of the largest one's area counts as another person. */
const SECOND_FACE_AREA = 0.25;

/** The document's portrait (its largest face) against the selfie's single face. */
export async function compareFaces(engine: FaceEngine, documentImage: Buffer, selfieImage: Buffer, threshold = FACE_MATCH_THRESHOLD): Promise<FaceMatch> {
  const t = performance.now();
  const [doc, selfie] = [await engine.detectFaces(documentImage), await engine.detectFaces(selfieImage)];
  const region = (b: FaceBox | null) => (b ? { left: b.x / selfie.width, top: b.y / selfie.height, width: b.width / selfie.width, height: b.height / selfie.height } : null);
  const result = (r: Omit<FaceMatch, 'threshold' | 'ms' | 'selfieFaceRegion'>): FaceMatch => ({ ...r, selfieFaceRegion: region(r.selfieFaceBox), threshold, ms: Math.round(performance.now() - t) });
  const portrait = doc.faces[0];
  const face = selfie.faces[0];
  if (!face) return result({ outcome: 'NO_FACE_SELFIE', similarity: null, documentFaceBox: portrait?.box ?? null, selfieFaceBox: null, selfieDescriptor: null });
  const area = (f: DetectedFace) => f.box.width * f.box.height;
  const others = selfie.faces.slice(1).filter((f) => area(f) >= area(face) * SECOND_FACE_AREA);
  if (!portrait) return result({ outcome: 'NO_FACE_DOCUMENT', similarity: null, documentFaceBox: null, selfieFaceBox: face.box, selfieDescriptor: face.descriptor });
  const similarity = engine.similarity(portrait.descriptor, face.descriptor);
  if (others.length) return result({ outcome: 'MULTIPLE_FACES_SELFIE', similarity, documentFaceBox: portrait.box, selfieFaceBox: face.box, selfieDescriptor: face.descriptor });
  return result({ outcome: similarity >= threshold ? 'MATCH' : 'NO_MATCH', similarity, documentFaceBox: portrait.box, selfieFaceBox: face.box, selfieDescriptor: face.descriptor });
}
