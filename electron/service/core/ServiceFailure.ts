import type { ServiceError } from '../../../shared/result';

/**
 * Thrown inside the service for an expected, coded failure. The dispatcher turns it into
 * `{ok: false, error}`; anything else thrown is an internal error.
 */
export class ServiceFailure extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'ServiceFailure';
    this.code = code;
    this.field = field;
  }

  toError(): ServiceError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
