import { ErrorCode } from '../../../shared/errorCodes';
import type { intakeContract } from '../../../shared/contracts/intakeContract';
import type { IntakeDocument, IntakeListItem } from '../../../shared/schemas/intake';
import type { CaseStatus } from '../../../shared/caseStatus';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase, moveCase } from '../cases/caseWorkflow';
import type { DocumentTaskResult } from '../analysis/worker/protocol';
import { assertEditable, customerType, ensureApplication } from '../intake/applicationRules';
import { assertSelfieFace } from '../intake/assertSelfieFace';
import { attachUploads } from '../intake/attachUploads';
import { decodeUpload } from '../evidence/decodeUpload';
import { intakeStatus } from '../intake/intakeStatus';
import { prefillFromMrz } from '../intake/prefillFromMrz';
import { savePersonalInfo } from '../intake/savePersonalInfo';
import { caseHandlers } from './caseHandlers';
import { addEvidence } from '../evidence/addEvidence';
import { discardApplication } from '../intake/discardApplication';
import type { HandlerSlice } from './Handlers';

/** Drafts are form values, not files: a few hundred kilobytes is far more than any form holds. */
const MAX_DRAFT_CHARS = 256 * 1024;

export const intakeHandlers: HandlerSlice<keyof typeof intakeContract> = {
  'intake.begin'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const profileId = newId();
      deps.intake.insertApplication({ profileId, type: input.type, createdBy: actor.id, at: now.toISOString() });
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'intake.begun', profileId, payload: { type: input.type } });
      return intakeStatus(deps, profileId, now);
    });
  },

  'intake.discard'(input, { deps, now, actor }) {
    return discardApplication(deps, input.profileId, { id: actor.id, name: actor.displayName }, now);
  },

  'intake.list'(input, { deps, now }) {
    const repo = deps.intake;
    const withProfile: IntakeListItem[] = repo.searchProfiles(input.search, input.type, input.limit).map((r) => ({
      profileId: r.id,
      type: r.type,
      displayName: r.display_name,
      externalId: r.external_id,
      caseStatus: (r.status ?? 'NOT_STARTED') as CaseStatus,
      hasProfile: true,
      updatedAt: r.updated,
    }));
    // Applications without a profile have no name yet; they show only when nothing is searched.
    const reserved: IntakeListItem[] =
      input.withProfile || input.search
        ? []
        : repo.applicationsWithoutProfile(input.type, input.limit).map((a) => ({
            profileId: a.profile_id,
            type: a.type,
            displayName: null,
            externalId: null,
            // As the wizard shows it: not started until consent or a document is recorded.
            caseStatus: intakeStatus(deps, a.profile_id, now).caseStatus,
            hasProfile: false,
            updatedAt: a.updated_at,
          }));
    return [...withProfile, ...reserved].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, input.limit);
  },

  'intake.status'(input, { deps, now }) {
    return intakeStatus(deps, input.profileId, now);
  },

  'intake.texts'(_input, { deps }) {
    const texts = deps.intake.currentTexts();
    const consent = texts.find((t) => t.kind === 'consent');
    if (!consent) throw new ServiceFailure(ErrorCode.INTERNAL, 'the store has no consent text');
    return { consent, agreements: texts.filter((t) => t.kind !== 'consent') };
  },

  'intake.text'(input, { deps }) {
    const t = deps.intake.text(input.id, input.version);
    if (!t) throw new ServiceFailure(ErrorCode.NOT_FOUND, `no text ${input.id} version ${input.version}`, 'version');
    return t;
  },

  'intake.publishText'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const repo = deps.intake;
      const latest = repo.latestVersionOf(input.id);
      if (latest && latest.kind !== input.kind) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `${input.id} is a ${latest.kind} text`, 'kind');
      // One consent text: a second one would leave the wizard guessing which the customer agreed to.
      const consent = repo.currentTexts().find((t) => t.kind === 'consent');
      if (input.kind === 'consent' && consent && consent.id !== input.id) {
        throw new ServiceFailure(ErrorCode.INVALID_INPUT, `the consent text is ${consent.id}; publish a new version of it`, 'id');
      }
      const version = (latest?.version ?? 0) + 1;
      const at = now.toISOString();
      repo.insertText({ id: input.id, version, kind: input.kind, title: input.title, text: input.text, zhCN: input.zhCN ?? null, at, by: actor.displayName });
      deps.audit.append({ at, actor: { id: actor.id, name: actor.displayName }, type: 'intake.text_published', payload: { id: input.id, kind: input.kind, version } });
      return repo.text(input.id, version)!;
    });
  },

  'intake.recordConsent'(input, { deps, now, tx, actor }) {
    return tx(() => {
      ensureApplication(deps, input.profileId, actor, now);
      assertEditable(deps, input.profileId);
      const repo = deps.intake;
      const consent = repo.currentTexts().find((t) => t.kind === 'consent');
      if (!consent) throw new ServiceFailure(ErrorCode.INTERNAL, 'the store has no consent text');
      if (consent.version !== input.consentVersion) {
        throw new ServiceFailure(ErrorCode.INTAKE_TEXT_VERSION, `the consent text is now version ${consent.version}; show it to the customer again`, 'consentVersion');
      }
      const at = now.toISOString();
      repo.insertAcceptance({ id: newId(), profileId: input.profileId, textId: consent.id, version: consent.version, operatorId: actor.id, at });
      repo.touchApplication(input.profileId, at);
      const c = deps.cases.byProfileId(input.profileId);
      deps.audit.append({
        at,
        actor: { id: actor.id, name: actor.displayName },
        type: 'intake.consent_recorded',
        caseId: c?.id ?? null,
        profileId: input.profileId,
        payload: { textId: consent.id, version: consent.version },
      });
      // Consent is where onboarding starts for a profile made elsewhere.
      if (c?.status === 'NOT_STARTED') moveCase(deps, c, 'IN_PROGRESS', { actor, now, payload: { via: 'onboarding' } });
      return intakeStatus(deps, input.profileId, now);
    });
  },

  'intake.acceptAgreements'(input, { deps, now, tx, actor }) {
    return tx(() => {
      ensureApplication(deps, input.profileId, actor, now);
      assertEditable(deps, input.profileId);
      const repo = deps.intake;
      const at = now.toISOString();
      input.accepted.forEach((a, i) => {
        const current = repo.latestVersionOf(a.id);
        if (!current || current.kind === 'consent') throw new ServiceFailure(ErrorCode.INTAKE_TEXT_VERSION, `no agreement ${a.id}`, `accepted.${i}.id`);
        if (current.version !== a.version) {
          throw new ServiceFailure(ErrorCode.INTAKE_TEXT_VERSION, `${a.id} is now version ${current.version}; show it to the customer again`, `accepted.${i}.version`);
        }
        repo.insertAcceptance({ id: newId(), profileId: input.profileId, textId: a.id, version: a.version, operatorId: actor.id, at });
      });
      repo.touchApplication(input.profileId, at);
      deps.audit.append({
        at,
        actor: { id: actor.id, name: actor.displayName },
        type: 'intake.agreements_accepted',
        caseId: deps.cases.byProfileId(input.profileId)?.id ?? null,
        profileId: input.profileId,
        payload: { accepted: input.accepted.map((a) => ({ id: a.id, version: a.version })) },
      });
      return intakeStatus(deps, input.profileId, now);
    });
  },

  async 'intake.addDocument'(input, ctx) {
    const { deps, now, tx, actor } = ctx;
    customerType(deps, input.profileId);
    assertEditable(deps, input.profileId);
    const bytes = await decodeUpload(input.dataBase64, input.mimeType);
    if (input.kind === 'SELFIE') await assertSelfieFace(deps, bytes, input.mimeType);
    const c = deps.cases.byProfileId(input.profileId);
    if (c) {
      tx(() => ensureApplication(deps, input.profileId, actor, now));
      // The bytes decoded above, stored once: not decoded again through evidence.add.
      const e = addEvidence(ctx, { caseId: c.id, kind: input.kind, fileName: input.fileName, mimeType: input.mimeType }, bytes);
      return { id: e.id, kind: input.kind, fileName: e.fileName, mimeType: e.mimeType, byteSize: e.byteSize, sha256: e.sha256, createdAt: e.createdAt, pending: false };
    }
    // The file goes in first: if the transaction then fails, an unreferenced file is harmless.
    const { sha256 } = deps.evidenceFiles.put(bytes);
    const at = now.toISOString();
    const doc: IntakeDocument = { id: newId(), kind: input.kind, fileName: input.fileName, mimeType: input.mimeType, byteSize: bytes.length, sha256, createdAt: at, pending: true };
    tx(() => {
      ensureApplication(deps, input.profileId, actor, now);
      const repo = deps.intake;
      repo.insertDocument({ id: doc.id, profileId: input.profileId, kind: doc.kind, sha256, mimeType: doc.mimeType, byteSize: doc.byteSize, fileName: doc.fileName, at, by: actor.id });
      repo.touchApplication(input.profileId, at);
      deps.audit.append({
        at,
        actor: { id: actor.id, name: actor.displayName },
        type: 'intake.document_added',
        profileId: input.profileId,
        payload: { documentId: doc.id, kind: doc.kind, sha256, byteSize: doc.byteSize },
      });
    });
    return doc;
  },

  'intake.attachUploads'(input, { deps, now, tx, actor }) {
    return tx(() => {
      attachUploads({ deps, actor, now }, input);
      return intakeStatus(deps, input.profileId, now);
    });
  },

  async 'intake.prefill'(input, { deps, now }) {
    const status = intakeStatus(deps, input.profileId, now);
    const latest = (kind: 'DOCUMENT_FRONT' | 'DOCUMENT_BACK') => status.documents.filter((d) => d.kind === kind).at(-1);
    const front = latest('DOCUMENT_FRONT');
    const back = latest('DOCUMENT_BACK');
    if (!front) throw new ServiceFailure(ErrorCode.REQUIRED, 'add the front of the identity document first', 'DOCUMENT_FRONT');
    const images = [front, back].filter((d): d is IntakeDocument => d !== undefined && d.mimeType !== 'application/pdf');
    if (images.length === 0) throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, 'a PDF is kept but not read; capture or upload a photo of the document to pre-fill', 'DOCUMENT_FRONT');
    const engine = deps.engine;
    if (!engine) throw new ServiceFailure(ErrorCode.ENGINE_OFF, 'the verification engine is not running on this workstation; fill in the form by hand');
    const policy = deps.policies.latest()!.body;
    const bytes = (d: IntakeDocument | undefined) => (d && d.mimeType !== 'application/pdf' ? new Uint8Array(deps.evidenceFiles.get(d.sha256)) : null);
    let out: DocumentTaskResult;
    try {
      out = await engine.pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: bytes(front), back: bytes(back), quality: policy.quality, runMrz: true });
    } catch (e) {
      throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, `the document could not be read: ${e instanceof Error ? e.message : String(e)}`, 'DOCUMENT_FRONT');
    }
    const mapped = out.mrz ? prefillFromMrz(out.mrz, now) : { fields: {}, confidence: {} };
    return {
      read: images.map((d) => d.kind as 'DOCUMENT_FRONT' | 'DOCUMENT_BACK'),
      mrzFound: out.mrz !== null,
      mrzValid: out.mrz?.valid ?? false,
      ...mapped,
      quality: Object.entries(out.quality).map(([kind, q]) => ({ kind, acceptable: q.acceptable, reasons: q.reasons })),
    };
  },

  'intake.savePersonalInfo'(input, { deps, now, tx, actor }) {
    return tx(() => {
      customerType(deps, input.profileId);
      assertEditable(deps, input.profileId);
      const profile = savePersonalInfo({ deps, actor, now }, input.profileId, input.type, input.type === 'PERSON' ? { type: 'PERSON', data: input.data } : { type: 'COMPANY', data: input.data });
      ensureApplication(deps, input.profileId, actor, now);
      deps.intake.touchApplication(input.profileId, now.toISOString());
      return profile;
    });
  },

  'intake.submit'(input, ctx) {
    const { deps, now, tx, actor } = ctx;
    return tx(() => {
      ensureApplication(deps, input.profileId, actor, now);
      assertEditable(deps, input.profileId);
      const before = intakeStatus(deps, input.profileId, now);
      const missing = before.missingForSubmit;
      if (missing.length > 0) {
        throw new ServiceFailure(ErrorCode.REQUIRED, `complete these steps before submitting: ${missing.join(', ')}`, missing[0]);
      }
      let c = loadCase(deps, before.caseId!);
      if (c.status === 'NOT_STARTED') c = moveCase(deps, c, 'IN_PROGRESS', { actor, now, payload: { via: 'onboarding' } });
      caseHandlers['cases.submit']({ id: c.id }, ctx);
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'intake.submitted',
        caseId: c.id,
        profileId: input.profileId,
        payload: {
          consentVersion: before.consent?.version ?? null,
          agreements: before.agreements.accepted.map((a) => ({ id: a.id, version: a.version })),
          resubmission: before.resubmission !== null,
          liveness: before.liveness?.status ?? null,
        },
      });
      return intakeStatus(deps, input.profileId, now);
    });
  },

  'intake.saveDraft'(input, { deps, now, tx, actor }) {
    if (JSON.stringify(input.data).length > MAX_DRAFT_CHARS) {
      throw new ServiceFailure(ErrorCode.INVALID_INPUT, `the draft is larger than ${MAX_DRAFT_CHARS / 1024} KB; files belong in documents, not the draft`, 'data');
    }
    return tx(() => {
      ensureApplication(deps, input.profileId, actor, now);
      assertEditable(deps, input.profileId);
      const repo = deps.intake;
      const at = now.toISOString();
      repo.saveDraft({ profileId: input.profileId, step: input.step, data: input.data, at, by: actor.id });
      repo.touchApplication(input.profileId, at);
      // The step only: the draft's values are unvalidated personal data, kept in its own table.
      deps.audit.append({ at, actor: { id: actor.id, name: actor.displayName }, type: 'intake.draft_saved', profileId: input.profileId, payload: { step: input.step } });
      return repo.draft(input.profileId)!;
    });
  },

  'intake.getDraft'(input, { deps }) {
    customerType(deps, input.profileId);
    return deps.intake.draft(input.profileId) ?? null;
  },
};
