import { profileFacts } from '../../../shared/profileFacts';
import type { CaseFlag } from '../../../shared/schemas/screening';
import { engineWords, type EngineTerm } from '../../../shared/schemas/engineText';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import type { StoredFace } from '../repositories/ScreeningRepository';
import type { StoredFaceScore } from '../analysis/face/storedFaceScore';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** How two stored faces compare (null: they do not), and the threshold (the policy's) a match must reach. */
export interface FaceComparison {
  score(a: StoredFace, b: StoredFace): StoredFaceScore | null;
  threshold: number;
  /** The case's selfie face read as face description version 1 did, while faces described so are stored. */
  mineVersion1?: Float32Array;
}

// A pair read without the fused score says so: an officer weighs the flag knowing it.
const BASIS: Record<StoredFaceScore['basis'], EngineTerm> = { fused: 'fused', 'fused-v1': 'fusedV1', 'face-api': 'faceApiOnly', mobileface: 'mobilefaceOnly' };
// Both fused readings are what the threshold was set for (version 1's at its own calibration); one model alone is not.
const reading = (s: StoredFaceScore) => ({ score: s.score, singleModel: s.basis === 'face-api' || s.basis === 'mobileface', how: { basis: { term: BASIS[s.basis] }, score: s.score.toFixed(3) } });

/** The document number read from the document itself (its MRZ, check digit verified), with its issuer. */
export interface ReadDocument {
  number: string;
  /** ISO 3166 alpha-2; null when the MRZ's issuer has no country code (an organisation). */
  country: string | null;
}

/**
 * Looks for the case's document and face on the blocklist and in other cases, and records
 * what it finds as flags linked to the other case. Idempotent: a flag is raised once.
 * The document is screened by the number the profile declares and, when the analysis read a
 * different one from the document's MRZ, by that one too: someone presenting a blocklisted
 * passport while typing another number is still caught. Call inside a transaction. Returns the
 * case's flags.
 */
export function screenCase(deps: ServiceDeps, caseId: string, now: Date, face?: FaceComparison, read?: ReadDocument | null): CaseFlag[] {
  const c = deps.cases.byId(caseId);
  const profile = c && deps.profiles.byId(c.profileId);
  if (!c || !profile) return [];
  const at = now.toISOString();
  const flag = (f: Omit<Parameters<ServiceDeps['screening']['addFlag']>[0], 'id' | 'caseId' | 'now'>) => {
    if (deps.screening.addFlag({ ...f, id: newId(), caseId, now: at })) {
      deps.audit.append({ at, actor: { id: null, name: SYSTEM_ACTOR_NAMES.screening }, type: 'case.flagged', caseId, profileId: c.profileId, payload: { kind: f.kind, otherCaseId: f.otherCaseId, blocklistId: f.blocklistId } });
    }
  };

  const facts = profileFacts(profile);
  const number = facts.documentNumber;
  // An applicant without a document number yet has nothing to screen by document.
  if (number) {
    for (const e of deps.screening.documentEntries(number)) {
      if (e.sourceCaseId === caseId || (e.country && e.country !== facts.documentCountry)) continue;
      flag({ kind: 'BLOCKLIST_DOCUMENT', otherCaseId: e.sourceCaseId, blocklistId: e.id, score: null, detail: engineWords('blocklistDocument', { number }) });
    }
    for (const other of deps.screening.casesWithDocument(number, facts.countryCode, caseId)) {
      flag({ kind: 'DUPLICATE_DOCUMENT', otherCaseId: other, blocklistId: null, score: null, detail: engineWords('duplicateDocument', { number }) });
    }
  }
  if (read && read.number !== number) {
    for (const e of deps.screening.documentEntries(read.number)) {
      if (e.sourceCaseId === caseId || (e.country && read.country && e.country !== read.country)) continue;
      flag({ kind: 'BLOCKLIST_DOCUMENT', otherCaseId: e.sourceCaseId, blocklistId: e.id, score: null, detail: engineWords('blocklistDocumentRead', { number: read.number }) });
    }
    for (const other of deps.screening.casesWithDocument(read.number, facts.countryCode, caseId)) {
      flag({ kind: 'DUPLICATE_DOCUMENT', otherCaseId: other, blocklistId: null, score: null, detail: engineWords('duplicateDocumentRead', { number: read.number }) });
    }
  }

  const stored = face && deps.screening.faceOf(caseId);
  const mine = stored && (face.mineVersion1 ? { ...stored, version1Descriptor: face.mineVersion1 } : stored);
  if (face && mine) {
    for (const e of deps.screening.faceEntries()) {
      if (e.sourceCaseId === caseId) continue;
      const s = face.score(mine, e.face);
      if (!s || s.score < face.threshold) continue;
      const r = reading(s);
      flag({ kind: 'BLOCKLIST_FACE', otherCaseId: e.sourceCaseId, blocklistId: e.id, score: r.score, singleModel: r.singleModel, detail: engineWords('blocklistFace', r.how) });
    }
    // Collect first, write after: the scan holds a read cursor open on the connection.
    const matches: { caseId: string; s: StoredFaceScore }[] = [];
    for (const o of deps.screening.otherFaces(caseId)) {
      const s = face.score(mine, o.face);
      if (s && s.score >= face.threshold) matches.push({ caseId: o.caseId, s });
    }
    for (const m of matches) {
      const r = reading(m.s);
      flag({ kind: 'DUPLICATE_FACE', otherCaseId: m.caseId, blocklistId: null, score: r.score, singleModel: r.singleModel, detail: engineWords('duplicateFace', r.how) });
    }
  }
  return deps.screening.flagsFor(caseId);
}
