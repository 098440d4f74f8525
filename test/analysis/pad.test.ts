import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceEngine } from '../../electron/service/analysis/face/FaceEngine';
import { presentationAttackScore } from '../../electron/service/analysis/pad/presentationAttack';

const fixtures = join(import.meta.dirname, '../../../shared/fixtures');

describe.skipIf(!existsSync(fixtures))('passive presentation-attack score on the shared fixtures (skipped when ../shared/fixtures is missing)', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await FaceEngine.create();
  }, 120_000);

  const labels = () =>
    (JSON.parse(readFileSync(join(fixtures, 'presentation_attack/labels.json'), 'utf8')) as { images: { file: string; label: 'live' | 'spoof' }[] }).images;

  it('tells the live selfie from the printed-photo attack', async () => {
    for (const i of labels()) {
      const r = await presentationAttackScore(engine, readFileSync(join(fixtures, 'presentation_attack', i.file)));
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.signals.length).toBeGreaterThan(0);
      expect(r.attack, `${i.file} (${i.label}) scored ${r.score.toFixed(2)}`).toBe(i.label === 'spoof');
    }
  }, 120_000);

  it('scores without a face engine (whole frame)', async () => {
    const r = await presentationAttackScore(null, readFileSync(join(fixtures, 'presentation_attack/images/live_T1.jpg')));
    expect(r.threshold).toBeGreaterThan(0);
    expect(Number.isFinite(r.score)).toBe(true);
  }, 60_000);
});
