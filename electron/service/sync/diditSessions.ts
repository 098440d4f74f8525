import { createHash } from 'node:crypto';
import { diditDecisionSchema } from '../../../shared/schemas/didit';
import type { Decision, RESUBMIT_ITEMS } from '../../../shared/schemas/decision';
import { isApplicant } from '../../../shared/schemas/profile';
import { isDiditUpdatable, type DiditStatus } from '../../../shared/statusMappings';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { OutboxRecord, SyncLink } from '../repositories/SyncRepository';
import type { ConnectorOutcome } from './Connector';
import { isObject, str, type DiditApi } from './diditApi';
import { diditSessionOf } from './diditEffects';
import { secondsIso } from './diditEvent';
import type { DiditWorkflows } from './diditWorkflows';
import { RemoteCallError } from './remoteHttp';

/** Our resubmission items as Didit workflow nodes (the seed's `feature_ocr`/`OCR`, and its pattern). */
const RESUBMIT_NODES: Record<(typeof RESUBMIT_ITEMS)[number], { node_id: string; feature: string }> = {
  DOCUMENT_FRONT: { node_id: 'feature_ocr', feature: 'OCR' },
  DOCUMENT_BACK: { node_id: 'feature_ocr', feature: 'OCR' },
  SELFIE: { node_id: 'feature_face_match', feature: 'FACE_MATCH' },
  LIVENESS: { node_id: 'feature_liveness', feature: 'LIVENESS' },
};

interface SessionRef {
  session_id: string;
  url: string | null;
  status: string | null;
}

/** A Didit session for the case (its url for branch staff), pushing the policy's workflow first when none is recorded. */
export async function createDiditSession(d: ServiceDeps, api: DiditApi, workflows: DiditWorkflows, row: OutboxRecord): Promise<ConnectorOutcome> {
  const caseId = row.caseId;
  const c = caseId ? d.cases.byId(caseId) : undefined;
  if (!caseId || !c) return { ok: false, retryable: false, error: 'the case no longer exists (purged?)' };
  const replaces = str(row.payload.replaces);
  const requestedBy = str(row.payload.requestedBy);
  const current = d.sync.link('didit', 'case', caseId);
  // Already linked: a webhook for this session came before the create's answer (see adopt, diditDecisionMapping.ts).
  if (current && current.remoteId !== replaces) return { ok: true, remoteId: current.remoteId };
  const profile = d.profiles.byId(c.profileId);
  if (profile?.type !== 'PERSON') return { ok: false, retryable: false, error: 'Didit verifies a person; this case has no person profile' };

  let workflowId = api.workflowId;
  let pushed: { uuid: string; version: number } | null = null;
  if (!workflowId) {
    // No workflow recorded (never pushed, or the settings were replaced): push the current policy now.
    const policy = d.policies.latest();
    if (!policy) return { ok: false, retryable: true, error: 'the store has no policy yet' };
    workflowId = await workflows.ensure(api, policy);
    pushed = { uuid: workflowId, version: policy.version };
  }
  // A repeat may follow a create whose answer was lost: Didit takes no idempotency key, so look first.
  let session = row.attempts > 1 ? await findSession(api, caseId, replaces) : null;
  if (!session) {
    const p = profile.data;
    // A mismatch with the document makes Didit warn (seed 003, expected_details).
    const expected = { first_name: p.firstName, last_name: p.lastName, date_of_birth: p.dateOfBirth };
    const contact = isApplicant(p) ? {} : { email: p.email, phone: p.phone };
    const body = {
      workflow_id: workflowId,
      vendor_data: caseId,
      ...(api.callbackUrl ? { callback: api.callbackUrl } : {}),
      expected_details: Object.fromEntries(Object.entries(expected).filter(([, v]) => v)),
      contact_details: Object.fromEntries(Object.entries(contact).filter(([, v]) => v)),
    };
    const created = (await api.call('POST', '/v3/session/', body)).body;
    const id = isObject(created) ? str(created.session_id) : null;
    if (!id || !isObject(created)) throw new RemoteCallError('POST /v3/session/: answered without a session_id', true, null);
    session = { session_id: id, url: str(created.url), status: str(created.status) };
  }
  const made = session;
  return {
    ok: true,
    remoteId: made.session_id,
    record: () => {
      if (pushed) d.didit.setWorkflow(pushed.uuid, pushed.version, d.clock().toISOString());
      d.sync.saveLink({
        connector: 'didit',
        localKind: 'case',
        localId: caseId,
        remoteId: made.session_id,
        // The link's status is the newest state applied to the case. A session found after a
        // lost answer may already be further on at Didit (its webhooks went nowhere): left
        // unknown, polling fetches that state and applies it.
        remoteStatus: (made.status ?? 'Not Started') === 'Not Started' ? 'Not Started' : null,
        remoteUpdatedAt: null,
        extra: { url: made.url, requestedBy },
        now: d.clock().toISOString(),
      });
    },
  };
}

/** The newest session Didit holds for the case, other than the one being replaced. */
async function findSession(api: DiditApi, caseId: string, replaces: string | null): Promise<SessionRef | null> {
  const mine: Record<string, unknown>[] = [];
  await api.findInList(`/v3/sessions/?vendor_data=${encodeURIComponent(caseId)}`, (x) => {
    if (x.vendor_data === caseId && str(x.session_id) && x.session_id !== replaces) mine.push(x);
    return false;
  });
  const newest = mine.sort((a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')) || Number(b.session_number ?? 0) - Number(a.session_number ?? 0))[0];
  return newest ? { session_id: String(newest.session_id), url: str(newest.session_url) ?? str(newest.url), status: str(newest.status) } : null;
}

/** An officer's decision as one update-status on the case's session. */
export async function updateDiditStatus(d: ServiceDeps, api: DiditApi, row: OutboxRecord): Promise<ConnectorOutcome> {
  const link = diditSessionLink(d, row);
  if ('ok' in link) return link;
  const newStatus = row.payload.newStatus;
  if (typeof newStatus !== 'string' || !isDiditUpdatable(newStatus as DiditStatus)) return { ok: false, retryable: false, error: 'not a status Didit takes in update-status' };
  const decisionId = str(row.payload.decisionId);
  const decision = decisionId ? d.decisions.byId(decisionId) : undefined;
  // The comment carries a reference to this outbox row: a retry after a lost answer finds it among
  // the session's reviews and stops, instead of recording the same review twice.
  const ref = `kyc-ws:${createHash('sha256').update(row.idempotencyKey).digest('hex').slice(0, 12)}`;
  const path = `/v3/session/${encodeURIComponent(link.remoteId)}`;
  if (row.attempts > 1) {
    const seen = diditDecisionSchema.safeParse((await api.call('GET', `${path}/decision/`)).body);
    if (seen.success && (seen.data.reviews ?? []).some((r) => r.comment?.includes(ref))) return statusSent(d, link, newStatus);
  }
  const nodes = newStatus === 'Resubmitted' ? resubmitNodes(decision) : null;
  await api.call('PATCH', `${path}/update-status/`, { new_status: newStatus, comment: reviewComment(decision, newStatus, ref), ...(nodes ? { nodes_to_resubmit: nodes } : {}) });
  return statusSent(d, link, newStatus);
}

/** The session now has the status we sent; the webhook Didit sends for it changes nothing. */
function statusSent(d: ServiceDeps, link: SyncLink, status: string): ConnectorOutcome {
  return {
    ok: true,
    remoteId: link.remoteId,
    record: () => d.sync.saveLink({ ...link, remoteStatus: status, remoteUpdatedAt: secondsIso(d.clock()), now: d.clock().toISOString() }),
  };
}

/** The case's face and/or document on Didit's blocklist. */
export async function blocklistDiditSession(d: ServiceDeps, api: DiditApi, row: OutboxRecord): Promise<ConnectorOutcome> {
  const link = diditSessionLink(d, row);
  if ('ok' in link) return link;
  await api.call('POST', '/v3/blocklist/add/', { session_id: link.remoteId, blocklist_face: row.payload.face === true, blocklist_document: row.payload.document === true });
  return { ok: true, remoteId: link.remoteId };
}

/** The case's session, or why the row cannot go yet (its create is still queued) or ever. */
export function diditSessionLink(d: ServiceDeps, row: OutboxRecord): SyncLink | ConnectorOutcome {
  const link = row.caseId ? d.sync.link('didit', 'case', row.caseId) : undefined;
  if (link) return link;
  if (row.caseId && diditSessionOf(d.sync, row.caseId) === 'queued') return { ok: false, retryable: true, error: 'waiting for the Didit session to be created' };
  return { ok: false, retryable: false, error: 'the case has no Didit session' };
}

function resubmitNodes(decision: Decision | undefined): { node_id: string; feature: string }[] {
  const nodes = (decision?.resubmitItems ?? []).map((i) => RESUBMIT_NODES[i]);
  // A resubmission without items (not one the desk makes) redoes the document, the seed's example.
  const all = nodes.length ? nodes : [RESUBMIT_NODES.DOCUMENT_FRONT];
  return all.filter((n, i) => all.findIndex((m) => m.node_id === n.node_id) === i);
}

/** What Didit's reviewers read: the officer's message to the customer or the reason, and our reference. */
function reviewComment(decision: Decision | undefined, status: string, ref: string): string {
  const said = decision?.customerMessage || (decision?.reasonCode ? `reason ${decision.reasonCode}` : `${status} at the KYC workstation`);
  return `${said.slice(0, 1800)} (${ref})`;
}
