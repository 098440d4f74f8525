import type { TempService } from './tempService';
import { personInput } from './profileFixtures';
import { demoImage, mimeOf } from './analysisSetup';
import type { AnalysisResult } from '../../shared/schemas/analysis';
import { newId } from '../../electron/service/core/newId';

export const CHINESE_NAME = { firstName: '伟', lastName: '张' } as const;

type Call = TempService['service']['call'];
function must<T>(r: Awaited<ReturnType<Call>> & ({ ok: true; value: T } | { ok: false; error: { message: string } })): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * A stored engine result as the analysis worker writes it (the engine itself is exercised by
 * test/analysis); the name check fails, so the report must mark a mismatch.
 */
export function engineResult(policyVersion: number, completedAt: string): AnalysisResult {
  return {
    policyVersion,
    recommendation: 'DECLINE',
    submitResult: 2,
    reasons: [{ code: 'NAME_MISMATCH', message: 'The name on the document differs from the profile' }],
    checks: [
      { check: 'quality', outcome: 'PASS', reasons: [], ms: 41 },
      { check: 'mrz', outcome: 'PASS', reasons: [], ms: 812 },
      { check: 'crossChecks', outcome: 'FAIL', reasons: [{ code: 'NAME_MISMATCH', message: 'Name similarity 0.12' }], ms: 1 },
      { check: 'faceMatch', outcome: 'PASS', reasons: [], ms: 350 },
      { check: 'presentationAttack', outcome: 'PASS', reasons: [], ms: 20 },
    ],
    quality: {
      DOCUMENT_FRONT: {
        width: 1200,
        height: 850,
        acceptable: true,
        reasons: [],
        measures: [
          { name: 'sharpness', value: 0.734, threshold: 0.35, passWhen: '>=', pass: true, reason: null },
          { name: 'glare', value: 0.021, threshold: 0.08, passWhen: '<=', pass: true, reason: null },
          { name: 'glareFade', value: 0.00528, threshold: 0.036, passWhen: '<=', pass: true, reason: null },
          { name: 'resolution', value: 1200, threshold: 400, passWhen: '>=', pass: true, reason: null },
        ],
      },
    },
    mrz: {
      format: 'TD3',
      lines: ['P<CHNZHANG<<WEI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'E123456786CHN9004127M3001011<<<<<<<<<<<<<<06'],
      fields: {
        documentCode: { value: 'P', source: 'MRZ', confidence: 0.99, checkDigitValid: null },
        issuingState: { value: 'CHN', source: 'MRZ', confidence: 0.98, checkDigitValid: null },
        surname: { value: 'ZHANG', source: 'MRZ', confidence: 0.97, checkDigitValid: null },
        givenNames: { value: 'WEI', source: 'MRZ', confidence: 0.96, checkDigitValid: null },
        documentNumber: { value: 'E12345678', source: 'MRZ', confidence: 0.95, checkDigitValid: true },
        nationality: { value: 'CHN', source: 'MRZ', confidence: 0.98, checkDigitValid: null },
        birthDate: { value: '900412', source: 'MRZ', confidence: 0.97, checkDigitValid: true },
        sex: { value: 'M', source: 'MRZ', confidence: 0.99, checkDigitValid: null },
        expiryDate: { value: '300101', source: 'MRZ', confidence: 0.97, checkDigitValid: true },
        personalNumber: null,
      },
      checkDigits: [{ name: 'documentNumber', valid: true }],
      valid: true,
      corrections: 1,
      confidence: 0.962,
    },
    crossChecks: [
      { code: 'NAME_MISMATCH', outcome: 'FAIL', detail: 'Name similarity 0.12 (match at 0.85)', expected: '伟 张', found: 'WEI ZHANG' },
      { code: 'BIRTH_DATE_MISMATCH', outcome: 'PASS', detail: 'Date of birth on the document against the profile', expected: '1990-04-12', found: '1990-04-12' },
      { code: 'DOCUMENT_NUMBER_MISMATCH', outcome: 'PASS', detail: 'Document number on the document against the profile', expected: 'E12345678', found: 'E12345678' },
    ],
    faceMatch: { outcome: 'MATCH', similarity: 0.713, threshold: 0.5, declineBelow: 0.3, components: { faceApi: 0.688, mobileFace: 0.541 } },
    presentationAttack: { score: 0.118, threshold: 0.5, attack: false, signals: [{ name: 'texture', value: 0.2 }] },
    timings: { total: 1300 },
    completedAt,
  };
}

export interface ReportSetup {
  caseId: string;
  tokens: { staff: string; officer: string; senior: string; auditor: string; admin: string };
}

/**
 * A Chinese applicant's case with document and selfie images, an engine result, a liveness
 * session, and an approval against the engine's DECLINE that a second senior officer confirms.
 */
export async function reportCase(t: TempService, tokens?: ReportSetup['tokens']): Promise<ReportSetup> {
  const tk = tokens ?? {
    staff: await t.signInAs('branch_staff'),
    officer: await t.signInAs('officer'),
    senior: await t.signInAs('senior_officer'),
    auditor: await t.signInAs('auditor'),
    admin: await t.signInAs('admin'),
  };
  const s = t.service;
  const profile = must(await s.call('profiles.createPerson', personInput({ ...CHINESE_NAME, nationality: 'CN', document: { type: 'PASSPORT', number: 'E12345678', issuedCountryCode: 'CN' } }), tk.staff));
  const caseId = s.deps.cases.byProfileId(profile.id)!.id;
  must(await s.call('cases.start', { id: caseId }, tk.staff));
  for (const [kind, file] of [
    ['DOCUMENT_FRONT', 'pe_100_pass-chn.jpg'],
    ['SELFIE', 'set1_selfie.png'],
  ] as const) {
    const bytes = demoImage(file);
    must(await s.call('evidence.add', { caseId, kind, fileName: file, mimeType: mimeOf(bytes), dataBase64: bytes.toString('base64') }, tk.staff));
  }
  const live = must(await s.call('liveness.start', { caseId }, tk.staff));
  must(await s.call('cases.submit', { id: caseId }, tk.staff));
  const now = s.deps.clock().toISOString();
  // Key frames as the liveness verifier keeps them: small JPEGs in the evidence store.
  const frames = ['pe_100_id-che.jpg', 'pe_98_pass-nld.jpg'].map((f) => s.deps.evidenceFiles.put(demoImage(f)).sha256);
  const actions = live.actions.map((action, i) => ({ action, detected: true, confidence: 0.9 - i / 10, evidence: `peak change ${(0.3 + i / 10).toFixed(2)} over 14 frames`, frames: 30, facesFound: 30, keyFrames: frames }));
  s.deps.db.transaction(() => {
    s.deps.analyses.insert({ id: newId(), caseId, jobId: null, result: engineResult(s.deps.policies.latest()!.version, now), now });
    s.deps.liveness.complete(
      live.id,
      'PASSED',
      {
        actions,
        passedActions: live.actions.length,
        requiredActions: live.actions.length,
        confidence: 0.85,
        faceMatch: { reference: 'selfie', similarity: 0.734, threshold: 0.51, components: { faceApi: 0.7, mobileFace: 0.55 }, detail: null },
      },
      now,
    );
  })();
  const claimed = must(await s.call('cases.claim', { id: caseId }, tk.officer));
  const decision = must(
    await s.call('cases.decide', { caseId, action: 'approve', internalComment: 'Pinyin name matches the MRZ; 张伟 is ZHANG WEI.', expectedVersion: claimed.version }, tk.officer),
  );
  if (decision.state !== 'proposed') throw new Error(`expected a four-eyes proposal, got ${decision.state}`);
  const second = await t.signInAs('senior_officer');
  const v = s.deps.cases.byId(caseId)!.version;
  must(await s.call('cases.review', { decisionId: decision.id, verdict: 'confirm', comment: 'Confirmed against the passport page.', expectedVersion: v }, second));
  return { caseId, tokens: tk };
}
