import { ErrorCode } from '../../../shared/errorCodes';
import { COMPANY_DOCUMENT_TYPES, PERSON_DOCUMENT_TYPES, checkDocumentNumber, type PersonDocumentType } from '../../../shared/documentTypes';
import { profileDocumentOf, type DeclaredDocument, type IntakeDocument } from '../../../shared/schemas/intake';
import type { Operator } from '../../../shared/schemas/operator';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { refreshKycLevel } from '../cases/caseWorkflow';
import { applyProfilePatch } from '../profiles/applyProfilePatch';
import { assertEditable, ensureApplication } from './applicationRules';

interface Call {
  deps: ServiceDeps;
  actor: Operator;
  now: Date;
}

export interface AttachInput {
  profileId: string;
  files: { key: string; kind: IntakeDocument['kind'] }[];
  document?: DeclaredDocument | undefined;
}

/** The declared document must suit the customer, and a number given with its country must be valid for it. */
function checkedDocument(type: 'PERSON' | 'COMPANY', doc: DeclaredDocument): DeclaredDocument {
  const allowed: readonly string[] = type === 'PERSON' ? PERSON_DOCUMENT_TYPES : COMPANY_DOCUMENT_TYPES;
  if (!allowed.includes(doc.type)) {
    throw new ServiceFailure(ErrorCode.INVALID_DOCUMENT, `${doc.type} is not a document type for a ${type}; one of ${allowed.join(', ')}`, 'document.type');
  }
  if (type === 'PERSON' && doc.number && doc.issuedCountryCode) {
    const check = checkDocumentNumber(doc.type as PersonDocumentType, doc.issuedCountryCode, doc.number);
    if (!check.valid) throw new ServiceFailure(ErrorCode.INVALID_DOCUMENT, check.message, check.words.words === 'documentCountry' ? 'document.type' : 'document.number');
    return { ...doc, number: check.normalised };
  }
  return doc;
}

/**
 * Files uploads with a customer (each as one kind: front, back, ...) and records the declared
 * document. Call in a transaction: either every file is filed and the document recorded, or
 * nothing changes.
 */
export function attachUploads({ deps, actor, now }: Call, input: AttachInput): void {
  const { type } = ensureApplication(deps, input.profileId, actor, now);
  assertEditable(deps, input.profileId);
  const at = now.toISOString();
  const who = { id: actor.id, name: actor.displayName };
  const intake = deps.intake;
  const c = deps.cases.byProfileId(input.profileId);

  if (input.document) {
    const doc = checkedDocument(type, input.document);
    intake.setDeclaredDocument(input.profileId, doc, at);
    // A number is the profile's own data: with one, the profile (if it exists) takes the document
    // through the same validation as any profile edit. A type alone stays a declaration.
    if (doc.number && deps.profiles.byId(input.profileId)) {
      applyProfilePatch(deps, { profileId: input.profileId, patch: { document: profileDocumentOf(doc) }, reason: 'document declared with kyc documents', actor, now });
    }
    // The type and which fields were given; the number is personal data and stays out of the log.
    deps.audit.append({ at, actor: who, type: 'intake.document_declared', caseId: c?.id ?? null, profileId: input.profileId, payload: { type: doc.type, fields: Object.keys(doc).sort() } });
  }

  const seen = new Set<string>();
  const uploads = deps.uploads;
  input.files.forEach((f, i) => {
    const field = `files.${i}.key`;
    if (seen.has(f.key)) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `${f.key} is named twice; upload each side separately`, field);
    seen.add(f.key);
    const u = uploads.byKey(f.key);
    // Someone else's unfiled upload is not found either: keys are not a way to read others' files.
    if (!u || (u.createdBy !== actor.id && u.attached?.profileId !== input.profileId)) {
      throw new ServiceFailure(ErrorCode.NOT_FOUND, `no upload ${f.key} on this workstation; run \`upload --file\` first`, field);
    }
    if (u.attached) {
      if (u.attached.profileId === input.profileId && u.attached.kind === f.kind) return; // filed already: a re-run changes nothing
      const where = u.attached.profileId === input.profileId ? 'this customer' : 'another customer';
      throw new ServiceFailure(ErrorCode.INVALID_INPUT, `${f.key} is already filed as ${u.attached.kind} of ${where}; upload the file again`, field);
    }
    if (!deps.evidenceFiles.has(u.sha256)) {
      throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, `the file of ${f.key} is no longer stored; upload it again`, field);
    }
    const documentId = newId();
    if (c) {
      deps.evidenceRows.insert({ id: documentId, caseId: c.id, kind: f.kind, sha256: u.sha256, mimeType: u.mimeType, byteSize: u.byteSize, fileName: u.fileName, createdAt: at, createdBy: actor.id });
      deps.cases.touch(c.id, at);
      deps.audit.append({ at, actor: who, type: 'evidence.added', caseId: c.id, profileId: input.profileId, payload: { evidenceId: documentId, kind: f.kind, sha256: u.sha256, byteSize: u.byteSize, fromUpload: f.key } });
    } else {
      intake.insertDocument({ id: documentId, profileId: input.profileId, kind: f.kind, sha256: u.sha256, mimeType: u.mimeType, byteSize: u.byteSize, fileName: u.fileName, at, by: actor.id });
      deps.audit.append({ at, actor: who, type: 'intake.document_added', profileId: input.profileId, payload: { documentId, kind: f.kind, sha256: u.sha256, byteSize: u.byteSize, fromUpload: f.key } });
    }
    if (!uploads.attach(u.id, { profileId: input.profileId, kind: f.kind, documentId, at })) {
      throw new ServiceFailure(ErrorCode.INVALID_INPUT, `${f.key} was filed by another request at the same time; run the command again`, field);
    }
  });
  if (c && input.files.length > 0) refreshKycLevel(deps, c.id);
  intake.touchApplication(input.profileId, at);
}
