import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaceEngine } from '../../analysis/face/FaceEngine';
import { descriptorSimilarity } from '../../analysis/descriptorSimilarity';
import { allPairs, type ScoredPair } from './faceStats';

/**
 * One descriptor per image of a faces/ folder (identities.json), computed once and reused for
 * every pair: scoring pairs one by one through compareFaces detects each photo many times over.
 * The descriptor is the largest face's, exactly the face compareFaces uses on either side, so a
 * pair's similarity here equals the one the product computes.
 */

export interface DescribedImage {
  file: string;
  person: string;
  descriptor: Float32Array | null;
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
  // Images only in pairs.json (none today) still get a descriptor; their person is unknown.
  const all = [...new Set([...personOf.keys(), ...(files ?? [])])];
  const out: DescribedImage[] = [];
  for (const file of all) {
    const t = performance.now();
    let descriptor: Float32Array | null = null;
    let faces = 0;
    try {
      const r = await engine.detectFaces(readFileSync(join(dir, file)));
      faces = r.faces.length;
      descriptor = r.faces[0]?.descriptor ?? null;
    } catch {
      // An undecodable image gives no face, as in the product (the pair is rejected).
    }
    out.push({ file, person: personOf.get(file) ?? `?${file}`, descriptor, faces, ms: Math.round(performance.now() - t) });
  }
  return out;
}

export function similarityOf(a: Float32Array | null, b: Float32Array | null): number | null {
  return a && b ? descriptorSimilarity(a, b) : null;
}

/** Every pair of images that identities.json assigns to a person. */
export function identityPairs(images: readonly DescribedImage[]): ScoredPair[] {
  return allPairs(
    images.filter((i) => !i.person.startsWith('?')).map((i) => ({ file: i.file, person: i.person, value: i.descriptor })),
    similarityOf,
  );
}
