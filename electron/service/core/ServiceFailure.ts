import type { ServiceError } from '../../../shared/result';

/**
 * Thrown inside the service for an expected, coded failure. The dispatcher turns it into
 * `{ok: false, error}`; anything else thrown is an internal error.
 */
export class ServiceFailure extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly params: Record<string, string> | undefined;

  constructor(code: string, message: string, field?: string, params?: Record<string, string>) {
    super(message);
    this.name = 'ServiceFailure';
    this.code = code;
    this.field = field;
    this.params = params;
  }

  toError(): ServiceError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.params === undefined ? {} : { params: this.params }),
    };
  }
}
