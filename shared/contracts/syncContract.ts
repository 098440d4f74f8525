import { z } from 'zod';
import { EVERYONE, INTAKE, REVIEWERS, op } from '../operationSpec';
import { diditSessionStateSchema } from '../schemas/didit';
import { caseSyncStateSchema, centralConfigSchema, connectorViewSchema, diditConfigSchema, killbConfigSchema, outboxItemSchema, syncStatusSchema } from '../schemas/sync';

const SYNC_ADMINS = ['admin'] as const;
const secret = z.string().min(1, { error: 'the secret is empty' }).max(4096).optional();

/**
 * Remote sync (issue 11): connector settings for admins, the connection state for everyone,
 * each case's sync state, and the dead-letter list an admin retries or discards.
 */
export const syncContract = {
  'sync.status': op({ input: z.object({}).strict(), output: syncStatusSchema, roles: EVERYONE, mutates: false }),
  'sync.connectors': op({ input: z.object({}).strict(), output: z.array(connectorViewSchema), roles: SYNC_ADMINS, mutates: false }),
  /** Saves a connector's settings; `secret` omitted keeps the stored one. Audited without the secret. */
  'sync.configure': op({
    input: z.discriminatedUnion('id', [
      /** Didit has two secrets: `secret` is the x-api-key, `webhookSecret` signs its webhooks; each omitted keeps the stored one. */
      z.object({ id: z.literal('didit'), enabled: z.boolean(), config: diditConfigSchema, secret, webhookSecret: secret }),
      z.object({ id: z.literal('killb'), enabled: z.boolean(), config: killbConfigSchema, secret }),
      z.object({ id: z.literal('central'), enabled: z.boolean(), config: centralConfigSchema, secret }),
    ]),
    output: connectorViewSchema,
    roles: SYNC_ADMINS,
    mutates: true,
  }),
  /** A harmless call with the stored settings, answering whether the remote accepts them. */
  'sync.test': op({
    input: z.object({ id: z.enum(['didit', 'killb', 'central']) }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
    roles: SYNC_ADMINS,
    mutates: false,
  }),
  /**
   * The case's Didit session, for branch staff to send the customer to: created on demand (queued
   * in the outbox, so it survives the network being down), then its url and Didit status.
   */
  'sync.diditSession': op({ input: z.object({ caseId: z.string().min(1) }), output: diditSessionStateSchema, roles: INTAKE, mutates: true }),
  'sync.caseState': op({ input: z.object({ caseId: z.string().min(1) }), output: caseSyncStateSchema, roles: [...REVIEWERS, 'auditor', 'admin'], mutates: false }),
  'sync.deadLetters': op({ input: z.object({ limit: z.number().int().min(1).max(500).default(100) }), output: z.array(outboxItemSchema), roles: SYNC_ADMINS, mutates: false }),
  /** Puts a dead row back in the queue, attempts from zero (audited). */
  'sync.retry': op({ input: z.object({ id: z.string().min(1), note: z.string().trim().min(1, { error: 'say why' }).max(1000) }), output: outboxItemSchema, roles: SYNC_ADMINS, mutates: true }),
  /** Gives up on a dead row for good (audited); it stays listed as discarded. */
  'sync.discard': op({ input: z.object({ id: z.string().min(1), note: z.string().trim().min(1, { error: 'say why' }).max(1000) }), output: outboxItemSchema, roles: SYNC_ADMINS, mutates: true }),
} as const;
