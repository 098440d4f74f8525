import { createHmac, timingSafeEqual } from 'node:crypto';
import { diditWebhookSchema, type DiditInboxEvent } from '../../../shared/schemas/didit';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { DIDIT_DECISION_EVENT, diditEventId } from './diditEvent';
import { parseDiditSecret } from './diditSecret';

/** Didit's documented tolerance: a webhook whose X-Timestamp is further from our clock is refused (a replay). */
export const DIDIT_WEBHOOK_TOLERANCE_S = 300;

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * `X-Signature` is the hex HMAC-SHA256 of the raw body under the webhook secret (Didit's webhook
 * docs), compared in constant time; `X-Timestamp` (Unix seconds) must be within the tolerance.
 */
export function verifyDiditSignature(raw: Buffer, signature: string | undefined, timestamp: string | undefined, secret: string, nowMs: number): 'ok' | 'signature' | 'timestamp' {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return 'signature';
  const expected = createHmac('sha256', secret).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'signature';
  const ts = Number(timestamp);
  if (!timestamp || !Number.isInteger(ts) || Math.abs(nowMs / 1000 - ts) > DIDIT_WEBHOOK_TOLERANCE_S) return 'timestamp';
  return 'ok';
}

/**
 * One webhook from Didit: checked, stored in the inbox (a replay of the same state is recognised
 * and dropped) and answered at once; the runner applies it afterwards, so Didit never waits on
 * the import. Nothing is stored for a webhook that fails the check, and nothing from its body is
 * logged.
 */
export function receiveDiditWebhook(deps: Pick<ServiceDeps, 'syncRuntime' | 'sync' | 'clock' | 'log'>, raw: Buffer, headers: { signature?: string; timestamp?: string }): WebhookAnswer {
  const settings = deps.syncRuntime.runner.settings('didit');
  if (!settings) return { status: 404, body: { detail: 'the Didit connector is off' } };
  const secret = parseDiditSecret(settings.secret)?.webhookSecret;
  // Didit retries a 5xx: the events arrive once an admin sets the secret.
  if (!secret) return { status: 503, body: { detail: 'no webhook secret is configured' } };
  const now = deps.clock();
  const check = verifyDiditSignature(raw, headers.signature, headers.timestamp, secret, now.getTime());
  if (check !== 'ok') {
    deps.log.warn('sync.webhook_refused', { connector: 'didit', reason: check });
    return { status: 401, body: { detail: check === 'timestamp' ? 'stale or missing X-Timestamp' : 'bad signature' } };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { status: 400, body: { detail: 'the body is not JSON' } };
  }
  const parsed = diditWebhookSchema.safeParse(json);
  if (!parsed.success) return { status: 400, body: { detail: 'not a Didit status webhook' } };
  const w = parsed.data;
  // The time the status changed; a webhook without one is placed at the time it was sent.
  const seconds = w.created_at ?? w.timestamp ?? Number(headers.timestamp);
  const remoteAt = new Date(seconds * 1000).toISOString();
  const event: DiditInboxEvent = { source: 'webhook', sessionId: w.session_id, status: w.status, remoteAt, vendorData: w.vendor_data ?? w.decision?.vendor_data ?? null, decision: w.decision ?? null };
  const stored = deps.sync.receive({ id: newId(), connector: 'didit', eventId: diditEventId('webhook', w.session_id, w.status, String(seconds)), kind: DIDIT_DECISION_EVENT, payload: event, now: now.toISOString() });
  deps.syncRuntime.runner.wake();
  return { status: 200, body: { received: true, duplicate: !stored } };
}
