import { z } from 'zod';
import { email, nonEmpty } from './common';

export const ROLES = ['officer', 'senior_officer', 'branch_staff', 'auditor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const operatorSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
});
export type Operator = z.infer<typeof operatorSchema>;

/** scrypt makes short passwords cheap to guess no matter how they are hashed. */
export const MIN_PASSWORD_LENGTH = 10;

/** A password an operator may be given: long enough that scrypt's cost matters. */
export const newPasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, { error: `password must be at least ${MIN_PASSWORD_LENGTH} characters` });

export const newOperatorSchema = z.object({
  email,
  displayName: nonEmpty('displayName'),
  role: roleSchema,
  password: newPasswordSchema,
});
export type NewOperator = z.infer<typeof newOperatorSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  operator: operatorSchema,
  /** When the session ends if it stays idle; each call pushes it forward. */
  idleExpiresAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** A running sign-in lock-out: an account (by the e-mail tried) or a client (by its transport name). */
export const lockoutSchema = z.object({
  scope: z.enum(['account', 'client']),
  key: z.string(),
  /** The account's operator, when an account with that e-mail exists. */
  operatorId: z.string().nullable(),
  /** Failed attempts in a row, including those refused while locked. */
  failures: z.number().int(),
  lockedUntil: z.string(),
});
export type Lockout = z.infer<typeof lockoutSchema>;
