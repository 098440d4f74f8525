import { z } from 'zod';
import { CASE_STATUSES } from '../caseStatus';
import { closingChangeSchema } from '../closingChange';
import { LEAPCAT_STATUSES } from '../statusMappings';
import { COMPANY_DOCUMENT_TYPES, PERSON_DOCUMENT_TYPES } from '../documentTypes';
import { PROFILE_TYPES, profileSchema } from './profile';
import { DECISION_ACTIONS, RESUBMIT_ITEMS, reasonCodeSchema } from './decision';
import { countryCode, isoDate } from './common';
import { livenessSessionSchema } from './liveness';

/**
 * Assisted onboarding (LeapCat's flow): the steps, the versioned consent and agreement texts,
 * the status of one customer, and the wizard's draft. The service and every client (the app's
 * wizard, the REST API, the `kyc` command line) share these shapes.
 */

export const INTAKE_STEPS = ['consent', 'documents', 'personalInfo', 'liveness', 'agreements', 'submitted'] as const;
export type IntakeStep = (typeof INTAKE_STEPS)[number];

/** The wizard's screens, in order; `status` and `prefill` are screens without a stored step. */
export const WIZARD_STEPS = ['status', 'consent', 'documents', 'prefill', 'personalInfo', 'liveness', 'agreements', 'submit'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const TEXT_KINDS = ['consent', 'agreement', 'disclosure'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** A legal text of record. `title`/`text` are the English original; `zhCN` a translation shown beside it. */
export const legalTextSchema = z.object({
  id: z.string(),
  kind: z.enum(TEXT_KINDS),
  version: z.number().int().min(1),
  title: z.string(),
  text: z.string(),
  zhCN: z.object({ title: z.string(), text: z.string() }).nullable(),
  publishedAt: z.string(),
});
export type LegalText = z.infer<typeof legalTextSchema>;

export const intakeTextsSchema = z.object({
  consent: legalTextSchema,
  /** Agreements and disclosures, each at its current version; all must be accepted. */
  agreements: z.array(legalTextSchema),
});
export type IntakeTexts = z.infer<typeof intakeTextsSchema>;

/** Document kinds an operator adds during onboarding (liveness clips come from the liveness step). */
export const INTAKE_DOCUMENT_KINDS = ['DOCUMENT_FRONT', 'DOCUMENT_BACK', 'SELFIE', 'PROOF_OF_ADDRESS', 'SOURCE_OF_FUNDS', 'SUPPLEMENTARY'] as const;
export const INTAKE_DOCUMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

export const intakeDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(INTAKE_DOCUMENT_KINDS),
  fileName: z.string(),
  mimeType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  /** Held with the application until the profile (and so the case) exists. */
  pending: z.boolean(),
});
export type IntakeDocument = z.infer<typeof intakeDocumentSchema>;

export const consentRecordSchema = z.object({
  version: z.number().int(),
  at: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  /** The consent text changed since: consent must be recorded again before submitting. */
  outdated: z.boolean(),
});

export const acceptedAgreementSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  at: z.string(),
  operatorName: z.string(),
});

/**
 * The identity document as the customer declares it in LeapCat's `kyc documents` step: its type
 * (e.g. PASSPORT, NATIONAL_ID), and the number and dates when they are given. It is kept with
 * the application; the personal information (KillB's `data.document`) is what the profile holds.
 */
export const declaredDocumentSchema = z.object({
  type: z.union([z.enum(PERSON_DOCUMENT_TYPES), z.enum(COMPANY_DOCUMENT_TYPES)], {
    error: `document type is not supported; one of ${[...new Set([...PERSON_DOCUMENT_TYPES, ...COMPANY_DOCUMENT_TYPES])].join(', ')}`,
  }),
  number: z.string().trim().min(1, { error: 'document number is empty' }).max(40).optional(),
  issuedCountryCode: countryCode.optional(),
  /** Date of issue (KillB's expeditionDate). */
  expeditionDate: isoDate('expeditionDate').optional(),
  /** kycService's expiryDate; kept as declared, compared with the MRZ by the reviewer. */
  expiryDate: isoDate('expiryDate').optional(),
});
export type DeclaredDocument = z.output<typeof declaredDocumentSchema>;

/** The declaration as the profile's `document`: every field it declares, the expiry date included (the profile keeps kycService's document fields). */
export function profileDocumentOf(document: DeclaredDocument): DeclaredDocument {
  return { ...document };
}

/** A reviewer's decision as the customer side sees it (`kyc detail`): what changed, why, and the note. */
export const reviewNoteSchema = z.object({
  at: z.string(),
  action: z.enum(DECISION_ACTIONS),
  /** LeapCat's status the decision moved the application to. */
  status: z.enum(LEAPCAT_STATUSES),
  reasonCode: reasonCodeSchema.nullable(),
  /** The message meant for the customer. */
  message: z.string(),
  /** The reviewer's remark (kycService's update-status `remark`). */
  remark: z.string(),
  reviewer: z.string(),
  resubmitItems: z.array(z.enum(RESUBMIT_ITEMS)),
});
export type ReviewNote = z.infer<typeof reviewNoteSchema>;

export const intakeStatusSchema = z.object({
  profileId: z.string(),
  type: z.enum(PROFILE_TYPES),
  /** Null until the personal information is saved. */
  profile: profileSchema.nullable(),
  displayName: z.string().nullable(),
  caseId: z.string().nullable(),
  /** NOT_STARTED until a case exists. */
  caseStatus: z.enum(CASE_STATUSES),
  leapCatStatus: z.enum(LEAPCAT_STATUSES),
  steps: z.object({
    consent: z.boolean(),
    documents: z.boolean(),
    personalInfo: z.boolean(),
    liveness: z.boolean(),
    agreements: z.boolean(),
    submitted: z.boolean(),
  }),
  consent: consentRecordSchema.nullable(),
  documents: z.array(intakeDocumentSchema),
  agreements: z.object({ accepted: z.array(acceptedAgreementSchema), outstanding: z.array(z.object({ id: z.string(), version: z.number().int() })) }),
  liveness: livenessSessionSchema.nullable(),
  /** What `intake.submit` still needs (liveness is the wizard's own requirement). */
  missingForSubmit: z.array(z.enum(INTAKE_STEPS)),
  /** The wizard may still change things: no case yet, or the case is in progress or sent back. */
  editable: z.boolean(),
  submittedAt: z.string().nullable(),
  /** What the reviewer asked for, while the case waits for a resubmission. */
  resubmission: z
    .object({ items: z.array(z.enum(RESUBMIT_ITEMS)), reasonCode: reasonCodeSchema.nullable(), customerMessage: z.string(), at: z.string() })
    .nullable(),
  /** Every decision a reviewer took on the application, oldest first, whatever the status now. */
  reviewNotes: z.array(reviewNoteSchema),
  /** What `kyc documents` declared, until and after the personal information names the document. */
  declaredDocument: declaredDocumentSchema.nullable(),
  /** What closed the case when no officer's decision did (Didit, the expiry schedule): the expiry notice's reason. */
  closing: closingChangeSchema.nullable(),
  updatedAt: z.string(),
});
export type IntakeStatus = z.infer<typeof intakeStatusSchema>;

export const intakeListItemSchema = z.object({
  profileId: z.string(),
  type: z.enum(PROFILE_TYPES),
  displayName: z.string().nullable(),
  externalId: z.string().nullable(),
  caseStatus: z.enum(CASE_STATUSES),
  hasProfile: z.boolean(),
  updatedAt: z.string(),
});
export type IntakeListItem = z.infer<typeof intakeListItemSchema>;

/** What discarding an application removed: its records by kind, and the stored files no other record needed. */
export const intakeDiscardedSchema = z.object({
  profileId: z.string(),
  removed: z.object({ acceptances: z.number().int(), documents: z.number().int(), uploads: z.number().int(), drafts: z.number().int() }),
  filesDeleted: z.number().int(),
});
export type IntakeDiscarded = z.infer<typeof intakeDiscardedSchema>;

/** Unvalidated form values, kept so the wizard can be left and resumed. */
export const intakeDraftSchema = z.object({
  profileId: z.string(),
  step: z.enum(WIZARD_STEPS),
  data: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type IntakeDraft = z.infer<typeof intakeDraftSchema>;

/** OCR read from the uploaded document, mapped onto the personal-information form. */
export const prefillSchema = z.object({
  /** Which of the pending/stored documents were read. */
  read: z.array(z.enum(['DOCUMENT_FRONT', 'DOCUMENT_BACK'])),
  mrzFound: z.boolean(),
  mrzValid: z.boolean(),
  /** Form field paths (as in the profile: `firstName`, `document.number`, ...) to values. */
  fields: z.record(z.string(), z.string()),
  /** Per field: 0..1 OCR confidence. */
  confidence: z.record(z.string(), z.number()),
  quality: z.array(z.object({ kind: z.string(), acceptable: z.boolean(), reasons: z.array(z.string()) })),
});
export type Prefill = z.infer<typeof prefillSchema>;
