import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceEngine } from '../../electron/service/analysis/face/FaceEngine';
import { presentationAttackScore } from '../../electron/service/analysis/pad/presentationAttack';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';

const fixtures = join(import.meta.dirname, '../../../shared/fixtures');
/** Measured 2026-12-05: 6 of 6 decisions right, 4 of 4 attacks caught (the screen replay by its spectral peak). */
const MIN_CORRECT = 6;
const MIN_ATTACKS_CAUGHT = 4;
/**
 * Ordinary photos of faces/ (all genuine) scored as attacks, measured 2026-12-05: 8 of 64 (25 before
 * texture was read only on faces at least 256 px across). Five of the eight are white-background
 * portraits that the whole-frame specular cue reads as glare. Lower it when the score improves.
 */
const MAX_FACES_FLAGGED = 8;

describe.skipIf(!existsSync(fixtures))('passive presentation-attack score on the shared fixtures (skipped when ../shared/fixtures is missing)', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await FaceEngine.create();
  }, 120_000);

  const labels = () =>
    (JSON.parse(readFileSync(join(fixtures, 'presentation_attack/labels.json'), 'utf8')) as { images: { file: string; label: 'live' | 'spoof'; attack_type: string | null }[] }).images;

  it('tells live captures from presentation attacks at the shipped threshold (per-class floors)', async () => {
    const images = labels();
    const live = images.filter((i) => i.label === 'live');
    const spoof = images.filter((i) => i.label === 'spoof');
    // Counts come from labels.json, not from a pinned set size: the set grows.
    expect(live.length).toBeGreaterThan(0);
    expect(spoof.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    const lines: string[] = [];
    let liveCorrect = 0, spoofCorrect = 0;
    for (const i of images) {
      const r = await presentationAttackScore(engine, readFileSync(join(fixtures, 'presentation_attack', i.file)), DEFAULT_POLICY.presentationAttack.threshold);
      // Per item, for every image: a well-formed score whose decision follows the threshold.
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.signals.length).toBeGreaterThan(0);
      expect(r.attack).toBe(r.score >= r.threshold);
      const line = `${i.file} (${i.label}${i.attack_type ? `/${i.attack_type}` : ''}) scored ${r.score.toFixed(2)} vs ${r.threshold}`;
      lines.push(line);
      // Per item, where it holds on the whole current set: every live capture is accepted and
      // every printed-photo attack is caught.
      if (i.label === 'live') expect(r.attack, line).toBe(false);
      if (i.attack_type === 'print' || i.attack_type === 'replay_screen') expect(r.attack, line).toBe(true);
      if (r.attack === (i.label === 'spoof')) {
        if (i.label === 'live') liveCorrect++;
        else spoofCorrect++;
      } else wrong.push(line);
    }
    console.info(`[pad.test] live ${liveCorrect}/${live.length} accepted, attacks ${spoofCorrect}/${spoof.length} caught; ${lines.join('; ')}`);
    // The rest as count floors: measured 2026-12-05 on the 6 labelled images, 6 of 6 right
    // (before the spectral screen cue the replay scored 0.09 and was missed). Raise the floors
    // when the score improves, never lower them to pass.
    expect(spoofCorrect, wrong.join('; ')).toBeGreaterThanOrEqual(MIN_ATTACKS_CAUGHT);
    expect(liveCorrect + spoofCorrect, wrong.join('; ')).toBeGreaterThanOrEqual(MIN_CORRECT);
  }, 120_000);

  it('flags few of the ordinary photos in faces/ (every one of them genuine, so every flag is a false alarm)', async () => {
    const dir = join(fixtures, 'faces');
    const people = (JSON.parse(readFileSync(join(dir, 'identities.json'), 'utf8')) as { identities: { images: string[] }[] }).identities;
    const files = people.flatMap((p) => p.images);
    expect(files.length).toBeGreaterThan(0);
    const flagged: string[] = [];
    for (const f of files) {
      const r = await presentationAttackScore(engine, readFileSync(join(dir, f)), DEFAULT_POLICY.presentationAttack.threshold);
      if (r.attack) flagged.push(`${f} ${r.score.toFixed(2)}`);
    }
    console.info(`[pad.test] ${flagged.length} of ${files.length} genuine photos flagged: ${flagged.join('; ')}`);
    expect(flagged.length, flagged.join('; ')).toBeLessThanOrEqual(MAX_FACES_FLAGGED);
  }, 300_000);

  it('scores without a face engine (whole frame)', async () => {
    const r = await presentationAttackScore(null, readFileSync(join(fixtures, 'presentation_attack/images/live_T1.jpg')), DEFAULT_POLICY.presentationAttack.threshold);
    expect(r.threshold).toBeGreaterThan(0);
    expect(Number.isFinite(r.score)).toBe(true);
  }, 60_000);
});

describe('presentation-attack score on a grayscale capture', () => {
  it('reads no colour cue from a capture without colour (a scan, a portrait cut from an ID): only texture and spectrum count', async () => {
    const sharp = (await import('sharp')).default;
    const colour = readFileSync(join(import.meta.dirname, '../../resources/demo/set1_selfie.png'));
    const gray = await sharp(colour).grayscale().toColourspace('srgb').png().toBuffer();
    const c = await presentationAttackScore(null, colour, DEFAULT_POLICY.presentationAttack.threshold);
    const g = await presentationAttackScore(null, gray, DEFAULT_POLICY.presentationAttack.threshold);
    const signal = (s: typeof c, name: string) => s.signals.find((x) => x.name === name)!.value;
    // The face spans the whole 1024 px frame: both face cues are read, and the portrait shows no screen grid.
    expect(signal(g, 'screenPeak')).toBeLessThan(100);
    expect(signal(c, 'colourCapture')).toBe(1);
    expect(signal(g, 'colourCapture')).toBe(0);
    // Saturation 0 would otherwise add 1.8 to the attack logit of every grayscale portrait.
    const textureOnly = 1 / (1 + Math.exp(-(-0.3 + 3 * (1.1 - signal(g, 'texture')))));
    expect(g.score).toBeCloseTo(textureOnly, 2);
  });
});
