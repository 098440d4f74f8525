import { z } from 'zod';
import { EVERYONE, INTAKE, op } from '../operationSpec';
import { PROFILE_TYPES, companyInputSchema, personInputSchema, profileSchema } from '../schemas/profile';
import {
  INTAKE_DOCUMENT_KINDS,
  INTAKE_DOCUMENT_MIME_TYPES,
  TEXT_KINDS,
  WIZARD_STEPS,
  intakeDocumentSchema,
  intakeDiscardedSchema,
  intakeDraftSchema,
  intakeListItemSchema,
  intakeStatusSchema,
  intakeTextsSchema,
  declaredDocumentSchema,
  legalTextSchema,
  prefillSchema,
} from '../schemas/intake';
import { uploadKeySchema } from '../schemas/upload';

const profileId = z.string().trim().min(1, { error: 'profileId is required' });

/** The most customers one intake.list answers: a list to pick from, not an export. */
export const INTAKE_LIST_MAX = 100;

/**
 * Assisted onboarding (LeapCat's flow). A customer is known by a profileId from the start:
 * `intake.begin` reserves one, and the profile created by `intake.savePersonalInfo` takes it.
 * Profiles made elsewhere (profiles.create*, the REST API) use the same operations.
 */
export const intakeContract = {
  /** Reserves a profileId for a new customer; consent and documents can follow before the personal information. */
  'intake.begin': op({ input: z.object({ type: z.enum(PROFILE_TYPES) }), output: intakeStatusSchema, roles: INTAKE, mutates: true }),
  /**
   * Deletes an application abandoned before its personal information was saved: its consent and
   * agreement records, documents, attached uploads and draft (the form's unsaved values). A
   * customer with a profile is never discarded (INTAKE_HAS_PROFILE): erasure and retention apply.
   */
  'intake.discard': op({ input: z.object({ profileId }), output: intakeDiscardedSchema, roles: INTAKE, mutates: true }),
  /** Customers in onboarding and with a profile, newest first; search matches name, externalId, email or document number. */
  'intake.list': op({
    input: z.object({
      search: z.string().trim().max(100).optional(),
      type: z.enum(PROFILE_TYPES).optional(),
      /** Only customers whose profile exists (e.g. to choose company owners). */
      withProfile: z.boolean().optional(),
      limit: z.number().int().min(1).max(INTAKE_LIST_MAX).default(20),
    }),
    output: z.array(intakeListItemSchema),
    roles: INTAKE,
    mutates: false,
  }),
  /** Where the customer stands: case status, which steps are done, what the reviewer asked to resubmit. */
  'intake.status': op({ input: z.object({ profileId }), output: intakeStatusSchema, roles: EVERYONE, mutates: false }),
  /** The current consent text and agreements/disclosures, with their versions. */
  'intake.texts': op({ input: z.object({}).strict(), output: intakeTextsSchema, roles: EVERYONE, mutates: false }),
  /** One stored version of a text; older versions stay readable. */
  'intake.text': op({ input: z.object({ id: z.string().min(1), version: z.number().int().min(1) }), output: legalTextSchema, roles: EVERYONE, mutates: false }),
  /** Publishes a new version of a text (the previous ones stay); customers must accept it again. */
  'intake.publishText': op({
    input: z.object({
      id: z.string().trim().regex(/^[a-z][a-z0-9_-]{1,40}$/, { error: 'id is 2 to 41 lower-case letters, digits, - or _' }),
      kind: z.enum(TEXT_KINDS),
      title: z.string().trim().min(1, { error: 'title is required' }).max(200),
      text: z.string().trim().min(1, { error: 'text is required' }).max(20_000),
      zhCN: z.object({ title: z.string().trim().min(1).max(200), text: z.string().trim().min(1).max(20_000) }).optional(),
    }),
    output: legalTextSchema,
    roles: ['admin'],
    mutates: true,
  }),
  /** Records consent to the current text: the time, the operator and the version (audited). */
  'intake.recordConsent': op({
    input: z.object({ profileId, consentVersion: z.number({ error: 'consentVersion is required' }).int().min(1) }),
    output: intakeStatusSchema,
    roles: INTAKE,
    mutates: true,
  }),
  /** Adds an identity document or supporting file (JPG, PNG or PDF); held with the application until the profile exists. */
  'intake.addDocument': op({
    input: z.object({
      profileId,
      kind: z.enum(INTAKE_DOCUMENT_KINDS, { error: 'kind must be a document side, selfie or supporting document' }),
      fileName: z.string().trim().min(1, { error: 'fileName is required' }).max(255),
      mimeType: z.enum(INTAKE_DOCUMENT_MIME_TYPES, { error: 'file type must be JPG, PNG or PDF' }),
      dataBase64: z.string().min(1, { error: 'file is empty' }),
    }),
    output: intakeDocumentSchema,
    roles: INTAKE,
    mutates: true,
  }),
  /**
   * LeapCat's `kyc documents` and `kyc supplementary`: files stored earlier with `uploads.put`,
   * each filed as one kind (front, back, ...), and the declared identity document, in one
   * transaction. Filing the same upload again as the same kind changes nothing.
   */
  'intake.attachUploads': op({
    input: z
      .object({
        profileId,
        files: z
          .array(z.object({ key: uploadKeySchema, kind: z.enum(INTAKE_DOCUMENT_KINDS, { error: 'kind must be a document side, selfie or supporting document' }) }))
          .max(10, { error: 'at most 10 files at once' })
          .default([]),
        document: declaredDocumentSchema.optional(),
      })
      .refine((v) => v.files.length > 0 || v.document !== undefined, { error: 'name the document type or at least one uploaded file', path: ['files'] }),
    output: intakeStatusSchema,
    roles: INTAKE,
    mutates: true,
  }),
  /** Reads the document's MRZ and maps it onto the personal-information form (needs the engine). */
  'intake.prefill': op({ input: z.object({ profileId }), output: prefillSchema, roles: INTAKE, mutates: false }),
  /** Creates the profile (taking the reserved profileId) or corrects it while onboarding; validated as profiles.create*. */
  'intake.savePersonalInfo': op({
    input: z.discriminatedUnion('type', [
      z.object({ profileId, type: z.literal('PERSON'), data: personInputSchema() }),
      z.object({ profileId, type: z.literal('COMPANY'), data: companyInputSchema }),
    ]),
    output: profileSchema,
    roles: INTAKE,
    mutates: true,
  }),
  /** Accepts agreements and disclosures at the versions shown (audited). */
  'intake.acceptAgreements': op({
    input: z.object({
      profileId,
      accepted: z.array(z.object({ id: z.string().min(1), version: z.number().int().min(1) })).min(1, { error: 'accept at least one agreement' }),
    }),
    output: intakeStatusSchema,
    roles: INTAKE,
    mutates: true,
  }),
  /** Submits for review once consent, documents, personal information and agreements are done; also resubmits. */
  'intake.submit': op({ input: z.object({ profileId }), output: intakeStatusSchema, roles: INTAKE, mutates: true }),
  /** The wizard's unvalidated form values, so it can be left and resumed. */
  'intake.saveDraft': op({
    input: z.object({ profileId, step: z.enum(WIZARD_STEPS), data: z.record(z.string(), z.unknown()) }),
    output: intakeDraftSchema,
    roles: INTAKE,
    mutates: true,
  }),
  'intake.getDraft': op({ input: z.object({ profileId }), output: intakeDraftSchema.nullable(), roles: INTAKE, mutates: false }),
} as const;
