/**
 * Stable error codes. USER.* follow KillB's user-validation codes as our issue defines them;
 * the rest are ours. Codes never change meaning once shipped: clients switch on them.
 */
export const ErrorCode = {
  /** A profile with the same externalId already exists. */
  USER_EXISTS: 'USER.0001',
  /** Document type or number is not valid for the issuing country. */
  INVALID_DOCUMENT: 'USER.0002',
  /** The email is already registered to another profile. */
  EMAIL_REGISTERED: 'USER.0003',
  /** Phone is not a valid E.164 number. */
  INVALID_PHONE: 'USER.0004',
  /** The person is under 18. */
  UNDERAGE: 'USER.0005',
  /** Email is not a valid address. */
  INVALID_EMAIL: 'USER.0006',
  /** A company owner is not an existing PERSON profile. */
  INVALID_OWNER: 'USER.0007',
  /** Country code is not an ISO 3166-1 alpha-2 code. */
  INVALID_COUNTRY: 'USER.0008',
  /** A required field is missing or empty. */
  REQUIRED: 'VALIDATION.0001',
  /** A field has the wrong type or format. */
  INVALID_INPUT: 'VALIDATION.0002',
  /** No session token was given. */
  NOT_AUTHENTICATED: 'AUTH.0001',
  /** The session expired after being idle, or was signed out. */
  SESSION_EXPIRED: 'AUTH.0002',
  /** The operator's role does not allow this operation. */
  FORBIDDEN: 'AUTH.0003',
  /** Email or password is wrong, or the account is disabled. */
  BAD_CREDENTIALS: 'AUTH.0004',
  /** An operator with this email already exists. */
  OPERATOR_EXISTS: 'AUTH.0005',
  /** Too many failed sign-ins: the account or the client is locked out for a while (an admin can unlock). */
  LOCKED_OUT: 'AUTH.0006',
  /** The request named a host other than this loopback server, or came from another site's page. */
  HOST_REFUSED: 'AUTH.0007',
  /** The operation name is not part of the contract. */
  UNKNOWN_OPERATION: 'RPC.0001',
  NOT_FOUND: 'CASE.0001',
  /** The case status machine does not allow this transition. */
  ILLEGAL_TRANSITION: 'CASE.0002',
  /** The case changed since the caller read it (optimistic concurrency). */
  STALE_CASE: 'CASE.0003',
  /** The reason code is missing, unknown, or of the wrong kind for the action. */
  INVALID_REASON: 'CASE.0004',
  /**
   * The case has used the policy's max_retry_attempts (Didit's knob): no further resubmission
   * request, and no new liveness session after a failed one. Reject it with a FINAL reason.
   */
  RETRY_LIMIT: 'CASE.0005',
  /**
   * The case is decided (approved or rejected) or a decision awaits its second review: its
   * profile is not edited, or the decision would cover data nobody verified. An officer resets it
   * to review first.
   */
  CASE_DECIDED: 'CASE.0006',
  /** A company is approved only after each of its owners is approved in their own application. */
  OWNERS_NOT_APPROVED: 'CASE.0007',
  /** The case was purged under retention or an erasure request: only its tombstone remains. */
  CASE_PURGED: 'CASE.0008',
  /** The evidence file is empty, too large, or of an unsupported type. */
  INVALID_EVIDENCE: 'EVIDENCE.0001',
  /** The liveness session does not exist, expired, or was already used. */
  LIVENESS_SESSION: 'LIVENESS.0001',
  /** The clips do not answer the session's challenge (one per action). */
  LIVENESS_CLIPS: 'LIVENESS.0002',
  /** The verification engine is not running on this workstation. */
  ENGINE_OFF: 'ANALYSIS.0100',
  /** The case is under legal hold: nothing of it may be purged or erased until the hold is cleared. */
  LEGAL_HOLD: 'RETENTION.0001',
  /** The case closed less than the policy's retention period ago: the law still requires its records. */
  RETENTION_NOT_OVER: 'RETENTION.0002',
  /** The case is still open (submitted for review and not closed): its due-diligence record is in use. */
  CASE_STILL_OPEN: 'RETENTION.0003',
  /** A legal hold is already set on the case, or there is none to clear. */
  HOLD_STATE: 'RETENTION.0004',
  /** Other records still reference the case (e.g. the person owns a company still on file). */
  PURGE_REFERENCED: 'RETENTION.0005',
  /** The erasure request is unknown or was already executed. */
  ERASURE_STATE: 'RETENTION.0006',
  /** Onboarding: the case is submitted and under review; nothing changes until a reviewer decides. */
  INTAKE_UNDER_REVIEW: 'INTAKE.0001',
  /** Onboarding: the case is closed (approved, rejected or expired). */
  INTAKE_COMPLETED: 'INTAKE.0002',
  /** A consent or agreement names a version that is not the current text (or no such text). */
  INTAKE_TEXT_VERSION: 'INTAKE.0003',
  /** Onboarding: no face was found in the selfie taken at the counter; it is not kept. */
  SELFIE_NO_FACE: 'INTAKE.0004',
  /** Onboarding: only an application without a profile can be discarded; a customer on file is erased through an erasure request. */
  INTAKE_HAS_PROFILE: 'INTAKE.0005',
  INTERNAL: 'SYS.0001',
  /** Another process (desktop app, serve or a maintenance command) owns the data folder. */
  DATA_FOLDER_IN_USE: 'SYS.0002',
  /** A maintenance command named a data folder that holds no KYC store (it never creates one). */
  NO_STORE: 'SYS.0003',
  /** First-run setup is done: an operator account exists, so the setup operation is closed. */
  SETUP_DONE: 'SETUP.0001',
  /** A backup file that is not one, was changed, was cut short, or whose passphrase is wrong. */
  BACKUP_INVALID: 'BACKUP.0001',
  /** A restore into a folder that already holds something. */
  BACKUP_TARGET: 'BACKUP.0002',
  /** The data folder's key cannot be unwrapped: wrong passphrase, missing key file, or no OS keychain. */
  KEY_UNAVAILABLE: 'KEY.0001',
  /** The key file may be read by other users of this machine: narrow it to its owner (chmod 600). */
  KEY_FILE_UNSAFE: 'KEY.0002',
  /** The store does not open with any key of the data folder's key ring (or the key ring is missing). */
  KEY_MISMATCH: 'KEY.0003',
  /** A sanctions or watch list file that is malformed, truncated or not of the format named: refused whole. */
  LIST_INVALID: 'LIST.0001',
  /** The policy has a newer version than the one the change was made on: reload it and make the change again. */
  STALE_POLICY: 'POLICY.0001',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
