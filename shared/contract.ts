import { z } from 'zod';
import { lockoutSchema, newOperatorSchema, newPasswordSchema, operatorSchema, roleSchema, sessionSchema } from './schemas/operator';
import { companyInputSchema, personInputSchema, profileSchema } from './schemas/profile';
import { caseDetailSchema, caseSummarySchema, queuePageSchema, queueCountsQuerySchema, queueQuerySchema, statusCountsSchema } from './schemas/case';
import { decisionInputSchema, decisionSchema, reasonCodeSchema, secondReviewInputSchema } from './schemas/decision';
import { kycAdminItemSchema } from './schemas/kycAdmin';
import { EVIDENCE_MIME_TYPES, evidenceKindSchema, evidenceSchema } from './schemas/evidence';
import { auditEventSchema, auditFacetsSchema, chainVerificationSchema } from './schemas/audit';
import { settingsSchema } from './schemas/settings';
import { MAX_VIEW_NAME, savedViewSchema } from './schemas/savedView';
import { blocklistEntrySchema } from './schemas/screening';
import { CHALLENGE_ACTIONS, livenessActionSchema, livenessSessionSchema } from './schemas/liveness';
import { analysisResultSchema } from './schemas/analysis';
import { jobSchema } from './schemas/job';
import { policyBodySchema, policySchema, policyVersionsSchema } from './schemas/policy';
import { EVERYONE, INTAKE, QUEUE_READERS, REVIEWERS, op } from './operationSpec';
import { intakeContract } from './contracts/intakeContract';
import { apiTokenContract } from './contracts/apiTokenContract';
import { reportContract } from './contracts/reportContract';
import { retentionContract } from './contracts/retentionContract';
import { livenessReviewContract } from './contracts/livenessReviewContract';
import { uploadContract } from './contracts/uploadContract';
import { kycServiceContract } from './contracts/kycServiceContract';
import { syncContract } from './contracts/syncContract';
import { setupContract } from './contracts/setupContract';
import { backupContract } from './contracts/backupContract';
import { sanctionsContract } from './contracts/sanctionsContract';
import { anchorContract } from './contracts/anchorContract';

/**
 * Every operation the UI (or any other client) can call. Both transports (Electron IPC and
 * the HTTP `/rpc/<name>` endpoint) and the service's handler table are typed from this one
 * object, so a missing or mistyped handler fails the type check.
 */
const idInput = z.object({ id: z.string().min(1) });

/** The profile fields an officer may correct from the document (the ones OCR reads). */
export const EDITABLE_FIELDS = ['firstName', 'middleName', 'lastName', 'dateOfBirth', 'nationality', 'document.number', 'document.expeditionDate'] as const;
/** The kycService admin list's paging, refused in one sentence however it is wrong. */
const KYC_LIST_PAGE = { error: 'must be a whole number from 1' };
const KYC_LIST_LIMIT = { error: 'must be a whole number from 1 to 200' };
const empty = z.object({}).strict();
/** The longest reason for adding or removing a blocklist entry (the dialogs' limit too). */
export const MAX_BLOCKLIST_REASON = 1000;
const blocklistReason = z.string().trim().min(1, { error: 'say why' }).max(MAX_BLOCKLIST_REASON);

export const contract = {
  'auth.signIn': op({
    input: z.object({ email: z.string().trim().toLowerCase(), password: z.string() }),
    output: sessionSchema,
    roles: 'public',
    mutates: false,
  }),
  'auth.signOut': op({ input: empty, output: z.object({ signedOut: z.boolean() }), roles: EVERYONE, mutates: false }),
  'auth.me': op({ input: empty, output: operatorSchema, roles: EVERYONE, mutates: false }),
  /** Anyone signed in changes their own password, knowing the current one; their other sessions end. */
  'auth.changePassword': op({
    input: z.object({ currentPassword: z.string().min(1), newPassword: newPasswordSchema }).refine((i) => i.newPassword !== i.currentPassword, { error: 'the new password must differ from the current one', path: ['newPassword'] }),
    output: z.object({ changed: z.literal(true) }),
    roles: EVERYONE,
    mutates: true,
  }),
  /** Sign-in lock-outs in force (too many failures on an account or from a client). */
  'auth.lockouts': op({ input: empty, output: z.array(lockoutSchema), roles: ['admin'], mutates: false }),
  /** Lifts a lock-out before it runs out; audited. */
  'auth.unlock': op({ input: lockoutSchema.pick({ scope: true, key: true }), output: z.object({ unlocked: z.boolean() }), roles: ['admin'], mutates: true }),

  'operators.list': op({ input: empty, output: z.array(operatorSchema), roles: ['admin'], mutates: false }),
  'operators.create': op({ input: newOperatorSchema, output: operatorSchema, roles: ['admin'], mutates: true }),
  'operators.setActive': op({
    input: z.object({ id: z.string().min(1), active: z.boolean() }),
    output: operatorSchema,
    roles: ['admin'],
    mutates: true,
  }),
  /** Changes an account's role and ends its sessions, so the next sign-in carries the new role. */
  'operators.setRole': op({ input: z.object({ id: z.string().min(1), role: roleSchema }), output: operatorSchema, roles: ['admin'], mutates: true }),
  /** An admin sets a new password for another account (forgotten, or compromised): its sessions end and its lock-out is lifted. */
  'operators.resetPassword': op({ input: z.object({ id: z.string().min(1), password: newPasswordSchema }), output: operatorSchema, roles: ['admin'], mutates: true }),

  'profiles.createPerson': op({ input: personInputSchema(), output: profileSchema, roles: INTAKE, mutates: true }),
  'profiles.createCompany': op({ input: companyInputSchema, output: profileSchema, roles: INTAKE, mutates: true }),
  'profiles.get': op({ input: idInput, output: profileSchema, roles: EVERYONE, mutates: false }),
  'profiles.update': op({
    input: z.object({
      id: z.string().min(1),
      /** A partial KillB profile; nested objects are merged, then the whole profile is re-validated. */
      patch: z.record(z.string(), z.unknown()),
      reason: z.string().trim().min(1, { error: 'say why the field is changed' }).max(1000),
    }),
    output: profileSchema,
    roles: INTAKE,
    mutates: true,
  }),

  'cases.list': op({ input: queueQuerySchema, output: queuePageSchema, roles: QUEUE_READERS, mutates: false }),
  'cases.counts': op({ input: queueCountsQuerySchema, output: statusCountsSchema, roles: QUEUE_READERS, mutates: false }),
  'cases.get': op({ input: idInput, output: caseDetailSchema, roles: EVERYONE, mutates: false }),
  'cases.start': op({ input: idInput, output: caseSummarySchema, roles: INTAKE, mutates: true }),
  'cases.submit': op({ input: idInput, output: caseSummarySchema, roles: INTAKE, mutates: true }),
  /** Reopens an EXPIRED application for the customer (EXPIRED -> IN_PROGRESS), as Didit's "create a new session". */
  'cases.restart': op({ input: z.object({ id: z.string().min(1), expectedVersion: z.number().int().min(1).optional() }), output: caseSummarySchema, roles: INTAKE, mutates: true }),
  'cases.claim': op({ input: idInput, output: caseSummarySchema, roles: REVIEWERS, mutates: true }),
  /** Takes the next unassigned case in SLA order; null when the queue is clear. */
  'cases.takeNext': op({ input: empty, output: caseSummarySchema.nullable(), roles: REVIEWERS, mutates: true }),
  /** Officers assign to themselves; senior officers to any reviewer. */
  'cases.assign': op({ input: z.object({ id: z.string().min(1), operatorId: z.string().min(1), expectedVersion: z.number().int().min(1) }), output: caseSummarySchema, roles: REVIEWERS, mutates: true }),
  'cases.release': op({ input: z.object({ id: z.string().min(1), expectedVersion: z.number().int().min(1) }), output: caseSummarySchema, roles: REVIEWERS, mutates: true }),
  'cases.decide': op({ input: decisionInputSchema, output: decisionSchema, roles: REVIEWERS, mutates: true }),
  /** Corrects one OCR-read field: audited, marks the case user-modified, re-runs the cross-checks. */
  'cases.editField': op({
    input: z.object({
      caseId: z.string().min(1),
      field: z.enum(EDITABLE_FIELDS),
      value: z.string().trim().max(200),
      reason: z.string().trim().min(1, { error: 'say why the field is corrected' }).max(1000),
      expectedVersion: z.number().int().min(1),
    }),
    output: z.object({ case: caseSummarySchema, analysis: analysisResultSchema.nullable() }),
    roles: REVIEWERS,
    mutates: true,
  }),
  /** Four-eyes: a different senior officer confirms a held decision or returns it to review. */
  'cases.review': op({ input: secondReviewInputSchema, output: decisionSchema, roles: ['senior_officer'], mutates: true }),

  'evidence.add': op({
    input: z.object({
      caseId: z.string().min(1),
      kind: evidenceKindSchema,
      fileName: z.string().trim().min(1).max(255),
      mimeType: z.enum(EVIDENCE_MIME_TYPES, { error: 'file type must be JPG, PNG, PDF, MP4 or WebM' }),
      dataBase64: z.string().min(1, { error: 'file is empty' }),
    }),
    output: evidenceSchema,
    roles: INTAKE,
    mutates: true,
  }),
  'evidence.get': op({
    input: z.object({ caseId: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: z.object({ mimeType: z.string(), dataBase64: z.string() }),
    roles: EVERYONE,
    mutates: false,
  }),

  'audit.list': op({
    input: z.object({
      /** A case id, or its first characters (the viewer shows eight). */
      caseId: z.string().trim().min(1).optional(),
      actorId: z.string().optional(),
      /** Only events no operator caused (startup, policy seeding, scheduled work). */
      systemActor: z.boolean().optional(),
      type: z.string().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      beforeSeq: z.number().int().optional(),
    }),
    output: z.array(auditEventSchema),
    roles: ['auditor', 'admin'],
    mutates: false,
  }),
  'audit.verify': op({ input: empty, output: chainVerificationSchema, roles: ['auditor', 'admin'], mutates: false }),
  /** The actors and event types in the log, for the viewer's filters. */
  'audit.facets': op({ input: empty, output: auditFacetsSchema, roles: ['auditor', 'admin'], mutates: false }),

  /** As Didit: blocklist a case's face, document or both; later matching cases are flagged. */
  'blocklist.add': op({
    input: z
      .object({ caseId: z.string().min(1), face: z.boolean(), document: z.boolean(), reason: blocklistReason })
      .refine((v) => v.face || v.document, { error: 'choose the face, the document, or both', path: ['face'] }),
    output: z.array(blocklistEntrySchema),
    roles: REVIEWERS,
    mutates: true,
  }),
  'blocklist.list': op({ input: empty, output: z.array(blocklistEntrySchema), roles: QUEUE_READERS, mutates: false }),
  /** A senior officer takes an entry off, saying why (the audit keeps the reason); later cases are no longer flagged by it. */
  'blocklist.remove': op({ input: z.object({ id: z.string().min(1), reason: blocklistReason }), output: z.object({ removed: z.boolean() }), roles: ['senior_officer'], mutates: true }),

  /** The kycService admin operations: list by profile ids (paged), detail, and update-status -1/0/2. */
  'admin.kycList': op({
    input: z.object({
      profileIds: z.array(z.string().min(1)).max(500, { error: 'profileIds holds at most 500 ids' }).optional(),
      page: z.number(KYC_LIST_PAGE).int(KYC_LIST_PAGE).min(1, KYC_LIST_PAGE).default(1),
      limit: z.number(KYC_LIST_LIMIT).int(KYC_LIST_LIMIT).min(1, KYC_LIST_LIMIT).max(200, KYC_LIST_LIMIT).default(20),
    }),
    output: z.object({ list: z.array(kycAdminItemSchema), total: z.number().int(), page: z.number().int(), limit: z.number().int() }),
    roles: QUEUE_READERS,
    mutates: false,
  }),
  'admin.kycDetail': op({ input: z.object({ profileId: z.string().min(1) }), output: kycAdminItemSchema.extend({ detail: caseDetailSchema }), roles: QUEUE_READERS, mutates: false }),
  'admin.kycUpdateStatus': op({
    input: z.object({
      profileId: z.string().min(1),
      status: z.union([z.literal(-1), z.literal(0), z.literal(2)], { error: 'status must be -1 (reject), 0 (pending) or 2 (approve)' }),
      remark: z.string().trim().max(2000).default(''),
      reasonCode: reasonCodeSchema.optional(),
    }),
    output: kycAdminItemSchema,
    roles: REVIEWERS,
    mutates: true,
  }),

  'views.list': op({ input: empty, output: z.array(savedViewSchema), roles: QUEUE_READERS, mutates: false }),
  // Auditors change nothing, not even their own saved views.
  'views.save': op({ input: z.object({ name: z.string().trim().min(1).max(MAX_VIEW_NAME), query: savedViewSchema.shape.query }), output: savedViewSchema, roles: [...REVIEWERS, 'admin'], mutates: true }),
  'views.delete': op({ input: idInput, output: z.object({ deleted: z.boolean() }), roles: [...REVIEWERS, 'admin'], mutates: true }),

  'analysis.start': op({ input: z.object({ caseId: z.string().min(1) }), output: jobSchema, roles: INTAKE, mutates: true }),
  'analysis.status': op({
    input: z.object({ caseId: z.string().min(1) }),
    output: z.object({ jobs: z.array(jobSchema), result: analysisResultSchema.nullable() }),
    roles: EVERYONE,
    mutates: false,
  }),
  'analysis.cancel': op({ input: z.object({ jobId: z.string().min(1) }), output: z.object({ cancelled: z.boolean() }), roles: INTAKE, mutates: true }),

  /** kycService liveness: a session with three random actions and a short expiry. */
  'liveness.start': op({ input: z.object({ caseId: z.string().min(1) }), output: livenessSessionSchema, roles: INTAKE, mutates: true }),
  'liveness.get': op({ input: z.object({ sessionId: z.string().min(1) }), output: livenessSessionSchema, roles: EVERYONE, mutates: false }),
  /** One clip per challenge action (video file, or frames captured in the app as a video). */
  'liveness.verify': op({
    input: z.object({
      sessionId: z.string().min(1),
      clips: z
        .array(z.object({ action: livenessActionSchema, mimeType: z.enum(['video/mp4', 'video/webm']), dataBase64: z.string().min(1, { error: 'the clip is empty' }) }))
        .min(1)
        .max(6),
    }),
    output: livenessSessionSchema,
    roles: INTAKE,
    mutates: true,
  }),

  'policy.get': op({ input: empty, output: policySchema, roles: EVERYONE, mutates: false }),
  'policy.update': op({
    input: z.object({
      // Stored versions may ask for up to 6 actions (the cap came later); a new one asks for no
      // more than exist, since a session cannot draw more.
      body: policyBodySchema
        .refine((b) => b.liveness.actionsPerSession <= CHALLENGE_ACTIONS.length, { error: `at most ${CHALLENGE_ACTIONS.length} different liveness actions exist`, path: ['liveness', 'actionsPerSession'] })
        .refine((b) => b.liveness.minActionsPassed <= CHALLENGE_ACTIONS.length, { error: `at most ${CHALLENGE_ACTIONS.length} different liveness actions exist`, path: ['liveness', 'minActionsPassed'] }),
      note: z.string().trim().min(1, { error: 'say what changed and why' }).max(1000),
      /** The version the change was made on: refused with POLICY.0001 when another admin saved one since. */
      expectedVersion: z.number().int().min(1).optional(),
    }),
    output: policySchema,
    roles: ['admin'],
    mutates: true,
  }),
  /** Every version, newest first, with who made it, when and why: the policy page's history. */
  'policy.versions': op({ input: empty, output: policyVersionsSchema, roles: ['admin', 'auditor'], mutates: false }),

  'settings.get': op({ input: empty, output: settingsSchema, roles: EVERYONE, mutates: false }),
  'settings.update': op({ input: settingsSchema.partial(), output: settingsSchema, roles: ['admin'], mutates: true }),

  // Slices kept in their own modules (one area each): onboarding, API tokens, reports, retention, uploads.
  ...intakeContract,
  ...apiTokenContract,
  ...reportContract,
  ...retentionContract,
  ...livenessReviewContract,
  ...uploadContract,
  ...kycServiceContract,
  ...syncContract,
  ...setupContract,
  ...backupContract,
  ...sanctionsContract,
  ...anchorContract,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<K extends OperationName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = z.output<Contract[K]['output']>;

export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
