import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalQualitySeeds, qualityGenerator } from '../../electron/service/cli/eval/qualitySeeds';
import { rate } from '../../electron/service/cli/eval/stats';

const fixtures = join(import.meta.dirname, '../../../shared/fixtures');
// The generator shells out to ImageMagick's convert and identify (Debian's imagemagick; CI installs it).
const ready = existsSync(qualityGenerator(fixtures)) && existsSync('/usr/bin/identify');

describe.skipIf(!ready)('quality sets over generated seeds (skipped without ../shared/fixtures, its tools or ImageMagick)', () => {
  it('generates one labelled set per seed from every clean specimen, scores each, pools them, and keeps nothing', async () => {
    const seen: { dir: string; labels: { acceptable: boolean; source: string }[] }[] = [];
    // A scorer that calls every image acceptable: its accuracy is the share of clean captures. Its
    // one measure separates clean from degraded captures but ships with a limit (2) no capture
    // passes, so only a refit, on other specimens' captures from both seeds, gets them right.
    const r = await evalQualitySeeds(fixtures, [3, 4], async (dir) => {
      const labels = (JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { images: { file: string; acceptable: boolean; source: string }[] }).images;
      expect(readdirSync(join(dir, 'images'))).toHaveLength(labels.length);
      seen.push({ dir, labels });
      const correct = labels.filter((l) => l.acceptable).length;
      const items = labels.map((l) => ({ group: l.source, acceptable: l.acceptable, measures: [{ name: 'clean', value: l.acceptable ? 1 : 0, threshold: 2, passWhen: '>=' as const }] }));
      return { images: labels.length, correct, cross_validated: { accuracy: rate(correct, labels.length) }, items };
    });
    expect(r.seeds.map((s) => s.seed)).toEqual([3, 4]);
    for (const [i, s] of r.seeds.entries()) {
      const clean = seen[i]!.labels.filter((l) => l.acceptable).length;
      expect(s.images).toBeGreaterThan(20);
      // One clean capture per specimen and three degraded ones: a quarter is acceptable.
      expect(clean * 4).toBe(s.images);
      expect(s.accuracy.k).toBe(clean);
    }
    expect(r.pooled.n).toBe(r.seeds[0]!.images + r.seeds[1]!.images);
    // Pooled across seeds, folds by specimen: ten specimens in five folds, each limit refitted to 0.5.
    expect(r.cross_validated_by_source.folds).toBe(5);
    expect(r.cross_validated_by_source.accuracy).toMatchObject({ k: r.pooled.n, n: r.pooled.n });
    for (const l of r.cross_validated_by_source.limits) expect(l.clean).toBe(0.5);
    // Different seeds degrade differently.
    expect(JSON.stringify(seen[0]!.labels)).not.toBe(JSON.stringify(seen[1]!.labels));
    for (const s of seen) expect(existsSync(s.dir)).toBe(false);
    expect(seen[0]!.dir.startsWith(tmpdir())).toBe(true);
  }, 180_000);
});
