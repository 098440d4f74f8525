import { z } from 'zod';
import { CASE_STATUSES } from '../caseStatus';
import { KYC_LEVELS } from '../kycLevels';
import { PROFILE_TYPES } from '../schemas/profile';
import { nonEmpty } from '../schemas/common';

/**
 * The KillB-compatible user API (`../shared/seeds/001_*.txt`) as it crosses the wire. The
 * profile inside `data` is validated by the contract's own `profiles.createPerson` and
 * `profiles.createCompany` schemas; these schemas cover only the KillB envelope around it.
 */

/** `POST /api/v2/users`: KillB's `{type, externalId, data}`; `data` is the PERSON or COMPANY body. */
export const killbCreateUserRequestSchema = z.object({
  type: z.enum(PROFILE_TYPES, { error: 'type must be PERSON or COMPANY' }),
  externalId: nonEmpty('externalId'),
  data: z.record(z.string(), z.unknown(), { error: 'data must be an object with the user fields' }),
});
export type KillbCreateUserRequest = z.infer<typeof killbCreateUserRequestSchema>;

/**
 * A user as the API answers it. `accessLevel` is the KYC level (L0-L3), computed from what is
 * on file; `status` is the application's case status. `data` is the profile as stored
 * (validated and normalised: trimmed, upper-case country codes, document number without
 * separators).
 */
export const killbUserSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  type: z.enum(PROFILE_TYPES),
  accessLevel: z.enum(KYC_LEVELS),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type KillbUser = z.infer<typeof killbUserSchema>;

/** Every refusal: the HTTP status again, our stable code (KillB's USER.0001-0005 among them), a message, the field. */
export const killbErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  /** Path in the request body, e.g. `data.document.number`. */
  field: z.string().optional(),
});
export type KillbError = z.infer<typeof killbErrorSchema>;

/** `POST /api/v2/auth/login`: the seed names the endpoint, not its body; an operator's email and password. */
export const killbLoginRequestSchema = z.object({
  email: nonEmpty('email').transform((s) => s.toLowerCase()),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }),
});

/**
 * The session token to send as `Authorization: Bearer`. It idles out: `expiresIn` seconds
 * from now unless used, and each use pushes the expiry forward by the same idle period.
 */
export const killbLoginResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  expiresAt: z.string(),
});
export type KillbLoginResponse = z.infer<typeof killbLoginResponseSchema>;
