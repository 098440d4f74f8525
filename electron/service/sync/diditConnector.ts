import { diditDecisionSchema, type DiditInboxEvent } from '../../../shared/schemas/didit';
import type { DiditStatus } from '../../../shared/statusMappings';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { InboxRecord, OutboxRecord } from '../repositories/SyncRepository';
import type { Connector, ConnectorOutcome, ConnectorSettings, PolledEvent } from './Connector';
import { DiditApi } from './diditApi';
import { applyDiditDecision } from './diditDecisionMapping';
import { DIDIT_BLOCKLIST, DIDIT_CREATE_SESSION, DIDIT_FETCH_MEDIA, DIDIT_FETCH_PDF, DIDIT_PUSH_WORKFLOW, DIDIT_UPDATE_STATUS } from './diditEffects';
import { DIDIT_DECISION_EVENT, diditEventId, secondsIso } from './diditEvent';
import { fetchDiditMedia, fetchDiditPdf } from './diditEvidence';
import { blocklistDiditSession, createDiditSession, updateDiditStatus } from './diditSessions';
import { DiditWorkflows } from './diditWorkflows';
import { failedOutcome, RemoteCallError } from './remoteHttp';

/**
 * Polling stops at these: the seed's loop stops at Approved, Declined and In Review, and an
 * expired or abandoned session never changes again. Later changes still come by webhook.
 */
const DIDIT_POLL_STOP: readonly DiditStatus[] = ['Approved', 'Declined', 'In Review', 'Expired', 'Abandoned', 'Kyc Expired'];
/** Sessions asked per poll, least recently updated first, so a large backlog is polled in turns. */
const POLL_BATCH = 100;

/**
 * Didit (seed 003). Outbound: the policy as a workflow (diditWorkflows.ts), a session per case
 * (its url for branch staff), an officer's decision as one update-status, blocklisting
 * (diditSessions.ts), and the PDF report as evidence (diditEvidence.ts). Inbound: decisions by
 * webhook (diditWebhook.ts) and by polling sessions not yet final, stored in the inbox and
 * applied by diditDecisionMapping.ts.
 *
 * Didit takes no idempotency key, so every create that may be a retry looks first: a lost
 * workflow create is found by its label, a lost session by `vendor_data` (our case id), a lost
 * update-status by the reference its comment carries. Blocklisting is a set at Didit: a repeat
 * adds nothing.
 *
 * Takes the whole service: importing a decision moves the case through the case workflow, which
 * works on every part of it; the getter is read only when a row is delivered or an event applied,
 * after the composition root has built everything.
 */
export class DiditConnector implements Connector {
  readonly id = 'didit' as const;
  private readonly workflows = new DiditWorkflows();

  constructor(
    private readonly service: () => ServiceDeps,
    private readonly timeoutMs?: number,
  ) {}

  async test(settings: ConnectorSettings): Promise<{ ok: boolean; message: string }> {
    try {
      await this.api(settings).call('GET', '/v3/workflows/');
      return { ok: true, message: 'Didit accepted the API key' };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : 'failed' };
    }
  }

  async deliver(row: OutboxRecord, settings: ConnectorSettings): Promise<ConnectorOutcome> {
    try {
      const api = this.api(settings);
      const d = this.service();
      switch (row.kind) {
        case DIDIT_PUSH_WORKFLOW:
          return await this.workflows.push(d, api, row);
        case DIDIT_CREATE_SESSION:
          return await createDiditSession(d, api, this.workflows, row);
        case DIDIT_UPDATE_STATUS:
          return await updateDiditStatus(d, api, row);
        case DIDIT_BLOCKLIST:
          return await blocklistDiditSession(d, api, row);
        case DIDIT_FETCH_PDF:
          return await fetchDiditPdf(d, api, row);
        case DIDIT_FETCH_MEDIA:
          return await fetchDiditMedia(d, api, row);
        default:
          return { ok: false, retryable: false, error: `unknown outbox kind ${row.kind}` };
      }
    } catch (e) {
      return failedOutcome(e);
    }
  }

  async poll(settings: ConnectorSettings): Promise<PolledEvent[]> {
    const d = this.service();
    const api = this.api(settings);
    const at = secondsIso(d.clock());
    const events: PolledEvent[] = [];
    for (const t of d.didit.pollTargets(DIDIT_POLL_STOP, POLL_BATCH)) {
      let body: unknown;
      try {
        body = (await api.call('GET', `/v3/session/${encodeURIComponent(t.sessionId)}/decision/`)).body;
      } catch (e) {
        // One session Didit refuses (gone, another application's) does not stop the others.
        if (e instanceof RemoteCallError && !e.retryable) continue;
        throw e;
      }
      const decision = diditDecisionSchema.safeParse(body);
      // Only a change is news: an unchanged state is already applied.
      if (!decision.success || decision.data.status === t.status) continue;
      const event: DiditInboxEvent = { source: 'poll', sessionId: t.sessionId, status: decision.data.status, remoteAt: at, vendorData: decision.data.vendor_data ?? null, decision: decision.data };
      events.push({ eventId: diditEventId('poll', t.sessionId, event.status, at), kind: DIDIT_DECISION_EVENT, payload: event });
    }
    return events;
  }

  apply(event: InboxRecord, settings: ConnectorSettings): 'applied' | 'ignored' {
    return applyDiditDecision(this.service(), event, settings);
  }

  private api(settings: ConnectorSettings): DiditApi {
    return new DiditApi(settings, this.service().clock, this.timeoutMs);
  }
}
