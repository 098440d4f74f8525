import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../analysis/defaultPolicy';
import { FaceEngine } from '../../analysis/face/FaceEngine';
import { fuseFaceScores } from '../../analysis/face/fuseFaceScores';
import { FACE_FMR_TARGET } from '../../../../shared/faceCalibration';
import { FACE_CALIBRATION } from '../../../../shared/shippedFaceCalibration';
import { rate } from './stats';
import { crossValidateFaces, faceAllPairsReport, FACE_REPORT_THRESHOLDS } from './faceStats';
import { componentsOf, crossValidateFused, describeFaces, fusedPairs, identityPairs } from './faceSet';
import { ci, CV_SEED, FOLDS, json, median, type Details } from './evalCommon';

/**
 * Faces: one description per photo (FaceEngine in this process, the same detection and
 * largest-face choice as compareFaces), then every pairs.json pair (the contract's figures,
 * in-sample at the shipped threshold), every pair identities.json allows (score distributions,
 * FMR/FNMR at several thresholds, the threshold at the FMR target), and the person-grouped
 * cross-validation, for the fused score the product uses (shipped normalisation in-sample,
 * refitted on the training folds in cross-validation) and, beside it, for face-api's
 * similarity alone (the engine before the fusion) on the same faces.
 */
export async function evalFaces(dir: string, details: Details) {
  const pairs = json<{ pairs: { a: string; b: string; same: boolean }[] }>(join(dir, 'pairs.json')).pairs;
  const threshold = DEFAULT_POLICY.faceMatch.matchThreshold;
  const engine = await FaceEngine.create();
  const images = await describeFaces(
    engine,
    dir,
    pairs.flatMap((p) => [p.a, p.b]),
  );
  engine.dispose();
  const byFile = new Map(images.map((i) => [i.file, i]));
  for (const i of images) details({ section: 'faces.images', id: i.file, expected: i.person, predicted: i.faces ? 'face' : 'no_face', score: null, ms: i.ms, faces: i.faces });
  let sameN = 0, diffN = 0, falseMatch = 0, falseNonMatch = 0, ftd = 0;
  const ms: number[] = [];
  for (const p of pairs) {
    const a = byFile.get(p.a)!, b = byFile.get(p.b)!;
    // What one compareFaces call costs: a detection on each side.
    ms.push(a.ms + b.ms);
    const components = componentsOf(a.face, b.face);
    const score = components && fuseFaceScores(components, FACE_CALIBRATION.normalization);
    if (score === null) ftd++;
    const accepted = score !== null && score >= threshold;
    if (p.same) {
      sameN++;
      if (!accepted) falseNonMatch++;
    } else {
      diffN++;
      if (accepted) falseMatch++;
    }
    details({ section: 'faces.pairs', id: `${p.a}~${p.b}`, expected: p.same ? 'same' : 'different', predicted: score === null ? 'no_face' : accepted ? 'match' : 'no_match', score, components, ms: a.ms + b.ms, correct: accepted === p.same });
  }
  const fmr = rate(falseMatch, diffN), fnmr = rate(falseNonMatch, sameN);
  const faceApi = identityPairs(images);
  const all = fusedPairs(faceApi, FACE_CALIBRATION.normalization);
  for (const p of all) {
    const same = p.personA === p.personB;
    const accepted = p.score !== null && p.score >= threshold;
    details({ section: 'faces.all_pairs', id: `${p.a}~${p.b}`, expected: same ? 'same' : 'different', predicted: p.score === null ? 'no_face' : accepted ? 'match' : 'no_match', score: p.score, components: p.components, ms: null, correct: accepted === same });
  }
  return {
    score: 'fused: face-api similarity and MobileFace cosine, each standardised by its impostor mean and sd, averaged, on the face-api scale (fuseFaceScores.ts)',
    pairs: pairs.length,
    threshold,
    fmr: diffN ? falseMatch / diffN : 0,
    fnmr: sameN ? falseNonMatch / sameN : 0,
    fmr_ci95: ci(fmr),
    fnmr_ci95: ci(fnmr),
    failures_to_detect: ftd,
    ms_p50: Math.round(median(ms)),
    photos: images.length,
    photos_without_face: images.filter((i) => !i.face).map((i) => i.file),
    rates: { fmr, fnmr },
    normalization: FACE_CALIBRATION.normalization,
    all_pairs: faceAllPairsReport(all, FACE_REPORT_THRESHOLDS, FACE_FMR_TARGET),
    cross_validated: { grouped_by: 'person', refitted: 'normalisation and threshold on the training folds', ...crossValidateFused(faceApi, FOLDS, FACE_FMR_TARGET, CV_SEED) },
    face_api_alone: {
      score: 'face-api similarity alone (the engine before the fusion), same faces',
      all_pairs: faceAllPairsReport(faceApi, FACE_REPORT_THRESHOLDS, FACE_FMR_TARGET),
      cross_validated: { grouped_by: 'person', ...crossValidateFaces(faceApi, FOLDS, FACE_FMR_TARGET, CV_SEED) },
    },
  };
}
