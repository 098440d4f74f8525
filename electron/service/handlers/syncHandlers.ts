import { ErrorCode } from '../../../shared/errorCodes';
import type { syncContract } from '../../../shared/contracts/syncContract';
import { CONNECTOR_IDS, outboxItemSchema, type ConnectorId, type ConnectorView, type OutboxItem } from '../../../shared/schemas/sync';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { OutboxRecord } from '../repositories/SyncRepository';
import { maskSecret, openSecret, sealSecret } from '../sync/secretBox';
import type { HandlerSlice } from './Handlers';

function view(deps: ServiceDeps, id: ConnectorId): ConnectorView {
  const row = deps.sync.connector(id);
  const secret = row?.secret ? openSecret(deps.syncRuntime.secrets.key(), row.secret) : null;
  return { id, enabled: row?.enabled ?? false, config: row?.config ?? {}, secretSet: secret !== null, secretHint: maskSecret(secret), updatedAt: row?.updatedAt ?? null };
}

/** The outbox row without its payload: payloads name cases and profiles, not for lists. */
function item(r: OutboxRecord): OutboxItem {
  return outboxItemSchema.parse(r);
}

function deadRow(deps: ServiceDeps, id: string): OutboxRecord {
  const r = deps.sync.outboxById(id);
  if (!r) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such outbox row', 'id');
  if (r.status !== 'dead') throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `the row is ${r.status}, not dead`, 'id');
  return r;
}

export const syncHandlers: HandlerSlice<keyof typeof syncContract> = {
  'sync.status'(_input, { deps }) {
    const runner = deps.syncRuntime.runner;
    const connectors = runner.status();
    return { connectors, backlog: { pending: connectors.reduce((n, c) => n + c.pending, 0), deliveredSinceStart: runner.deliveredSinceStart() } };
  },

  'sync.connectors'(_input, { deps }) {
    return CONNECTOR_IDS.map((id) => view(deps, id));
  },

  'sync.configure'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const sealed = input.secret === undefined ? undefined : sealSecret(deps.syncRuntime.secrets.key(), input.secret);
      const before = deps.sync.connector(input.id);
      if (input.enabled && !sealed && !before?.secret) throw new ServiceFailure(ErrorCode.REQUIRED, 'set the secret before switching the connector on', 'secret');
      deps.sync.saveConnector({ id: input.id, enabled: input.enabled, config: input.config, secret: sealed, now: now.toISOString(), by: actor.id });
      // What changed, never the secret itself.
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'sync.configured',
        payload: { connector: input.id, enabled: input.enabled, config: input.config, secretChanged: sealed !== undefined },
      });
      deps.syncRuntime.runner.wake();
      return view(deps, input.id);
    });
  },

  async 'sync.test'(input, { deps }) {
    const settings = deps.syncRuntime.runner.settings(input.id);
    if (!settings) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'switch the connector on and save its settings first', 'id');
    return deps.syncRuntime.connector(input.id).test(settings);
  },

  'sync.caseState'(input, { deps }) {
    if (!deps.cases.byId(input.caseId)) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such case', 'caseId');
    const c = deps.cases.byId(input.caseId)!;
    const links = [...deps.sync.linksOf('case', c.id), ...deps.sync.linksOf('profile', c.profileId)].map((l) => ({ connector: l.connector, remoteId: l.remoteId, remoteStatus: l.remoteStatus, updatedAt: l.updatedAt }));
    return { caseId: c.id, links, outbox: deps.sync.list({ caseId: c.id, limit: 100 }).map(item) };
  },

  'sync.deadLetters'(input, { deps }) {
    return deps.sync.list({ status: 'dead', limit: input.limit }).map(item);
  },

  'sync.retry'(input, { deps, now, tx, actor }) {
    const out = tx(() => {
      const r = deadRow(deps, input.id);
      deps.sync.revive(r.id, now.toISOString());
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'sync.retried', caseId: r.caseId, payload: { outboxId: r.id, connector: r.connector, kind: r.kind, note: input.note } });
      return item(deps.sync.outboxById(r.id)!);
    });
    deps.syncRuntime.runner.wake();
    return out;
  },

  'sync.discard'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const r = deadRow(deps, input.id);
      deps.sync.discard(r.id, now.toISOString());
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'sync.discarded', caseId: r.caseId, payload: { outboxId: r.id, connector: r.connector, kind: r.kind, note: input.note } });
      return item(deps.sync.outboxById(r.id)!);
    });
  },
};
