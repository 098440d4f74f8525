import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput, companyInput } from '../helpers/profileFixtures';
import { TINY_PNG } from '../helpers/caseSetup';
import { ErrorCode } from '../../shared/errorCodes';
import type { IntakeStatus, IntakeTexts } from '../../shared/schemas/intake';
import type { Result } from '../../shared/result';
import { intakeContract } from '../../shared/contracts/intakeContract';
import type { Role } from '../../shared/schemas/operator';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}

const png = TINY_PNG.toString('base64');

describe('intake: the onboarding flow through the service', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  let texts: IntakeTexts;

  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    texts = must(await t.service.call('intake.texts', {}, staff));
  });
  afterEach(() => t.cleanup());

  const auditTypes = () => t.service.deps.auditRows.list({ limit: 1000 }).map((e) => e.type);

  async function begin(type: 'PERSON' | 'COMPANY' = 'PERSON'): Promise<IntakeStatus> {
    return must(await t.service.call('intake.begin', { type }, staff));
  }

  it('serves the versioned consent and agreements', () => {
    expect(texts.consent.kind).toBe('consent');
    expect(texts.consent.version).toBe(1);
    expect(texts.consent.text.length).toBeGreaterThan(100);
    expect(texts.consent.zhCN?.title).toBeTruthy();
    expect(texts.agreements.map((a) => a.id)).toEqual(['terms_of_service', 'privacy_notice', 'risk_disclosure']);
  });

  it('runs consent, documents, personal information, agreements and submit, each step audited', async () => {
    const s0 = await begin();
    expect(s0.caseStatus).toBe('NOT_STARTED');
    expect(s0.steps).toEqual({ consent: false, documents: false, personalInfo: false, liveness: false, agreements: false, submitted: false });
    const id = s0.profileId;

    const s1 = must(await t.service.call('intake.recordConsent', { profileId: id, consentVersion: 1 }, staff));
    expect(s1.steps.consent).toBe(true);
    expect(s1.consent).toMatchObject({ version: 1, operatorName: expect.stringContaining('branch_staff'), outdated: false });
    expect(s1.leapCatStatus).toBe('IN_PROGRESS');

    const doc = must(await t.service.call('intake.addDocument', { profileId: id, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: png }, staff));
    expect(doc.pending).toBe(true);
    const s2 = must(await t.service.call('intake.status', { profileId: id }, staff));
    expect(s2.steps.documents).toBe(true);
    expect(s2.caseId).toBeNull();

    const profile = must(await t.service.call('intake.savePersonalInfo', { profileId: id, type: 'PERSON', data: personInput() }, staff));
    expect(profile.id).toBe(id);
    const s3 = must(await t.service.call('intake.status', { profileId: id }, staff));
    expect(s3.caseStatus).toBe('IN_PROGRESS');
    expect(s3.documents).toHaveLength(1);
    expect(s3.documents[0]).toMatchObject({ kind: 'DOCUMENT_FRONT', pending: false, sha256: doc.sha256 });
    expect(t.service.deps.evidenceRows.forCase(s3.caseId!).map((e) => e.kind)).toEqual(['DOCUMENT_FRONT']);

    const early = await t.service.call('intake.submit', { profileId: id }, staff);
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error).toMatchObject({ code: ErrorCode.REQUIRED, field: 'agreements' });

    const s4 = must(await t.service.call('intake.acceptAgreements', { profileId: id, accepted: texts.agreements.map((a) => ({ id: a.id, version: a.version })) }, staff));
    expect(s4.steps.agreements).toBe(true);
    expect(s4.missingForSubmit).toEqual([]);

    const s5 = must(await t.service.call('intake.submit', { profileId: id }, staff));
    expect(s5.caseStatus).toBe('SUBMITTED');
    expect(s5.steps.submitted).toBe(true);
    expect(s5.editable).toBe(false);
    expect(t.service.deps.jobs.forCase(s5.caseId!)).toHaveLength(1);

    const types = auditTypes();
    for (const type of ['intake.begun', 'intake.consent_recorded', 'intake.document_added', 'profile.created', 'evidence.added', 'intake.agreements_accepted', 'intake.submitted']) {
      expect(types).toContain(type);
    }
    const again = await t.service.call('intake.recordConsent', { profileId: id, consentVersion: 1 }, staff);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe(ErrorCode.INTAKE_UNDER_REVIEW);
  });

  it('takes supplementary documents after a resubmission request and resubmits', async () => {
    const id = (await begin()).profileId;
    must(await t.service.call('intake.recordConsent', { profileId: id, consentVersion: 1 }, staff));
    must(await t.service.call('intake.addDocument', { profileId: id, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: png }, staff));
    must(await t.service.call('intake.savePersonalInfo', { profileId: id, type: 'PERSON', data: personInput() }, staff));
    must(await t.service.call('intake.acceptAgreements', { profileId: id, accepted: texts.agreements.map((a) => ({ id: a.id, version: a.version })) }, staff));
    const submitted = must(await t.service.call('intake.submit', { profileId: id }, staff));
    const claimed = must(await t.service.call('cases.claim', { id: submitted.caseId! }, officer));
    must(
      await t.service.call(
        'cases.decide',
        { caseId: claimed.id, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', customerMessage: 'Please retake the back.', resubmitItems: ['DOCUMENT_BACK'], expectedVersion: claimed.version },
        officer,
      ),
    );
    const s = must(await t.service.call('intake.status', { profileId: id }, staff));
    expect(s.caseStatus).toBe('RESUBMISSION_REQUESTED');
    expect(s.leapCatStatus).toBe('SUPPLEMENTARY_REQUIRED');
    expect(s.resubmission).toMatchObject({ items: ['DOCUMENT_BACK'], reasonCode: 'BLURRY_DOCUMENT', customerMessage: 'Please retake the back.' });
    expect(s.missingForSubmit).toEqual(['documents']);
    expect(s.editable).toBe(true);

    must(await t.service.call('intake.addDocument', { profileId: id, kind: 'DOCUMENT_BACK', fileName: 'back.png', mimeType: 'image/png', dataBase64: png }, staff));
    const resubmitted = must(await t.service.call('intake.submit', { profileId: id }, staff));
    expect(resubmitted.caseStatus).toBe('SUBMITTED');
    expect(resubmitted.resubmission).toBeNull();
  });

  it('refuses outdated consent and agreement versions, and keeps old texts readable', async () => {
    const admin = await t.signInAs('admin');
    const published = must(await t.service.call('intake.publishText', { id: 'kyc_consent', kind: 'consent', title: 'Consent v2', text: 'New wording of the consent.' }, admin));
    expect(published.version).toBe(2);
    const id = (await begin()).profileId;
    const old = await t.service.call('intake.recordConsent', { profileId: id, consentVersion: 1 }, staff);
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.error).toMatchObject({ code: ErrorCode.INTAKE_TEXT_VERSION, field: 'consentVersion' });
    expect(must(await t.service.call('intake.text', { id: 'kyc_consent', version: 1 }, staff)).title).toBe(texts.consent.title);
    expect(must(await t.service.call('intake.texts', {}, staff)).consent.version).toBe(2);
    const bad = await t.service.call('intake.acceptAgreements', { profileId: id, accepted: [{ id: 'terms_of_service', version: 1 }, { id: 'no_such_text', version: 1 }] }, staff);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: ErrorCode.INTAKE_TEXT_VERSION, field: 'accepted.1.id' });
    // Nothing of the refused call landed.
    expect(must(await t.service.call('intake.status', { profileId: id }, staff)).agreements.accepted).toEqual([]);
    const second = await t.service.call('intake.publishText', { id: 'other_consent', kind: 'consent', title: 'x', text: 'y' }, admin);
    expect(second.ok).toBe(false);
    const staffPublish = await t.service.call('intake.publishText', { id: 'kyc_consent', kind: 'consent', title: 'x', text: 'y' }, staff);
    expect(staffPublish.ok).toBe(false);
    if (!staffPublish.ok) expect(staffPublish.error.code).toBe(ErrorCode.FORBIDDEN);
    expect(auditTypes()).toContain('intake.text_published');
  });

  it('creates a company whose owners are existing persons, and corrects it while onboarding', async () => {
    const owner = must(await t.service.call('profiles.createPerson', personInput(), staff));
    const id = (await begin('COMPANY')).profileId;
    const wrongType = await t.service.call('intake.savePersonalInfo', { profileId: id, type: 'PERSON', data: personInput() }, staff);
    expect(wrongType.ok).toBe(false);
    const badOwner = await t.service.call('intake.savePersonalInfo', { profileId: id, type: 'COMPANY', data: companyInput('nobody') }, staff);
    expect(badOwner.ok).toBe(false);
    if (!badOwner.ok) expect(badOwner.error.code).toBe(ErrorCode.INVALID_OWNER);
    const data = companyInput(owner.id);
    const company = must(await t.service.call('intake.savePersonalInfo', { profileId: id, type: 'COMPANY', data }, staff));
    expect(company.type).toBe('COMPANY');
    const fixed = must(await t.service.call('intake.savePersonalInfo', { profileId: id, type: 'COMPANY', data: { ...data, tradeName: undefined, companyName: 'Andes Trading Group S.A.S.' } }, staff));
    expect(fixed.displayName).toBe('Andes Trading Group S.A.S.');
    expect(fixed.type === 'COMPANY' && fixed.data.tradeName).toBeFalsy();
    const owners = must(await t.service.call('intake.list', { type: 'PERSON', withProfile: true }, staff));
    expect(owners.map((o) => o.profileId)).toContain(owner.id);
    expect(owners.every((o) => o.type === 'PERSON')).toBe(true);
  });

  it('works on a profile made elsewhere: consent starts its case', async () => {
    const p = must(await t.service.call('profiles.createPerson', personInput(), staff));
    const s = must(await t.service.call('intake.recordConsent', { profileId: p.id, consentVersion: 1 }, staff));
    expect(s.caseStatus).toBe('IN_PROGRESS');
    expect(s.steps.personalInfo).toBe(true);
    const listed = must(await t.service.call('intake.list', { search: p.displayName.split(' ')[0] }, staff));
    expect(listed[0]?.profileId).toBe(p.id);
  });

  it('saves and resumes a draft', async () => {
    const id = (await begin()).profileId;
    expect(must(await t.service.call('intake.getDraft', { profileId: id }, staff))).toBeNull();
    must(await t.service.call('intake.saveDraft', { profileId: id, step: 'personalInfo', data: { firstName: 'Ana' } }, staff));
    const d = must(await t.service.call('intake.getDraft', { profileId: id }, staff));
    expect(d).toMatchObject({ step: 'personalInfo', data: { firstName: 'Ana' } });
    expect(auditTypes()).toContain('intake.draft_saved');
    const huge = await t.service.call('intake.saveDraft', { profileId: id, step: 'personalInfo', data: { blob: 'x'.repeat(300_000) } }, staff);
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'data' });
  });

  it('refuses bad input with coded errors and writes nothing', async () => {
    const id = (await begin()).profileId;
    const before = auditTypes().length;
    const cases: [string, unknown, string, string | undefined][] = [
      ['intake.status', { profileId: 'missing' }, ErrorCode.NOT_FOUND, 'profileId'],
      ['intake.status', {}, ErrorCode.REQUIRED, 'profileId'],
      ['intake.recordConsent', { profileId: id }, ErrorCode.REQUIRED, 'consentVersion'],
      ['intake.recordConsent', { profileId: 'missing', consentVersion: 1 }, ErrorCode.NOT_FOUND, 'profileId'],
      ['intake.addDocument', { profileId: id, kind: 'DOCUMENT_FRONT', fileName: 'a.gif', mimeType: 'image/gif', dataBase64: png }, ErrorCode.INVALID_INPUT, 'mimeType'],
      ['intake.addDocument', { profileId: id, kind: 'DOCUMENT_FRONT', fileName: 'a.jpg', mimeType: 'image/jpeg', dataBase64: png }, ErrorCode.INVALID_EVIDENCE, 'mimeType'],
      ['intake.addDocument', { profileId: id, kind: 'DOCUMENT_FRONT', fileName: 'a.png', mimeType: 'image/png', dataBase64: 'not base64!' }, ErrorCode.INVALID_EVIDENCE, 'dataBase64'],
      ['intake.addDocument', { profileId: id, kind: 'LIVENESS_CLIP', fileName: 'a.png', mimeType: 'image/png', dataBase64: png }, ErrorCode.INVALID_INPUT, 'kind'],
      ['intake.acceptAgreements', { profileId: id, accepted: [] }, ErrorCode.INVALID_INPUT, 'accepted'],
      ['intake.savePersonalInfo', { profileId: id, type: 'PERSON', data: personInput({ email: 'nope' }) }, ErrorCode.INVALID_EMAIL, 'data.email'],
      ['intake.savePersonalInfo', { profileId: id, type: 'PERSON', data: personInput({ dateOfBirth: '2020-01-01' }) }, ErrorCode.UNDERAGE, 'data.dateOfBirth'],
      ['intake.savePersonalInfo', { profileId: 'missing', type: 'PERSON', data: personInput() }, ErrorCode.NOT_FOUND, 'profileId'],
      ['intake.submit', { profileId: id }, ErrorCode.REQUIRED, 'consent'],
      ['intake.prefill', { profileId: id }, ErrorCode.REQUIRED, 'DOCUMENT_FRONT'],
      ['intake.text', { id: 'kyc_consent', version: 9 }, ErrorCode.NOT_FOUND, 'version'],
    ];
    for (const [op, input, code, field] of cases) {
      const r = await t.service.callUntyped(op, input, staff);
      expect(r.ok, `${op} ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
      if (!r.ok) expect({ op, code: r.error.code, field: r.error.field }).toEqual({ op, code, field });
    }
    expect(auditTypes().length).toBe(before);
    expect(must(await t.service.call('intake.status', { profileId: id }, staff)).documents).toEqual([]);
  });

  it('gives the prefill ENGINE_OFF when the engine is not running', async () => {
    const id = (await begin()).profileId;
    must(await t.service.call('intake.addDocument', { profileId: id, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: png }, staff));
    const r = await t.service.call('intake.prefill', { profileId: id }, staff);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(ErrorCode.ENGINE_OFF);
  });

  it('lets only intake roles change onboarding; auditors may read the status', async () => {
    const id = (await begin()).profileId;
    const auditor = await t.signInAs('auditor');
    const admin = await t.signInAs('admin');
    for (const token of [auditor, admin]) {
      for (const [op, input] of [
        ['intake.begin', { type: 'PERSON' }],
        ['intake.recordConsent', { profileId: id, consentVersion: 1 }],
        ['intake.acceptAgreements', { profileId: id, accepted: [{ id: 'terms_of_service', version: 1 }] }],
        ['intake.addDocument', { profileId: id, kind: 'DOCUMENT_FRONT', fileName: 'f.png', mimeType: 'image/png', dataBase64: png }],
        ['intake.submit', { profileId: id }],
        ['intake.saveDraft', { profileId: id, step: 'consent', data: {} }],
      ] as const) {
        const r = await t.service.callUntyped(op, input, token);
        expect(r.ok ? 'ok' : r.error.code).toBe(ErrorCode.FORBIDDEN);
      }
    }
    expect((await t.service.call('intake.status', { profileId: id }, auditor)).ok).toBe(true);
    expect(must(await t.service.call('intake.status', { profileId: id }, officer)).profileId).toBe(id);
    const anonymous = await t.service.call('intake.texts', {}, null);
    expect(anonymous.ok ? 'ok' : anonymous.error.code).toBe(ErrorCode.NOT_AUTHENTICATED);
  });

  it('enforces each intake operation\'s roles: everyone outside the list is refused before any input is read', async () => {
    const tokens: Record<Role, string> = {
      branch_staff: staff,
      officer,
      senior_officer: await t.signInAs('senior_officer'),
      auditor: await t.signInAs('auditor'),
      admin: await t.signInAs('admin'),
    };
    for (const [op, spec] of Object.entries(intakeContract)) {
      for (const [role, token] of Object.entries(tokens) as [Role, string][]) {
        const r = await t.service.callUntyped(op, {}, token);
        const allowed = spec.roles !== 'public' && (spec.roles as readonly string[]).includes(role);
        // Allowed roles get past the role check and fail on the empty input (or succeed); others get FORBIDDEN.
        expect({ op, role, forbidden: !r.ok && r.error.code === ErrorCode.FORBIDDEN }).toEqual({ op, role, forbidden: !allowed });
      }
    }
  });
});
