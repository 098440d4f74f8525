import { describe, expect, it } from 'vitest';
import { fitFaceScoreNormalization, fuseFaceScores } from '../../electron/service/analysis/face/fuseFaceScores';
import { crossValidateFused, type ComponentPair } from '../../electron/service/cli/eval/faceSet';
import { crossValidateFaces, isGenuine } from '../../electron/service/cli/eval/faceStats';
import { cosineSimilarity } from '../../electron/service/analysis/face/cosineSimilarity';

const n = { faceApi: { mean: 0.3, sd: 0.1 }, mobileFace: { mean: 0.05, sd: 0.12 } };

describe('fused face score', () => {
  it('standardises each model by its impostor scores and weighs them equally, on face-api\'s scale', () => {
    // Both at their impostor mean: face-api's impostor mean.
    expect(fuseFaceScores({ faceApi: 0.3, mobileFace: 0.05 }, n)).toBeCloseTo(0.3, 12);
    // Two sds above on both: two face-api sds above its mean.
    expect(fuseFaceScores({ faceApi: 0.5, mobileFace: 0.29 }, n)).toBeCloseTo(0.5, 12);
    // One model's sd is worth the other's: +1 sd on either moves the score alike.
    expect(fuseFaceScores({ faceApi: 0.4, mobileFace: 0.05 }, n)).toBeCloseTo(fuseFaceScores({ faceApi: 0.3, mobileFace: 0.17 }, n), 12);
    // MobileFace agreeing lifts a pair face-api alone puts at 0.5; disagreeing lowers it.
    expect(fuseFaceScores({ faceApi: 0.5, mobileFace: 0.6 }, n)).toBeGreaterThan(0.5);
    expect(fuseFaceScores({ faceApi: 0.5, mobileFace: 0.0 }, n)).toBeLessThan(0.5);
    // Kept in [0,1], as the policy's threshold and Didit's 0-100 scale read it.
    expect(fuseFaceScores({ faceApi: 1, mobileFace: 1 }, { ...n, faceApi: { mean: 0.9, sd: 0.2 } })).toBe(1);
    expect(fuseFaceScores({ faceApi: 0, mobileFace: -1 }, n)).toBe(0);
  });

  it('fits each model\'s impostor mean and standard deviation', () => {
    const fit = fitFaceScoreNormalization([
      { faceApi: 0.2, mobileFace: -0.1 },
      { faceApi: 0.4, mobileFace: 0.3 },
    ]);
    expect(fit.faceApi.mean).toBeCloseTo(0.3, 12);
    expect(fit.faceApi.sd).toBeCloseTo(0.1, 12);
    expect(fit.mobileFace.mean).toBeCloseTo(0.1, 12);
    expect(fit.mobileFace.sd).toBeCloseTo(0.2, 12);
    expect(() => fitFaceScoreNormalization([{ faceApi: 0.2, mobileFace: 0 }])).toThrow();
    expect(() => fitFaceScoreNormalization([{ faceApi: 0.2, mobileFace: 0 }, { faceApi: 0.2, mobileFace: 0.1 }])).toThrow(/spread/);
  });

  it('compares MobileFace embeddings by cosine', () => {
    expect(cosineSimilarity(Float32Array.of(1, 2, 3), Float32Array.of(2, 4, 6))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 5))).toBe(0);
    expect(cosineSimilarity(Float32Array.of(1, 1), Float32Array.of(-1, -1))).toBeCloseTo(-1, 6);
    expect(() => cosineSimilarity(Float32Array.of(1), Float32Array.of(1, 2))).toThrow();
  });

  it('cross-validation refits the normalisation on each fold\'s training impostors only', () => {
    // 5 persons x 3 images; impostor scores depend on the image index only, so every fold's training set has the extremes.
    const persons = ['A', 'B', 'C', 'D', 'E'];
    const images = persons.flatMap((p) => [0, 1, 2].map((j) => ({ file: `${p}${j}`, person: p, j })));
    const pairs: ComponentPair[] = [];
    for (let x = 0; x < images.length; x++)
      for (let y = x + 1; y < images.length; y++) {
        const a = images[x]!, b = images[y]!;
        const odd = (a.j + b.j) % 2;
        const components = a.person === b.person ? { faceApi: 0.6, mobileFace: 0.7 } : { faceApi: 0.3 + 0.02 * odd, mobileFace: 0.05 * (1 - odd) + 0.01 * a.j };
        pairs.push({ a: a.file, b: b.file, personA: a.person, personB: b.person, components, score: null });
      }
    const genuine = pairs.filter(isGenuine).length;
    const cv = crossValidateFused(pairs, 5, 0.001);
    expect(cv.folds).toBe(5);
    // Every pair is held out once: genuine pairs accepted, impostors not.
    expect(cv.fnmr).toMatchObject({ k: 0, n: genuine });
    expect(cv.fmr).toMatchObject({ k: 0, n: pairs.length - genuine });

    // What a refit is given: impostor pairs of the training persons, never a pair of the held-out person.
    const seen: string[][] = [];
    crossValidateFaces(pairs, 5, 0.001, 1, (train) => {
      expect(train.every((p) => !isGenuine(p))).toBe(true);
      seen.push([...new Set(train.flatMap((p) => [p.personA, p.personB]))].sort());
      return () => null;
    });
    expect(seen).toHaveLength(5);
    for (const persons of seen) expect(persons).toHaveLength(4);
    expect(new Set(seen.map((p) => p.join())).size).toBe(5);
  });
});
