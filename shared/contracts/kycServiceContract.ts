import { z } from 'zod';
import { INTAKE, QUEUE_READERS, op } from '../operationSpec';
import { caseSummarySchema } from '../schemas/case';
import { profileSchema } from '../schemas/profile';
import { countryCode, isoDate } from '../schemas/common';
import { kycServiceDocType, nationalityCode, remoteLivenessResultSchema } from '../schemas/kycService';

const caseId = z.string().min(1, { error: 'documentId is required' });
const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

/**
 * The kycService REST API's own operations (seed 002), with its field names. The REST layer
 * maps paths and parameters onto these; everything else it answers goes through the ordinary
 * operations (evidence.add, cases.submit, liveness.*, admin.*).
 */
/** A remote liveness provider's confidence: said the same way whether it is not a number or out of range. */
const CONFIDENCE_RANGE = 'must be a number from 0 to 100';

export const kycServiceContract = {
  /** POST /submit: a profile from `userId` and `country` alone (an applicant), with its application started. */
  'kycApi.submit': op({
    input: z.object({
      userId: z.string({ error: 'userId is required' }).trim().min(1, { error: 'userId is required' }).max(200),
      country: countryCode,
    }),
    output: z.object({ profile: profileSchema, case: caseSummarySchema }),
    roles: INTAKE,
    mutates: true,
  }),
  /** POST /document: the identity document's metadata; image URLs are kept as references (never fetched). */
  'kycApi.documentMetadata': op({
    input: z.object({
      caseId,
      docType: kycServiceDocType,
      docNumber: optionalText(40),
      // Required by /document; the upload sends docType and country without one.
      frontImageUrl: optionalText(2048),
      backImageUrl: optionalText(2048),
      expiryDate: isoDate('expiryDate').optional(),
      issueCountry: countryCode.optional(),
    }),
    output: z.object({ case: caseSummarySchema, profile: profileSchema }),
    roles: INTAKE,
    mutates: true,
  }),
  /**
   * POST /document/confirm: the customer confirms or corrects the OCR fields. A correction, or
   * `userModified`, marks the case user-modified: submit result 3, manual review.
   */
  'kycApi.confirmDocument': op({
    input: z.object({
      caseId,
      name: optionalText(200),
      idNumber: optionalText(40),
      birthDate: isoDate('birthDate').optional(),
      expiryDate: isoDate('expiryDate').optional(),
      issuer: optionalText(200),
      nationality: nationalityCode.optional(),
      userModified: z.boolean({ error: 'userModified must be true or false' }).default(false),
    }),
    output: z.object({ case: caseSummarySchema, changedFields: z.array(z.string()) }),
    roles: INTAKE,
    mutates: true,
  }),
  /** POST /callback/liveness: a remote provider's liveness result, kept as a signal beside ours. */
  'kycApi.livenessCallback': op({
    input: z.object({
      profileId: z.string({ error: 'profileId is required' }).trim().min(1, { error: 'profileId is required' }),
      sessionId: optionalText(200),
      confidence: z.number({ error: CONFIDENCE_RANGE }).min(0, { error: CONFIDENCE_RANGE }).max(100, { error: CONFIDENCE_RANGE }).optional(),
      result: optionalText(100),
      errorMessage: optionalText(1000),
    }),
    output: remoteLivenessResultSchema.extend({ duplicate: z.boolean() }),
    roles: INTAKE,
    mutates: true,
  }),
  /** Remote providers' liveness results for a case, newest first (the review's liveness panel). */
  'kycApi.remoteLiveness': op({
    input: z.object({ caseId: z.string().min(1) }),
    output: z.array(remoteLivenessResultSchema),
    roles: [...QUEUE_READERS, 'branch_staff'],
    mutates: false,
  }),
} as const;
