import type { ConnectorId } from '../../../shared/schemas/sync';
import type { InboxRecord, OutboxRecord } from '../repositories/SyncRepository';
import type { DeliveryOutcome } from './remoteHttp';

/** What a connector gets for one call: its admin settings and its decrypted secret. */
export interface ConnectorSettings {
  config: Record<string, unknown>;
  secret: string | null;
}

/** A delivery that went through may leave local effects (a remote id on a profile, a link). */
export type Delivered = Extract<DeliveryOutcome, { ok: true }> & {
  /** Runs in the transaction that marks the row delivered: the local record and the outbox agree. */
  record?: () => void;
};

export type ConnectorOutcome = Delivered | Extract<DeliveryOutcome, { ok: false }>;

/** An event fetched by polling, stored in the inbox before it is applied. */
export interface PolledEvent {
  eventId: string;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * One remote system. `deliver` sends one outbox row and must be safe to repeat under the row's
 * idempotency key (the process may die after the remote committed). `apply` turns one inbox
 * event into local changes, inside a transaction, and never moves a case backwards.
 */
export interface Connector {
  readonly id: ConnectorId;
  deliver(row: OutboxRecord, settings: ConnectorSettings): Promise<ConnectorOutcome>;
  apply?(event: InboxRecord, settings: ConnectorSettings): 'applied' | 'ignored';
  /** Remote state to fetch on a timer (Didit decisions not yet final). */
  poll?(settings: ConnectorSettings): Promise<PolledEvent[]>;
  /** A harmless call proving the settings work, for the admin page's "Test connection". */
  test(settings: ConnectorSettings): Promise<{ ok: boolean; message: string }>;
}
