import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaceScoreNormalization } from '../../../../shared/faceCalibration';
import type { FaceScoreComponents } from '../../../../shared/schemas/analysis';
import type { FaceEngine } from '../../analysis/face/FaceEngine';
import { faceScoreComponents, fitFaceScoreNormalization, fuseFaceScores, type FaceDescription } from '../../analysis/face/fuseFaceScores';
import { allPairs, crossValidateFaces, isGenuine, type FaceCrossValidation, type ScoredPair } from './faceStats';

/**
 * One face description (face-api descriptor and MobileFace embedding) per image of a faces/
 * folder (identities.json), computed once and reused for every pair: scoring pairs one by one
 * through compareFaces detects each photo many times over. The description is the largest
 * face's, exactly the face compareFaces uses on either side, so a pair's scores here equal the
 * ones the product computes.
 */

export interface DescribedImage {
  file: string;
  person: string;
  face: FaceDescription | null;
  faces: number;
  ms: number;
}

export interface Identities {
  identities: { person_id: string; images: string[] }[];
}

export async function describeFaces(engine: FaceEngine, dir: string, files?: readonly string[]): Promise<DescribedImage[]> {
  const ids = JSON.parse(readFileSync(join(dir, 'identities.json'), 'utf8')) as Identities;
  const personOf = new Map<string, string>();
  for (const p of ids.identities) for (const f of p.images) personOf.set(f, p.person_id);
  // Images only in pairs.json (none today) still get a description; their person is unknown.
  const all = [...new Set([...personOf.keys(), ...(files ?? [])])];
  const out: DescribedImage[] = [];
  for (const file of all) {
    const t = performance.now();
    let face: FaceDescription | null = null;
    let faces = 0;
    try {
      const r = await engine.detectFaces(readFileSync(join(dir, file)));
      faces = r.faces.length;
      face = r.faces[0] ?? null;
    } catch {
      // An undecodable image gives no face, as in the product (the pair is rejected).
    }
    out.push({ file, person: personOf.get(file) ?? `?${file}`, face, faces, ms: Math.round(performance.now() - t) });
  }
  return out;
}

export function componentsOf(a: FaceDescription | null, b: FaceDescription | null): FaceScoreComponents | null {
  return a && b ? faceScoreComponents(a, b) : null;
}

/** A pair with both models' similarities (null when either image gave no face); `score` is set by one of the readings below. */
export type ComponentPair = ScoredPair & { components: FaceScoreComponents | null };

/** Every pair of images that identities.json assigns to a person, scored by face-api's similarity alone (the engine before the fusion). */
export function identityPairs(images: readonly DescribedImage[]): ComponentPair[] {
  return allPairs(
    images.filter((i) => !i.person.startsWith('?')).map((i) => ({ file: i.file, person: i.person, value: i.face })),
    componentsOf,
  ).map((p) => ({ ...p, components: p.score, score: p.score?.faceApi ?? null }));
}

/** The same pairs scored by the fused face score under a normalisation. */
export function fusedPairs(pairs: readonly ComponentPair[], n: FaceScoreNormalization): ComponentPair[] {
  return pairs.map((p) => ({ ...p, score: p.components ? fuseFaceScores(p.components, n) : null }));
}

/** The normalisation fitted on the impostor pairs (different persons, a face on both sides) among these. */
export function impostorNormalization(pairs: readonly ComponentPair[]): FaceScoreNormalization {
  return fitFaceScoreNormalization(pairs.filter((p) => !isGenuine(p) && p.components).map((p) => p.components!));
}

/** crossValidateFaces on the fused score, the normalisation refitted on each fold's training impostors only. */
export function crossValidateFused(pairs: readonly ComponentPair[], k: number, fmrTarget: number, seed?: number): FaceCrossValidation {
  return crossValidateFaces(pairs, k, fmrTarget, seed, (train) => {
    const n = impostorNormalization(train);
    return (p) => (p.components ? fuseFaceScores(p.components, n) : null);
  });
}
