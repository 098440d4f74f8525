/**
 * The one shape every operation result takes when it crosses a process or network boundary.
 * Errors are data, not exceptions, so the renderer never has to guess what a throw meant.
 */
export interface ServiceError {
  code: string;
  message: string;
  field?: string;
  /** Values the message names (a time, a scope), so a UI can word the error in its own language. */
  params?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: string, message: string, field?: string): Result<T> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
