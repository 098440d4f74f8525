import { CLOSED_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import { CENTRAL_FINAL_STATUSES, centralStatusEventSchema, type CentralStatusDto } from '../../../shared/schemas/central';
import type { ServiceDeps } from '../core/ServiceDeps';
import { moveCase } from '../cases/caseWorkflow';
import type { InboxRecord, OutboxRecord } from '../repositories/SyncRepository';
import { CentralApi, centralStatusOf, KYC } from './centralApi';
import type { Connector, ConnectorOutcome, ConnectorSettings, PolledEvent } from './Connector';
import { CENTRAL_ANCHOR, CENTRAL_FORWARD } from './centralEffects';
import { CentralForwarding } from './centralForwarding';
import { failedOutcome, RemoteCallError } from './remoteHttp';
import { SYNC_ACTOR } from './SyncRunner';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

export const CENTRAL_STATUS_EVENT = 'central.status';
/** Who moves a local case to the central's decision, in the case's history. */
const CENTRAL_ACTOR = { id: null, displayName: SYSTEM_ACTOR_NAMES.central } as const;

/** Links polled per pass: a branch has few cases waiting on the central at once. */
const POLL_BATCH = 500;
/** The local states a central decision may close: submitted and not decided here. */
const DECIDABLE_HERE: readonly CaseStatus[] = ['SUBMITTED', 'IN_REVIEW'];

/**
 * A central kycService (seed 002), which may be this same product on another machine. A branch
 * forwards each case it submits, step by step as the seed's client does (centralForwarding.ts):
 * the profile (`/submit`), the document images (`/document/upload`), the confirmation
 * (`/document/confirm`), the branch's liveness result (`/callback/liveness`) and the submission
 * (`/document/submit`). It then polls `/status/{profileId}` and closes the local case with the
 * central's decision.
 */
export class CentralConnector implements Connector {
  readonly id = 'central' as const;

  constructor(
    private readonly service: () => ServiceDeps,
    private readonly timeoutMs?: number,
  ) {}

  async test(settings: ConnectorSettings): Promise<{ ok: boolean; message: string }> {
    try {
      const api = this.api(settings);
      // A profile id that cannot exist: 404 proves the token was accepted, and nothing is written.
      await api.call('GET', `${KYC}/status/connection-test`);
      return { ok: true, message: 'the central kycService answered' };
    } catch (e) {
      if (e instanceof RemoteCallError && e.status === 404) return { ok: true, message: 'the central kycService accepted the token' };
      if (e instanceof RemoteCallError && (e.status === 401 || e.status === 403)) return { ok: false, message: 'the central kycService refused the API token' };
      return { ok: false, message: e instanceof Error ? e.message : 'failed' };
    }
  }

  async deliver(row: OutboxRecord, settings: ConnectorSettings): Promise<ConnectorOutcome> {
    if (row.kind === CENTRAL_ANCHOR) return this.deliverAnchor(row, settings);
    if (row.kind !== CENTRAL_FORWARD) return { ok: false, retryable: false, error: `unknown outbox kind ${row.kind}` };
    try {
      const api = this.api(settings);
      return await new CentralForwarding(this.service(), api).forward(row);
    } catch (e) {
      return failedOutcome(e);
    }
  }

  /** A signed checkpoint to the central's anchor endpoint; the central answers recorded, known or conflict. */
  private async deliverAnchor(row: OutboxRecord, settings: ConnectorSettings): Promise<ConnectorOutcome> {
    try {
      const r = await this.api(settings).call('POST', '/admin/kyc/audit-anchors', { json: { anchor: row.payload.anchor } });
      return { ok: true, remoteId: String((r.data as { status?: unknown } | null)?.status ?? 'recorded') };
    } catch (e) {
      return failedOutcome(e);
    }
  }

  // --- the decision coming back -------------------------------------------------------------

  /** The central status of every forwarded case not decided there yet; an unchanged one is not news. */
  async poll(settings: ConnectorSettings): Promise<PolledEvent[]> {
    const api = this.api(settings);
    const d = this.service();
    const events: PolledEvent[] = [];
    for (const link of d.sync.openLinks('central', 'case', CENTRAL_FINAL_STATUSES, POLL_BATCH)) {
      let dto: CentralStatusDto;
      try {
        dto = await api.statusDto(link.remoteId);
      } catch (e) {
        // One profile the central refuses (purged there) does not stop the others; a down central does.
        if (e instanceof RemoteCallError && !e.retryable) continue;
        throw e;
      }
      const status = centralStatusOf(dto);
      if (!status) continue;
      if (status === link.remoteStatus && (!dto.updatedAt || dto.updatedAt === link.remoteUpdatedAt)) continue;
      const remoteAt = dto.updatedAt ?? d.clock().toISOString();
      events.push({
        eventId: `${link.remoteId}:${status}:${remoteAt}`,
        kind: CENTRAL_STATUS_EVENT,
        payload: { caseId: link.localId, profileId: link.remoteId, status, reviewStatus: dto.reviewStatus ?? null, remoteAt },
      });
    }
    return events;
  }

  /**
   * One central status into the local case, inside the runner's transaction: the link records it,
   * and APPROVED or REJECTED closes a case still submitted or in review here. An event older than
   * the one applied changes nothing, and a case decided here keeps its decision (audited, with a
   * conflict noted when the two differ).
   */
  apply(event: InboxRecord): 'applied' | 'ignored' {
    const d = this.service();
    const parsed = centralStatusEventSchema.safeParse(event.payload);
    if (!parsed.success) return 'ignored';
    const e = parsed.data;
    const now = d.clock();
    const at = now.toISOString();
    const base = { connector: 'central', eventId: event.eventId, remoteId: e.profileId, remoteStatus: e.status, remoteAt: e.remoteAt };
    const link = d.sync.linkByRemote('central', 'case', e.profileId);
    const c = link && link.localId === e.caseId ? d.cases.byId(link.localId) : undefined;
    if (!link || !c) return 'ignored';
    const ignore = (reason: string, more: Record<string, unknown> = {}) => {
      d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.event_ignored', caseId: c.id, profileId: c.profileId, payload: { ...base, localStatus: c.status, reason, ...more } });
      return 'ignored' as const;
    };
    if (link.remoteUpdatedAt && e.remoteAt < link.remoteUpdatedAt) return ignore('older than the state applied', { newerApplied: link.remoteUpdatedAt });
    d.sync.saveLink({ ...link, remoteStatus: e.status, remoteUpdatedAt: e.remoteAt, now: at });
    const target: CaseStatus | null = e.status === 'APPROVED' || e.status === 'REJECTED' ? e.status : null;
    if (target && c.status !== target) {
      if (CLOSED_STATUSES.includes(c.status)) return ignore('the case was decided here', { conflict: true });
      if (!DECIDABLE_HERE.includes(c.status)) return ignore(`a ${c.status} case does not take the central decision`);
      moveCase(d, c, target, { actor: CENTRAL_ACTOR, now, payload: { via: 'central', remoteId: e.profileId, remoteStatus: e.status } });
    }
    d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.applied', caseId: c.id, profileId: c.profileId, payload: { ...base, from: c.status, moved: target && c.status !== target ? target : null } });
    return 'applied';
  }

  private api(settings: ConnectorSettings): CentralApi {
    return new CentralApi(settings, this.service().clock, this.timeoutMs);
  }
}
