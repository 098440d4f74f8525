import { z } from 'zod';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { ErrorCode } from '../errorCodes';
import { isCountryCode } from '../countries';

/**
 * Field schemas shared by every domain schema. Each custom check carries its stable error
 * code in `params.code`, which `toServiceError` lifts into `{code, message, field}`, and where a
 * form shows it, `params.words`: the key the UI words it by in its own language (the message is
 * the API's English).
 */
/** A text field's type error: missing is "required"; sent as something else (a number) says so. */
export const textError = (label: string) => (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? `${label} is required` : `${label} must be a string`);

export const nonEmpty = (label: string) =>
  z
    .string({ error: textError(label) })
    .trim()
    // refine (not min) so the REQUIRED code travels with the issue.
    .refine((s) => s.length > 0, { error: `${label} is required`, params: { code: ErrorCode.REQUIRED } });

export const isoDate = (label: string) =>
  z
    .string({ error: textError(label) })
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s), { error: `${label} must be a date in YYYY-MM-DD form`, params: { words: 'dateFormat' }, abort: true })
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    }, { error: `${label} is not a real calendar date`, params: { words: 'notADate' } });

export const countryCode = z
  .string({ error: textError('countryCode') })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, {
    error: 'must be an ISO 3166-1 alpha-2 country code',
    params: { code: ErrorCode.INVALID_COUNTRY, words: 'country' },
  });

const emailFormat = z.email();

export const email = z
  .string({ error: textError('email') })
  .trim()
  .toLowerCase()
  .refine((s) => emailFormat.safeParse(s).success, {
    error: 'email is not a valid address',
    params: { code: ErrorCode.INVALID_EMAIL, words: 'email' },
  });

/** KillB sends phones with the country code; we require strict E.164 and a number that can exist. */
export const e164Phone = z
  .string({ error: textError('phone') })
  .trim()
  .refine((p) => /^\+[1-9]\d{6,14}$/.test(p) && isValidPhoneNumber(p), {
    error: 'phone must be a valid E.164 number, e.g. +573001234567',
    params: { code: ErrorCode.INVALID_PHONE, words: 'phone' },
  });

/** Whole years between a YYYY-MM-DD birth date and `today` (UTC). */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday =
    today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

export const MINIMUM_AGE = 18;
