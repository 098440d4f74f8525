import { toLeapCat } from '../../../shared/statusMappings';
import { closingChange } from '../../../shared/closingChange';
import type { CaseStatus } from '../../../shared/caseStatus';
import type { DeclaredDocument, IntakeDocument, IntakeStatus, IntakeStep, LegalText, ReviewNote } from '../../../shared/schemas/intake';
import { INTAKE_DOCUMENT_KINDS, declaredDocumentSchema } from '../../../shared/schemas/intake';
import { isInEffect, type Decision } from '../../../shared/schemas/decision';
import type { ServiceDeps } from '../core/ServiceDeps';
import { customerType, EDITABLE_STATUSES } from './applicationRules';

const SUBMITTED_STATUSES: readonly CaseStatus[] = ['SUBMITTED', 'IN_REVIEW', 'AWAITING_SECOND_REVIEW', 'APPROVED', 'REJECTED'];
const INTAKE_KINDS: readonly string[] = INTAKE_DOCUMENT_KINDS;

/** The request that sent the case back, while it waits for the customer. */
function resubmissionRequest(decisions: Decision[]): Decision | undefined {
  return decisions.filter((d) => d.action === 'request_resubmission' && isInEffect(d)).at(-1);
}

/** Decisions that took effect (a four-eyes proposal is not one until confirmed), as review notes. */
function reviewNotes(decisions: Decision[]): ReviewNote[] {
  return decisions
    .filter(isInEffect)
    .map((d) => ({
      at: d.at,
      action: d.action,
      status: toLeapCat(d.toStatus),
      reasonCode: d.reasonCode,
      message: d.customerMessage,
      remark: d.internalComment,
      reviewer: d.actorName,
      resubmitItems: d.resubmitItems,
    }));
}

/** The stored declaration, re-read through its schema; a row that no longer parses shows as none. */
function declaredDocument(json: string | null | undefined): DeclaredDocument | null {
  if (!json) return null;
  const parsed = declaredDocumentSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/** Where one customer stands: every step worked out from what is stored, nothing cached. */
export function intakeStatus(deps: ServiceDeps, profileId: string, now: Date): IntakeStatus {
  const type = customerType(deps, profileId);
  const repo = deps.intake;
  const app = repo.application(profileId);
  const profile = deps.profiles.byId(profileId) ?? null;
  const c = deps.cases.byProfileId(profileId) ?? null;

  const texts = repo.currentTexts();
  const consentText: LegalText | undefined = texts.find((t) => t.kind === 'consent');
  const agreementTexts = texts.filter((t) => t.kind !== 'consent');
  const acceptances = repo.latestAcceptances(profileId);
  const consentRow = consentText ? acceptances.find((a) => a.text_id === consentText.id) : undefined;
  const consent = consentRow
    ? { version: consentRow.text_version, at: consentRow.at, operatorId: consentRow.operator_id, operatorName: consentRow.operator_name, outdated: consentRow.text_version !== consentText?.version }
    : null;
  const acceptedAgreements = acceptances
    .filter((a) => agreementTexts.some((t) => t.id === a.text_id))
    .map((a) => ({ id: a.text_id, version: a.text_version, at: a.at, operatorName: a.operator_name }));
  const outstanding = agreementTexts
    .filter((t) => !acceptedAgreements.some((a) => a.id === t.id && a.version === t.version))
    .map((t) => ({ id: t.id, version: t.version }));

  const documents: IntakeDocument[] = [
    ...(c
      ? deps.evidenceRows
          .forCase(c.id)
          .filter((e) => INTAKE_KINDS.includes(e.kind))
          .map((e) => ({ id: e.id, kind: e.kind as IntakeDocument['kind'], fileName: e.fileName, mimeType: e.mimeType, byteSize: e.byteSize, sha256: e.sha256, createdAt: e.createdAt, pending: false }))
      : []),
    ...repo.pendingDocuments(profileId).map(({ createdBy: _by, ...d }) => d),
  ];
  const livenessId = c ? repo.latestLivenessSessionId(c.id) : undefined;
  const liveness = livenessId ? (deps.liveness.byId(livenessId, now) ?? null) : null;

  const decisions = c ? deps.decisions.forCase(c.id) : [];
  const request = c?.status === 'RESUBMISSION_REQUESTED' ? resubmissionRequest(decisions) : undefined;
  // After a resubmission request, what was asked for must be newer than the request.
  const since = request?.at ?? '';
  const hasKind = (kind: string) => documents.some((d) => d.kind === kind && d.createdAt > since);
  const documentKindsAsked = (request?.resubmitItems ?? []).filter((i) => i !== 'LIVENESS');
  const documentsDone = documents.some((d) => d.kind === 'DOCUMENT_FRONT') && documentKindsAsked.every(hasKind);
  const livenessVerified = liveness !== null && (liveness.status === 'PASSED' || liveness.status === 'FAILED');
  const livenessDone = livenessVerified && (!request?.resubmitItems.includes('LIVENESS') || (liveness.completedAt ?? '') > since);

  const steps = {
    consent: consent !== null && !consent.outdated,
    documents: documentsDone,
    personalInfo: profile !== null,
    liveness: livenessDone,
    agreements: outstanding.length === 0,
    submitted: c !== null && SUBMITTED_STATUSES.includes(c.status),
  };
  const required: IntakeStep[] = ['consent', 'documents', 'personalInfo', 'agreements'];
  if (request?.resubmitItems.includes('LIVENESS')) required.push('liveness');
  const started = steps.consent || documents.length > 0 || acceptedAgreements.length > 0;
  const caseStatus: CaseStatus = c?.status ?? (started ? 'IN_PROGRESS' : 'NOT_STARTED');
  const updatedAt = [app?.updated_at, profile?.updatedAt, c?.updatedAt].filter((x): x is string => !!x).sort().at(-1) ?? now.toISOString();
  return {
    profileId,
    type,
    profile,
    displayName: profile?.displayName ?? null,
    caseId: c?.id ?? null,
    caseStatus,
    leapCatStatus: toLeapCat(caseStatus),
    steps,
    consent,
    documents,
    agreements: { accepted: acceptedAgreements, outstanding },
    liveness,
    missingForSubmit: required.filter((s) => !steps[s as keyof typeof steps]),
    editable: c === null || EDITABLE_STATUSES.includes(c.status),
    submittedAt: c?.submittedAt ?? null,
    resubmission: request ? { items: request.resubmitItems, reasonCode: request.reasonCode, customerMessage: request.customerMessage, at: request.at } : null,
    reviewNotes: reviewNotes(decisions),
    declaredDocument: declaredDocument(app?.declared_document),
    closing: c ? closingChange(c.status, deps.auditRows.forCase(c.id)) : null,
    updatedAt,
  };
}
