import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DETECT_MAX_SIDE, FaceEngine, PAD_MARGIN, compareFaces, type DetectedFace } from '../../electron/service/analysis/face/FaceEngine';
import { faceScore } from '../../electron/service/analysis/face/fuseFaceScores';
import { decodeRgb } from '../../electron/service/analysis/face/decodeImage';
import { padFrame } from '../../electron/service/analysis/face/padFrame';
import { faceapi, tf } from '../../electron/service/analysis/face/faceRuntime';
import { descriptorSimilarity } from '../../electron/service/analysis/descriptorSimilarity';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';

/** The shipped match threshold: the policy is its only source. */
const FACE_MATCH_THRESHOLD = DEFAULT_POLICY.faceMatch.matchThreshold;
/**
 * Regression ceilings on the current faces/pairs.json (272 pairs, 136 same, 136 different;
 * 64 photos of 14 people, 20 of them tight 150x150 crops). Measured 2026-12-05 with the fused
 * face score (face description version 2) at the shipped threshold 0.51 (set for FMR <= 0.1%
 * over all impostor pairs, shared/faceCalibration.ts): FMR 0/136, FNMR 5/136 (0.037), no pair
 * with a failure to detect (BlazeFace finds the 3 photos face-api misses). Version 1 at 0.52:
 * FNMR 17/136; face-api alone before the fusion, at 0.59: FNMR 35/136 and 18 pairs without a
 * face. FMR stays strictly 0: that is the safety property. FNMR is a ceiling at the measured
 * value, still above the FNMR <= 3% target; issue 12 tracks lowering it. Lower the ceilings when
 * the engine improves; never raise them to make a failure pass.
 */
const FNMR_CEILING = 0.04;
/** Pairs in which either photo gives no face (measured: 0 of 272). */
const MAX_FAILURES_TO_DETECT = 0;

// Face photos are not allowed in the repo (licence): they are read from the shared fixtures only.
const fixtures = join(import.meta.dirname, '../../../shared/fixtures');
const read = (p: string) => readFileSync(join(fixtures, p));

describe('FaceEngine without fixtures', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await FaceEngine.create();
  }, 120_000);

  it('finds no face in a blank image', async () => {
    const blank = await sharp({ create: { width: 480, height: 640, channels: 3, background: '#d8d2c8' } }).png().toBuffer();
    const r = await engine.detectFaces(blank);
    expect(r).toMatchObject({ width: 480, height: 640, faces: [] });
    const m = await compareFaces(engine, blank, blank, FACE_MATCH_THRESHOLD);
    expect(m.outcome).toBe('NO_FACE_DOCUMENT');
    expect(m.similarity).toBeNull();
  });

  it('rejects corrupt and empty bytes with an Error', async () => {
    await expect(engine.detectFaces(Buffer.from('definitely not an image'))).rejects.toThrow(Error);
    await expect(engine.detectFaces(Buffer.alloc(0))).rejects.toThrow(/empty/);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).png().toBuffer();
    await expect(engine.detectFaces(png.subarray(0, 40))).rejects.toThrow(Error);
  });

  it('maps descriptor distance linearly to face-api similarity', () => {
    const a = new Float32Array(128);
    const b = new Float32Array(128);
    expect(descriptorSimilarity(a, b)).toBe(1);
    b[0] = 0.6;
    expect(descriptorSimilarity(a, b)).toBeCloseTo(0.5, 5);
    b[0] = 2;
    expect(descriptorSimilarity(a, b)).toBe(0);
  });
});

describe.skipIf(!existsSync(fixtures))('FaceEngine on the shared fixtures (skipped when ../shared/fixtures is missing)', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await FaceEngine.create();
  }, 120_000);

  it('keeps FMR at 0 at the shipped threshold on every pairs.json pair, with FNMR and failures to detect under the measured ceilings', async () => {
    const pairs = (JSON.parse(read('faces/pairs.json').toString()) as { pairs: { a: string; b: string; same: boolean }[] }).pairs;
    const descriptors = new Map<string, DetectedFace | null>();
    for (const f of new Set(pairs.flatMap((p) => [p.a, p.b]))) {
      const r = await engine.detectFaces(read(join('faces', f)));
      descriptors.set(f, r.faces[0] ?? null);
    }
    let same = 0, diff = 0, falseMatch = 0, falseNonMatch = 0, ftd = 0;
    const falseMatches: string[] = [];
    for (const p of pairs) {
      const a = descriptors.get(p.a);
      const b = descriptors.get(p.b);
      if (!a || !b) ftd++;
      const accepted = !!a && !!b && faceScore(a, b).score >= FACE_MATCH_THRESHOLD;
      if (p.same) {
        same++;
        if (!accepted) falseNonMatch++;
      } else {
        diff++;
        if (accepted) {
          falseMatch++;
          falseMatches.push(`${p.a}~${p.b} (${faceScore(a!, b!).score.toFixed(3)})`);
        }
      }
    }
    const notFound = [...descriptors].filter(([, d]) => !d).map(([f]) => f);
    console.info(
      `[faceEngine.test] ${pairs.length} pairs (${same} same, ${diff} different) at threshold ${FACE_MATCH_THRESHOLD}: ` +
        `fmr ${falseMatch}/${diff}, fnmr ${falseNonMatch}/${same} (${(falseNonMatch / same).toFixed(3)}), ` +
        `failures to detect ${ftd} pairs, ${notFound.length}/${descriptors.size} photos without a face (${notFound.join(', ')})`,
    );
    // Counts come from pairs.json, not from a pinned set size: the set grows.
    expect(same).toBeGreaterThan(0);
    expect(diff).toBeGreaterThan(0);
    // The safety property, kept strict: no impostor pair is accepted at the shipped threshold.
    expect(falseMatch, falseMatches.join(', ')).toBe(0);
    expect(falseNonMatch / same).toBeLessThanOrEqual(FNMR_CEILING);
    expect(ftd, `no face found in: ${notFound.join(', ')}`).toBeLessThanOrEqual(MAX_FAILURES_TO_DETECT);
  }, 300_000);

  it('finds the face in tight 150x150 portrait crops (a border is added, then BlazeFace asked, when none is found at first)', async () => {
    const files = (JSON.parse(read('faces/identities.json').toString()) as { identities: { images: string[] }[] }).identities.flatMap((p) => p.images);
    let crops = 0, found = 0;
    for (const f of files) {
      const bytes = read(join('faces', f));
      const m = await sharp(bytes).metadata();
      if (m.width !== 150 || m.height !== 150) continue;
      crops++;
      const r = await engine.detectFaces(bytes);
      if (r.faces.length) {
        found++;
        // Boxes come back in the crop's own coordinates, inside it.
        const b = r.faces[0]!.box;
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(150.001);
        expect(b.y + b.height).toBeLessThanOrEqual(150.001);
      }
    }
    expect(crops).toBeGreaterThanOrEqual(20);
    // Measured 20 of 20; face-api alone 17 with the border (the 3 misses cut the face off at the eyes or the chin), 11 without.
    expect(found).toBe(crops);
  }, 120_000);

  it('BlazeFace finds the face where face-api finds none even with a border, and the face is described like any other', async () => {
    const files = (JSON.parse(read('faces/identities.json').toString()) as { identities: { images: string[] }[] }).identities.flatMap((p) => p.images);
    const missed: string[] = [];
    for (const f of files) {
      const bytes = read(join('faces', f));
      // face-api's own detectors, as the engine runs them before BlazeFace: tiny then SSD on the photo, then SSD with the border padFrame adds.
      if ((await engine.detectFaces(bytes, { padRetry: false })).faces.length) continue;
      const img = await decodeRgb(bytes, DETECT_MAX_SIDE);
      const padded = padFrame(img, PAD_MARGIN);
      const withBorder = await sharp(padded.data, { raw: { width: padded.width, height: padded.height, channels: 3 } }).png().toBuffer();
      if ((await engine.detectFaces(withBorder, { padRetry: false, detector: 'ssd' })).faces.length) continue;
      missed.push(f);
      const r = await engine.detectFaces(bytes);
      expect(r.faces, f).toHaveLength(1);
      const face = r.faces[0]!;
      expect(face.descriptor).toHaveLength(128);
      expect(face.mobileFace).toHaveLength(256);
      expect(face.landmarks).toHaveLength(68);
      // The eyes lie above the mouth, and the nose tip inside the image.
      expect(face.landmarks[36]!.y).toBeLessThan(face.landmarks[48]!.y);
      const nose = face.landmarks[30]!;
      expect(nose.x > 0 && nose.x < r.width && nose.y > 0 && nose.y < r.height).toBe(true);
    }
    // Measured: 3 of the 64 photos (tight grayscale crops cut at the eyes or the chin).
    expect(missed.length).toBeGreaterThan(0);
  }, 300_000);

  it('matches the KYC set 1 document portrait (crop and whole card) with the selfie', async () => {
    const selfie = read('kyc_sets/set_1/selfie.png');
    const crop = await compareFaces(engine, read('kyc_sets/set_1/doc_face.png'), selfie, FACE_MATCH_THRESHOLD);
    expect(crop).toMatchObject({ outcome: 'MATCH', threshold: FACE_MATCH_THRESHOLD });
    // The result says what the fused score came from.
    expect(crop.components!.faceApi).toBeGreaterThan(0);
    expect(crop.components!.mobileFace).toBeGreaterThan(0);
    const card = await compareFaces(engine, read('kyc_sets/set_1/doc_front.png'), selfie, FACE_MATCH_THRESHOLD);
    expect(card.outcome).toBe('MATCH');
    expect(card.similarity!).toBeGreaterThanOrEqual(FACE_MATCH_THRESHOLD);
    // The portrait sits in the left part of the 640x853 card photo.
    expect(card.documentFaceBox!.x).toBeLessThan(320);
    expect(card.selfieFaceRegion!.width).toBeGreaterThan(0.2);
  }, 60_000);

  it('reads a face as face description version 1 did (face-api\'s own pipeline) when asked, to recognise a stored version-1 face', async () => {
    const photo = read('kyc_sets/set_1/selfie.png');
    const face = (await engine.detectFaces(photo, { version1Descriptor: true })).faces[0]!;
    // face-api's pipeline on the same pixels, with the detector the engine tries first.
    const img = await decodeRgb(photo, DETECT_MAX_SIDE);
    const tensor = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
    const [own] = await faceapi
      .detectAllFaces(tensor as unknown as faceapi.TNetInput, new faceapi.TinyFaceDetectorOptions({ inputSize: 320, scoreThreshold: 0.4 }))
      .withFaceLandmarks()
      .withFaceDescriptors();
    tensor.dispose();
    expect(descriptorSimilarity(face.version1Descriptor!, own!.descriptor)).toBeGreaterThan(0.999);
    // Version 2's descriptor is another reading of the same face: close, not equal.
    const v2 = descriptorSimilarity(face.descriptor, own!.descriptor);
    expect(v2).toBeGreaterThan(0.5);
    expect(v2).toBeLessThan(0.99);
    // Not asked for, it is not computed.
    expect((await engine.detectFaces(photo)).faces[0]!.version1Descriptor).toBeUndefined();
  }, 60_000);

  it('does not match two different people', async () => {
    const r = await compareFaces(engine, read('faces/images/p01_01.jpg'), read('faces/images/p02_01.jpg'), FACE_MATCH_THRESHOLD);
    expect(r.outcome).toBe('NO_MATCH');
  }, 60_000);

  it('reports no face on a document without a portrait', async () => {
    const r = await compareFaces(engine, read('documents/images/fm_nomrz.jpg'), read('kyc_sets/set_1/selfie.png'), FACE_MATCH_THRESHOLD);
    expect(r.outcome).toBe('NO_FACE_DOCUMENT');
    const s = await compareFaces(engine, read('kyc_sets/set_1/doc_face.png'), read('documents/images/fm_nomrz.jpg'), FACE_MATCH_THRESHOLD);
    expect(s.outcome).toBe('NO_FACE_SELFIE');
  }, 60_000);

  it('flags a group photo as a selfie with several faces', async () => {
    const group = read('faces/images/multi_obama_biden.jpg');
    const found = await engine.detectFaces(group);
    expect(found.faces.length).toBeGreaterThanOrEqual(2);
    const areas = found.faces.map((f) => f.box.width * f.box.height);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    expect(found.faces[0]!.landmarks).toHaveLength(68);
    expect(found.faces[0]!.descriptor).toHaveLength(128);
    expect(found.faces[0]!.mobileFace).toHaveLength(256);
    const r = await compareFaces(engine, read('kyc_sets/set_1/doc_face.png'), group, FACE_MATCH_THRESHOLD);
    expect(r.outcome).toBe('MULTIPLE_FACES_SELFIE');
  }, 60_000);
});
