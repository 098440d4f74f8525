import { createHash } from 'node:crypto';
import { CLOSED_STATUSES } from '../../../shared/caseStatus';
import { ErrorCode } from '../../../shared/errorCodes';
import type { kycServiceContract } from '../../../shared/contracts/kycServiceContract';
import type { ApplicantData } from '../../../shared/schemas/profile';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase, moveCase } from '../cases/caseWorkflow';
import { applyProfilePatch } from '../profiles/applyProfilePatch';
import { createProfile } from '../profiles/createProfile';
import { modifiedFields, ocrReading, splitName } from '../kycService/confirmedFields';
import type { HandlerSlice } from './Handlers';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { CaseSummary } from '../../../shared/schemas/case';

function openCase(deps: ServiceDeps, caseId: string): CaseSummary {
  const c = loadCase(deps, caseId);
  if (CLOSED_STATUSES.includes(c.status)) throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} application cannot be changed`, 'documentId');
  return c;
}

/** Drops the keys a client did not send, so a patch never clears a stored value by omission. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const kycServiceHandlers: HandlerSlice<keyof typeof kycServiceContract> = {
  'kycApi.submit'(input, ctx) {
    return ctx.tx(() => {
      const at = ctx.now.toISOString();
      const data: ApplicantData = { stage: 'APPLICANT', externalId: input.userId, country: input.country };
      const profile = createProfile(ctx, { id: newId(), type: 'PERSON', externalId: input.userId, displayName: input.userId, createdAt: at, updatedAt: at, data });
      const c = ctx.deps.cases.byProfileId(profile.id)!;
      const started = moveCase(ctx.deps, c, 'IN_PROGRESS', { actor: ctx.actor, now: ctx.now, payload: { via: 'kycService' } });
      return { profile, case: started };
    });
  },

  'kycApi.documentMetadata'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = openCase(deps, input.caseId);
      const document = defined({
        type: input.docType,
        number: input.docNumber,
        issuedCountryCode: input.issueCountry,
        expiryDate: input.expiryDate,
        frontImageUrl: input.frontImageUrl,
        backImageUrl: input.backImageUrl,
      });
      const profile = applyProfilePatch(deps, { profileId: c.profileId, patch: { document }, reason: 'document metadata sent through the kycService API', actor, now });
      return { case: deps.cases.byId(c.id)!, profile };
    });
  },

  'kycApi.confirmDocument'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = openCase(deps, input.caseId);
      const mrz = deps.analyses.latestForCase(c.id)?.mrz ?? null;
      const names = input.name ? splitName(input.name, mrz) : {};
      const document = defined({ number: input.idNumber, expiryDate: input.expiryDate, issuer: input.issuer });
      const patch = defined({ ...names, dateOfBirth: input.birthDate, nationality: input.nationality, ...(Object.keys(document).length ? { document } : {}) });
      // Every sent field is stored; what counts as the customer's modification is a difference from the OCR.
      if (Object.keys(patch).length) applyProfilePatch(deps, { profileId: c.profileId, patch, reason: 'confirmed by the customer at document confirmation', actor, now });
      const changed = modifiedFields(input, ocrReading(mrz, now));
      const userModified = input.userModified || changed.length > 0;
      // applyProfilePatch marks a change under review as modified; a confirmation is judged against the OCR instead.
      deps.cases.touch(c.id, now.toISOString(), { userModified });
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'document.confirmed',
        caseId: c.id,
        profileId: c.profileId,
        payload: { userModified, changedFields: changed, confirmedFields: Object.keys(defined({ ...input, caseId: undefined, userModified: undefined })) },
      });
      return { case: deps.cases.byId(c.id)!, changedFields: changed };
    });
  },

  'kycApi.livenessCallback'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = deps.cases.byProfileId(input.profileId);
      if (!c) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no KYC application for this profileId', 'profileId');
      if (input.sessionId) {
        // A provider may name its own session; one of ours must belong to this profile.
        const ours = deps.liveness.byId(input.sessionId, now);
        if (ours && ours.caseId !== c.id) throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'this liveness session belongs to another profile', 'sessionId');
      }
      const local = deps.liveness.byCase(c.id, now)[0] ?? null;
      const fields = { sessionId: input.sessionId ?? null, confidence: input.confidence ?? null, result: input.result ?? null, errorMessage: input.errorMessage ?? null };
      const fingerprint = createHash('sha256').update(JSON.stringify([c.id, fields.sessionId, fields.confidence, fields.result, fields.errorMessage])).digest('hex');
      const at = now.toISOString();
      const stored = deps.remoteLiveness.insert({ id: newId(), caseId: c.id, ...fields, localStatus: local?.status ?? null, fingerprint, receivedAt: at, receivedBy: actor.id });
      const row = deps.remoteLiveness.byFingerprint(fingerprint)!;
      if (stored) {
        deps.audit.append({
          at,
          actor: { id: actor.id, name: actor.displayName },
          type: 'liveness.remote_result',
          caseId: c.id,
          profileId: c.profileId,
          payload: { sessionId: row.sessionId, verdict: row.verdict, confidence: row.confidence, localStatus: row.localStatus, conflict: row.conflict },
        });
        deps.cases.touch(c.id, at);
      }
      return { ...row, duplicate: !stored };
    });
  },

  'kycApi.remoteLiveness'(input, { deps }) {
    loadCase(deps, input.caseId);
    return deps.remoteLiveness.forCase(input.caseId);
  },
};
