import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CV_SEED, FOLDS } from './evalCommon';
import { crossValidateQuality, type QualityItem } from './qualityCv';
import { rate, type Rate } from './stats';

/** The generator the fixture quality set came from (ImageMagick), beside the fixtures. */
export function qualityGenerator(fixturesDir: string): string {
  return resolve(fixturesDir, '..', 'tools', 'make_quality_set.py');
}

export interface SeedScore {
  seed: number;
  images: number;
  correct: number;
  accuracy: Rate;
  /** Refit on the other sources of this seed and scored on the held-out one. */
  cross_validated: Rate;
}

export interface SeedsReport {
  seeds: SeedScore[];
  pooled: Rate;
  /** The seeds' own cross-validated figures summed: limits refitted on about 32 captures of one seed. */
  pooled_cross_validated: Rate;
  /**
   * All seeds' captures together, folds grouped by clean specimen across seeds: limits refitted on
   * the other specimens' captures from every seed, scored on the held-out specimens' captures from
   * every seed. No limit is chosen on one seed, and no specimen is on both sides of a split.
   */
  cross_validated_by_source: { folds: number; accuracy: Rate; limits: Record<string, number>[] };
  generator: string;
}

/**
 * Capture quality over sets generated with several seeds from every clean specimen
 * (`make_quality_set.py SRC OUT SEED`), each scored with the shipped limits by `score`: a limit
 * tuned on one seed's images shows here as a drop on the others. Generated into a temp folder
 * and deleted; nothing is kept or tuned.
 */
export async function evalQualitySeeds(
  fixturesDir: string,
  seeds: readonly number[],
  score: (dir: string) => Promise<{ images: number; correct: number; cross_validated: { accuracy: unknown }; items: readonly QualityItem[] }>,
): Promise<SeedsReport> {
  const generator = qualityGenerator(fixturesDir);
  if (!existsSync(generator)) throw new Error(`the quality-set generator is not at ${generator}`);
  const out: SeedScore[] = [];
  const items: QualityItem[] = [];
  for (const seed of seeds) {
    const dir = mkdtempSync(join(tmpdir(), `kyc-quality-seed-${seed}-`));
    try {
      const r = spawnSync('python3', [generator, fixturesDir, dir, String(seed)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`the quality-set generator failed for seed ${seed} (needs python3 and ImageMagick): ${(r.stderr || r.stdout).slice(-500)}`);
      const s = await score(dir);
      const cv = s.cross_validated.accuracy as Rate;
      items.push(...s.items);
      out.push({ seed, images: s.images, correct: s.correct, accuracy: rate(s.correct, s.images), cross_validated: cv });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sum = (f: (s: SeedScore) => number) => out.reduce((a, s) => a + f(s), 0);
  const bySource = crossValidateQuality(items, {}, FOLDS, CV_SEED);
  return {
    seeds: out,
    pooled: rate(sum((s) => s.correct), sum((s) => s.images)),
    pooled_cross_validated: rate(sum((s) => s.cross_validated.k), sum((s) => s.cross_validated.n)),
    cross_validated_by_source: { folds: bySource.folds, accuracy: bySource.correct, limits: bySource.limits },
    generator,
  };
}
