import { mulberry32 } from '../stats';
import { DEGRADATION_KINDS, DEGRADATION_LEVELS, degradeDocument, type DegradationKind, type DegradationLevel, type DegradedImage } from './degradeDocument';
import { randomMrz, SYNTHETIC_FORMATS, type MrzTruth, type SyntheticFormat } from './randomMrz';
import { renderDocument, type Background } from './renderDocument';

/**
 * The i-th document of a seeded synthetic MRZ set. Formats, levels and kinds are dealt in a
 * fixed rotation so any prefix of the set is balanced across them; everything random about
 * document i comes from its own generator seeded by (seed, i), so one document can be
 * regenerated alone, and a set of N is the first N documents of any larger set.
 */

export interface SyntheticMrzSpec {
  index: number;
  format: SyntheticFormat;
  level: DegradationLevel;
  /** Null when the level is none. */
  kind: DegradationKind | null;
}

export interface SyntheticMrzDocument extends SyntheticMrzSpec, DegradedImage {
  lines: string[];
  truth: MrzTruth;
  background: Background;
}

export function syntheticMrzSpec(index: number): SyntheticMrzSpec {
  const format = SYNTHETIC_FORMATS[index % SYNTHETIC_FORMATS.length]!;
  const level = DEGRADATION_LEVELS[Math.floor(index / SYNTHETIC_FORMATS.length) % DEGRADATION_LEVELS.length]!;
  // Each format meets each level before the kind moves on; undegraded documents take no kind.
  const round = Math.floor(index / (SYNTHETIC_FORMATS.length * DEGRADATION_LEVELS.length));
  const kind = level === 'none' ? null : DEGRADATION_KINDS[round % DEGRADATION_KINDS.length]!;
  return { index, format, level, kind };
}

/** A seed per document: (seed, index) mixed so neighbouring documents are unrelated. */
function documentSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

export async function syntheticMrzDocument(seed: number, index: number): Promise<SyntheticMrzDocument> {
  const spec = syntheticMrzSpec(index);
  const rnd = mulberry32(documentSeed(seed, index));
  const mrz = randomMrz(rnd, spec.format);
  const rendered = renderDocument(mrz, rnd);
  const image = await degradeDocument(rendered, spec.level, spec.kind, rnd);
  return { ...spec, ...image, lines: mrz.lines, truth: mrz.truth, background: rendered.background };
}
