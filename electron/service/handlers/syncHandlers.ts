import { reviveDeadLetter } from '../sync/reviveDeadLetter';
import { loadCase } from '../cases/caseWorkflow';
import { ErrorCode } from '../../../shared/errorCodes';
import { AWAITING_CUSTOMER_STATUSES } from '../../../shared/caseStatus';
import type { syncContract } from '../../../shared/contracts/syncContract';
import { diditStatusSchema, type DiditSessionState } from '../../../shared/schemas/didit';
import { CONNECTOR_IDS, outboxItemSchema, type ConnectorId, type ConnectorView, type OutboxItem } from '../../../shared/schemas/sync';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { Operator } from '../../../shared/schemas/operator';
import type { OutboxRecord } from '../repositories/SyncRepository';
import { DIDIT_CREATE_SESSION, diditEnabled, enqueueDiditSession, enqueueDiditWorkflow } from '../sync/diditEffects';
import { diditSecretText, parseDiditSecret } from '../sync/diditSecret';
import { maskSecret, openSecret, sealSecret } from '../sync/secretBox';
import { refusedCredentials } from '../sync/remoteHttp';
import { diditApprovalState } from '../sync/diditApproval';
import type { HandlerSlice } from './Handlers';

function view(deps: ServiceDeps, id: ConnectorId): ConnectorView {
  const row = deps.sync.connector(id);
  const secret = row?.secret ? openSecret(deps.syncRuntime.secrets.key(), row.secret) : null;
  const base = { id, enabled: row?.enabled ?? false, config: row?.config ?? {}, updatedAt: row?.updatedAt ?? null };
  if (id === 'didit') {
    // Didit's sealed secret holds two (diditSecret.ts): the hint is the API key's, the webhook secret only set or not.
    const both = parseDiditSecret(secret);
    return { ...base, secretSet: both !== null, secretHint: maskSecret(both?.apiKey ?? null), webhookSecretSet: !!both?.webhookSecret };
  }
  // KillB's secret is an account password: not even its tail is shown (an API key's tail tells keys apart; a password's only leaks it).
  return { ...base, secretSet: secret !== null, secretHint: id === 'killb' ? null : maskSecret(secret) };
}

/** Didit statuses after which a case needs a new session (Didit: "Expired — create a new session"). */
const DIDIT_RENEW_AFTER = ['Expired', 'Abandoned', 'Kyc Expired'];

/** A case's Didit session as branch staff see it: the newest create decides queued or failed. */
function diditSessionState(deps: ServiceDeps, caseId: string): DiditSessionState {
  const link = deps.sync.link('didit', 'case', caseId);
  const newest = deps.sync.list({ connector: 'didit', caseId, limit: 500 }).find((r) => r.kind === DIDIT_CREATE_SESSION);
  const status = diditStatusSchema.safeParse(link?.remoteStatus);
  const linked = { sessionId: link?.remoteId ?? null, url: typeof link?.extra.url === 'string' ? link.extra.url : null, status: status.success ? status.data : null };
  // A create still on its way for a new session: the old one's url is no use to the customer.
  if (newest && (newest.status === 'pending' || newest.status === 'delivering') && (!link || newest.payload.replaces === link.remoteId)) {
    return { caseId, state: 'queued', sessionId: null, url: null, status: null, error: newest.lastError };
  }
  if (newest && (newest.status === 'dead' || newest.status === 'discarded') && (!link || newest.payload.replaces === link.remoteId)) {
    return { caseId, state: 'failed', sessionId: null, url: null, status: null, error: newest.lastError };
  }
  return { caseId, state: link ? 'linked' : 'queued', ...linked, error: null };
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

function reviveRefusedByCredentials(deps: ServiceDeps, connector: ConnectorId, now: Date, actor: Pick<Operator, 'id' | 'displayName'>): void {
  for (const r of deps.sync.list({ connector, status: 'dead', limit: 1000 })) {
    if (r.lastError && refusedCredentials(r.lastError)) reviveDeadLetter(deps, r, now.toISOString(), { id: actor.id, name: actor.displayName }, 'sent again with the new credentials');
  }
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
      const key = deps.syncRuntime.secrets.key();
      const before = deps.sync.connector(input.id);
      let sealed: Buffer | undefined;
      let config: Record<string, unknown> = input.config;
      if (input.id === 'didit') {
        if (input.secret !== undefined || input.webhookSecret !== undefined) {
          // Either of Didit's two secrets may change alone: the other is kept from the sealed pair.
          const stored = parseDiditSecret(before?.secret ? openSecret(key, before.secret) : null);
          const apiKey = input.secret ?? stored?.apiKey;
          if (!apiKey) throw new ServiceFailure(ErrorCode.REQUIRED, 'set the API key with the webhook secret', 'secret');
          sealed = sealSecret(key, diditSecretText({ apiKey, webhookSecret: input.webhookSecret ?? stored?.webhookSecret ?? null }));
        }
        // The workflow the connector pushed is kept unless the admin names one.
        const kept = before?.config ?? {};
        if (input.config.workflowId === undefined && typeof kept.workflowId === 'string') {
          config = { ...input.config, workflowId: kept.workflowId, ...(typeof kept.workflowPolicyVersion === 'number' ? { workflowPolicyVersion: kept.workflowPolicyVersion } : {}) };
        }
      } else if (input.secret !== undefined) sealed = sealSecret(key, input.secret);
      if (input.enabled && !sealed && !before?.secret) throw new ServiceFailure(ErrorCode.REQUIRED, 'set the secret before switching the connector on', 'secret');
      deps.sync.saveConnector({ id: input.id, enabled: input.enabled, config, secret: sealed, now: now.toISOString(), by: actor.id });
      // What changed, never the secret itself.
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'sync.configured',
        payload: {
          connector: input.id,
          enabled: input.enabled,
          config,
          secretChanged: input.secret !== undefined,
          ...(input.id === 'didit' ? { webhookSecretChanged: input.webhookSecret !== undefined } : {}),
        },
      });
      // New credentials: what the remote refused for the old ones (401, 403) is sent again, as an
      // admin's retry would; other dead letters (a refused payload) still wait for a person.
      if (input.secret !== undefined) reviveRefusedByCredentials(deps, input.id, now, actor);
      // Didit gets the current policy as a workflow, unless it has it already or the admin named one.
      const policy = deps.policies.latest();
      const adminNamed = input.id === 'didit' && input.config.workflowId !== undefined && input.config.workflowPolicyVersion === undefined;
      if (input.id === 'didit' && input.enabled && policy && !adminNamed && config.workflowPolicyVersion !== policy.version) enqueueDiditWorkflow(deps.sync, policy.version, now);
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
    const c = loadCase(deps, input.caseId, 'caseId');
    const links = [...deps.sync.linksOf('case', c.id), ...deps.sync.linksOf('profile', c.profileId)].map((l) => ({
      connector: l.connector,
      remoteId: l.remoteId,
      remoteStatus: l.remoteStatus,
      accessLevel: typeof l.extra.accessLevel === 'string' ? l.extra.accessLevel : null,
      updatedAt: l.updatedAt,
    }));
    const didit = deps.sync.link('didit', 'case', c.id);
    return {
      caseId: c.id,
      links,
      outbox: deps.sync.list({ caseId: c.id, limit: 100 }).map(item),
      didit: didit ? { sessionId: didit.remoteId, url: typeof didit.extra.url === 'string' ? didit.extra.url : null, status: didit.remoteStatus, result: deps.didit.result(c.id) ?? null, approval: diditApprovalState(deps, c.id) } : null,
    };
  },

  'sync.diditSession'(input, { deps, now, tx, actor }) {
    const out = tx(() => {
      const c = loadCase(deps, input.caseId, 'caseId');
      const current = diditSessionState(deps, c.id);
      const link = deps.sync.link('didit', 'case', c.id);
      const renew = current.state === 'linked' && link !== undefined && DIDIT_RENEW_AFTER.includes(link.remoteStatus ?? '');
      const asked = link !== undefined || deps.sync.list({ connector: 'didit', caseId: c.id, limit: 500 }).some((r) => r.kind === DIDIT_CREATE_SESSION);
      // A session on its way, given up on (an admin retries it), or one the customer can still use: answer it as it is.
      if (asked && !renew) return current;
      if (!diditEnabled(deps.sync)) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'the Didit connector is off; an admin switches it on in the sync settings', 'caseId');
      if (!AWAITING_CUSTOMER_STATUSES.includes(c.status)) throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} case is not waiting on the customer`, 'caseId');
      if (deps.profiles.byId(c.profileId)?.type !== 'PERSON') throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'Didit verifies a person: open a session on each owner\'s case', 'caseId');
      const replaces = renew ? link.remoteId : null;
      enqueueDiditSession(deps.sync, { caseId: c.id, requestedBy: actor.id, replaces, now });
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'sync.didit_session_requested', caseId: c.id, profileId: c.profileId, payload: { replaces } });
      return diditSessionState(deps, c.id);
    });
    deps.syncRuntime.runner.wake();
    return out;
  },

  'sync.deadLetters'(input, { deps }) {
    return deps.sync.list({ status: 'dead', limit: input.limit }).map(item);
  },

  'sync.retry'(input, { deps, now, tx, actor }) {
    const out = tx(() => {
      const r = deadRow(deps, input.id);
      reviveDeadLetter(deps, r, now.toISOString(), { id: actor.id, name: actor.displayName }, input.note);
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
