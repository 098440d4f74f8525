import { z } from 'zod';
import { op } from '../operationSpec';

/** What a token may do: intake only, or intake plus the review (admin) endpoints. */
export const API_TOKEN_ROLES = ['branch_staff', 'officer'] as const;
export const apiTokenRoleSchema = z.enum(API_TOKEN_ROLES);
export type ApiTokenRole = z.infer<typeof apiTokenRoleSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: apiTokenRoleSchema,
  createdAt: z.string(),
  /** The admin's display name, or `system` for the demo token. */
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'name is required' })
  .max(60, { error: 'name is at most 60 characters' })
  .regex(/^[\p{L}\p{N} ._-]+$/u, { error: 'name may use letters, digits, spaces, dot, dash and underscore' });

/**
 * API tokens for the kycService REST API (admins manage them), and the two operations the REST
 * layer needs beyond the existing ones: confirming OCR fields and taking a liveness callback.
 */
export const apiTokenContract = {
  /** Returns the raw token once; only its hash is stored. */
  'apiTokens.create': op({
    input: z.object({ name: apiTokenNameSchema, role: apiTokenRoleSchema.default('branch_staff') }),
    output: z.object({ token: z.string(), apiToken: apiTokenSchema }),
    roles: ['admin'],
    mutates: true,
  }),
  'apiTokens.list': op({ input: z.object({}).strict(), output: z.array(apiTokenSchema), roles: ['admin'], mutates: false }),
  'apiTokens.revoke': op({ input: z.object({ id: z.string().min(1) }), output: apiTokenSchema, roles: ['admin'], mutates: true }),
} as const;
