import { z } from 'zod';
import { diditResultSchema } from './didit';

/** Where `serve` receives Didit's webhooks; the admin page shows it for Didit's console. */
export const DIDIT_WEBHOOK_PATH = '/api/sync/didit/webhook';

/** The remote systems a workstation syncs with (seeds 001, 002 and 003). */
export const CONNECTOR_IDS = ['didit', 'killb', 'central'] as const;
export const connectorIdSchema = z.enum(CONNECTOR_IDS);
export type ConnectorId = z.infer<typeof connectorIdSchema>;

export const OUTBOX_STATUSES = ['pending', 'delivering', 'delivered', 'dead', 'discarded'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One remote effect waiting, sent, or given up on; the payload never carries a secret. */
export const outboxItemSchema = z.object({
  id: z.string(),
  connector: connectorIdSchema,
  kind: z.string(),
  idempotencyKey: z.string(),
  caseId: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  remoteId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** Closed: calls go through. Open: the remote is failing, calls wait. Half-open: one trial call. */
export const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/** How a connector is doing, for the header and the admin page. */
export const connectorStatusSchema = z.object({
  id: connectorIdSchema,
  enabled: z.boolean(),
  /** online: the last call went through; offline: the breaker is open; idle: nothing sent yet. */
  state: z.enum(['disabled', 'idle', 'online', 'degraded', 'offline']),
  breaker: z.enum(BREAKER_STATES),
  pending: z.number().int(),
  dead: z.number().int(),
  deliveredTotal: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

export const syncStatusSchema = z.object({
  connectors: z.array(connectorStatusSchema),
  /** Rows still to deliver across connectors, and how many were delivered since the backlog began. */
  backlog: z.object({ pending: z.number().int(), deliveredSinceStart: z.number().int() }),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A case's standing with each remote it is linked to or has effects queued for. */
/**
 * Didit approved an open case: its approval waits for the engine's analysis of Didit's capture
 * (held), or that analysis found grounds to refuse and an officer decides (disputed, with the
 * reason codes).
 */
export const diditApprovalStateSchema = z.object({ state: z.enum(['held', 'disputed']), objections: z.array(z.string()) });
export type DiditApprovalState = z.infer<typeof diditApprovalStateSchema>;

export const caseSyncStateSchema = z.object({
  caseId: z.string(),
  links: z.array(
    z.object({
      connector: connectorIdSchema,
      remoteId: z.string(),
      remoteStatus: z.string().nullable(),
      /** KillB's accessLevel (L0–L3) as KillB answered when the user was created; null for other remotes. */
      accessLevel: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  outbox: z.array(outboxItemSchema),
  /** The case's Didit session and the result imported from it; absent when the case has none. */
  didit: z
    .object({ sessionId: z.string(), url: z.string().nullable(), status: z.string().nullable(), result: diditResultSchema.nullable(), approval: diditApprovalStateSchema.nullable() })
    .nullable()
    .optional(),
});
export type CaseSyncState = z.infer<typeof caseSyncStateSchema>;

/** A remote is reached over HTTP(S) only: zod's URL check alone takes ftp: or file: too. */
const remoteUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} must be an http:// or https:// address` });

/** Each connector's non-secret settings; the secret (API key or password) travels separately. */
export const diditConfigSchema = z.object({
  baseUrl: remoteUrl('baseUrl'),
  /**
   * Where Didit sends the customer's browser when the verification is done (`callback`; Didit
   * appends ?verificationSessionId=...&status=...). Webhooks are not sent here: they go to the URL
   * set in Didit's console, which is this server's DIDIT_WEBHOOK_PATH.
   */
  callbackUrl: remoteUrl('callbackUrl').optional(),
  /**
   * The Didit workflow sessions are created with (its `uuid`). The connector sets it when it pushes
   * the policy as a workflow; an admin may name an existing workflow instead, used until the next
   * policy version is pushed.
   */
  workflowId: z.string().optional(),
  /** The policy version `workflowId` was pushed from; set by the connector, never by hand. */
  workflowPolicyVersion: z.number().int().min(1).optional(),
});
export const killbConfigSchema = z.object({
  baseUrl: remoteUrl('baseUrl'),
  email: z.email({ error: 'email is not a valid address' }),
});
export const centralConfigSchema = z.object({
  baseUrl: remoteUrl('baseUrl'),
});

/** A connector as the admin page shows it: never the secret, only whether one is set and its tail. */
export const connectorViewSchema = z.object({
  id: connectorIdSchema,
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  secretSet: z.boolean(),
  secretHint: z.string().nullable(),
  /** Didit only: whether the webhook signing secret (the connector's second secret) is set. Never its value. */
  webhookSecretSet: z.boolean().optional(),
  updatedAt: z.string().nullable(),
});
export type ConnectorView = z.infer<typeof connectorViewSchema>;
