import type { z } from 'zod';
import { ErrorCode } from './errorCodes';
import type { ServiceError } from './result';

/**
 * Turns the first zod issue into our coded error. The first issue is enough: forms show one
 * error per field as the user fixes them, and the code must name a single cause.
 */
export function toServiceError(error: z.ZodError): ServiceError {
  const issue = error.issues[0];
  if (!issue) return { code: ErrorCode.INVALID_INPUT, message: 'invalid input' };
  const field = issue.path.map(String).join('.') || undefined;
  const explicit = (issue as { params?: { code?: unknown } }).params?.code;
  let code: string = ErrorCode.INVALID_INPUT;
  if (typeof explicit === 'string') code = explicit;
  else if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) code = ErrorCode.REQUIRED;
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return field ? { code, message, field } : { code, message };
}
