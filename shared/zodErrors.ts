import type { z } from 'zod';
import { ErrorCode } from './errorCodes';
import type { ServiceError } from './result';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Turns the first zod issue into our coded error. The first issue is enough: forms show one
 * error per field as the user fixes them, and the code must name a single cause. `input` is
 * what was parsed; it tells a missing field (REQUIRED) from a malformed one.
 */
export function toServiceError(error: z.ZodError, input?: unknown): ServiceError {
  const issue = error.issues[0];
  if (!issue) return { code: ErrorCode.INVALID_INPUT, message: 'invalid input' };
  const field = issue.path.map(String).join('.') || undefined;
  const explicit = (issue as { params?: { code?: unknown } }).params?.code;
  let code: string = ErrorCode.INVALID_INPUT;
  if (typeof explicit === 'string') code = explicit;
  else if (field && valueAt(input, issue.path) == null && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    code = ErrorCode.REQUIRED;
  }
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return field ? { code, message, field } : { code, message };
}
