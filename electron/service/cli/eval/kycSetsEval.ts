import { join } from 'node:path';
import { parse as parseMrz } from 'mrz';
import type { AnalysisPool } from '../../analysis/pool/AnalysisPool';
import { DEFAULT_POLICY } from '../../analysis/defaultPolicy';
import type { DocumentTaskResult, SelfieTaskResult } from '../../analysis/worker/protocol';
import { attempt, json, read } from './evalCommon';
import { mrzFields, norm, type GroundTruthDoc } from './mrzGroundTruth';

/** Ground truth given as MRZ lines: the printed values, field by field (names as parsed). */
function expectedFromLines(lines: string[]): Partial<GroundTruthDoc> {
  const r = parseMrz(lines);
  const slice = (field: string) => {
    const g = r.details.find((x) => x.field === field)?.ranges[0];
    return g ? (lines[g.line] ?? '').slice(g.start, g.end) : '';
  };
  const raw = (field: string) => r.details.find((x) => x.field === field)?.value ?? slice(field);
  return {
    document_code: raw('documentCode'),
    issuing_state: raw('issuingState'),
    surname: raw('lastName'),
    given_names: raw('firstName'),
    document_number: raw('documentNumber'),
    nationality: raw('nationality'),
    birth_date_yymmdd: raw('birthDate'),
    sex: slice('sex').replace(/</g, ''),
    expiry_date_yymmdd: raw('expirationDate'),
  };
}

export async function evalKycSets(pool: AnalysisPool, dir: string) {
  const raw = json<Record<string, unknown> | Record<string, unknown>[]>(join(dir, 'ground_truth.json'));
  const sets = (Array.isArray(raw) ? raw : Array.isArray((raw as { sets?: unknown }).sets) ? (raw as { sets: Record<string, unknown>[] }).sets : [raw]) as {
    files: Record<string, string>;
    same_person?: boolean;
    mrz?: Partial<GroundTruthDoc>;
    doc_back_mrz?: Partial<GroundTruthDoc>;
    mrz_lines?: string[];
    doc_back_mrz_lines?: string[];
  }[];
  let faceCorrect = 0, mrzExact = 0;
  for (const s of sets) {
    const portrait = s.files.doc_face ?? s.files.doc_front;
    if (portrait && s.files.selfie) {
      const { value: r } = await attempt(() => pool.run<SelfieTaskResult>('face', { kind: 'selfie', document: read(join(dir, portrait)), selfie: read(join(dir, s.files.selfie!)), quality: null, faceThreshold: DEFAULT_POLICY.faceMatch.matchThreshold, padThreshold: null }));
      if ((r?.faceMatch?.outcome === 'MATCH') === (s.same_person ?? true)) faceCorrect++;
    }
    const lines = s.mrz_lines ?? s.doc_back_mrz_lines;
    const truth = s.mrz ?? s.doc_back_mrz ?? (lines ? expectedFromLines(lines) : undefined);
    if (truth && s.files.doc_back) {
      const { value: r } = await attempt(() => pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: read(join(dir, s.files.doc_back!)), back: null, quality: null, runMrz: true }));
      const got = r ? mrzFields(r.mrz) : null;
      const want = [truth.document_code, truth.issuing_state, truth.surname, truth.given_names, truth.document_number, truth.nationality, truth.birth_date_yymmdd, truth.sex, truth.expiry_date_yymmdd].map(norm);
      if (got && want.every((w, i) => w === got[i])) mrzExact++;
    }
  }
  return { sets: sets.length, face_match_correct: faceCorrect, mrz_exact: mrzExact };
}
