import { createRequire } from 'node:module';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';

/**
 * The password rule beyond the length the schema checks (MIN_PASSWORD_LENGTH): not one of the
 * ~49,000 most common passwords seen in breaches (zxcvbn-ts's common list, bundled with the app,
 * so the check works offline and sends nothing anywhere).
 */
let breached: Set<string> | null = null;

function breachedList(): Set<string> {
  // Loaded on first use: a sign-in never needs it, only setting a password does.
  breached ??= new Set((createRequire(import.meta.url)('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> }).dictionary['passwords-common']);
  return breached;
}

export function assertPasswordAllowed(password: string, field = 'password'): void {
  if (breachedList().has(password.toLowerCase())) {
    throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'the password is on the list of commonly used, breached passwords: choose another', field);
  }
}
