import { ErrorCode } from '../../../../shared/errorCodes';

/**
 * Exit codes of the `kyc` command line, with LeapCat's error names and meanings. Scripts switch
 * on the number; `--json` output carries the name too.
 */
export const EXIT = {
  OK: { code: 0, name: 'OK', meaning: 'success' },
  INTERNAL: { code: 1, name: 'INTERNAL', meaning: 'unexpected error' },
  USAGE: { code: 2, name: 'USAGE', meaning: 'wrong command, flag or stdin JSON' },
  NOT_AUTHENTICATED: { code: 3, name: 'NOT_AUTHENTICATED', meaning: 'not signed in or the session expired: run `kyc auth login --email <email>` again' },
  KYC_ALREADY_SUBMITTED: { code: 4, name: 'KYC_ALREADY_SUBMITTED', meaning: 'the application is already under review: wait, and check `kyc status`' },
  // Completed, not approved: a REJECTED (or EXPIRED) application is as closed as an APPROVED one.
  KYC_ALREADY_COMPLETED: { code: 5, name: 'KYC_ALREADY_COMPLETED', meaning: 'KYC is already completed (approved, rejected or expired): no action needed; `kyc status` says which' },
  INVALID_DOCUMENT: { code: 6, name: 'INVALID_DOCUMENT', meaning: 'the file is unreadable or not a JPG, PNG or PDF: upload a clearer image' },
  MISSING_FIELDS: { code: 7, name: 'MISSING_FIELDS', meaning: 'required fields or steps are empty: re-run the step with all required fields' },
  UPLOAD_FAILED: { code: 8, name: 'UPLOAD_FAILED', meaning: 'the upload failed: retry `kyc upload --file`' },
  SERVER_UNREACHABLE: { code: 9, name: 'SERVER_UNREACHABLE', meaning: 'no workstation server answers at the configured address (`--server`)' },
  REFUSED: { code: 10, name: 'REFUSED', meaning: 'the workstation refused the request (invalid value, unknown id, not allowed for your role)' },
} as const;
export type ExitKind = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
${Object.values(EXIT)
  .map((e) => `  ${String(e.code).padStart(2)}  ${e.name.padEnd(22)} ${e.meaning}`)
  .join('\n')}`;

export class CliError extends Error {
  constructor(
    readonly kind: ExitKind,
    message: string,
    /** The workstation's own error code, when it answered with one. */
    readonly serviceCode: string | null = null,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** LeapCat's meaning of one of the workstation's error codes. */
export function exitKindFor(code: string): ExitKind {
  switch (code) {
    case ErrorCode.NOT_AUTHENTICATED:
    case ErrorCode.SESSION_EXPIRED:
    case ErrorCode.BAD_CREDENTIALS:
      return EXIT.NOT_AUTHENTICATED;
    case ErrorCode.INTAKE_UNDER_REVIEW:
      return EXIT.KYC_ALREADY_SUBMITTED;
    case ErrorCode.INTAKE_COMPLETED:
    case ErrorCode.CASE_DECIDED:
      return EXIT.KYC_ALREADY_COMPLETED;
    case ErrorCode.INVALID_EVIDENCE:
      return EXIT.INVALID_DOCUMENT;
    case ErrorCode.REQUIRED:
      return EXIT.MISSING_FIELDS;
    case ErrorCode.INTERNAL:
      return EXIT.INTERNAL;
    default:
      return EXIT.REFUSED;
  }
}
