import { createHash } from 'node:crypto';
import { allowedTransitions, CLOSED_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import type { CaseSummary } from '../../../shared/schemas/case';
import { MAX_EVIDENCE_BYTES, type EvidenceKind } from '../../../shared/schemas/evidence';
import { diditDecisionSchema, diditInboxEventSchema, type DiditDecision, type DiditInboxEvent, type DiditResult } from '../../../shared/schemas/didit';
import type { Decision, RESUBMIT_ITEMS } from '../../../shared/schemas/decision';
import type { Policy } from '../../../shared/schemas/policy';
import { isApplicant } from '../../../shared/schemas/profile';
import { fromDidit, isDiditUpdatable, type DiditStatus } from '../../../shared/statusMappings';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { loadCase, moveCase, refreshKycLevel } from '../cases/caseWorkflow';
import { enqueueAnalysis } from '../jobs/enqueueAnalysis';
import type { InboxRecord, OutboxRecord, SyncLink } from '../repositories/SyncRepository';
import type { Connector, ConnectorOutcome, ConnectorSettings, PolledEvent } from './Connector';
import { DIDIT_BLOCKLIST, DIDIT_CREATE_SESSION, DIDIT_FETCH_MEDIA, DIDIT_FETCH_PDF, DIDIT_PUSH_WORKFLOW, DIDIT_UPDATE_STATUS, diditSessionOf, enqueueDiditMedia } from './diditEffects';
import { parseDiditSecret } from './diditSecret';
import { failedOutcome, RemoteCallError, remoteBytes, remoteJson } from './remoteHttp';
import { SYNC_ACTOR } from './SyncRunner';

/** The inbox kind of a Didit state, from a webhook or a poll. */
export const DIDIT_DECISION_EVENT = 'didit.decision';
/** Workflows are found again by their label (Didit takes no idempotency key): one per policy version. */
export const DIDIT_WORKFLOW_LABEL_PREFIX = 'KYC workstation policy v';
/**
 * Polling stops at these: the seed's loop stops at Approved, Declined and In Review, and an
 * expired or abandoned session never changes again. Later changes still come by webhook.
 */
export const DIDIT_POLL_STOP: readonly DiditStatus[] = ['Approved', 'Declined', 'In Review', 'Expired', 'Abandoned', 'Kyc Expired'];
/** Sessions asked per poll, least recently updated first, so a large backlog is polled in turns. */
const POLL_BATCH = 100;
/** Pages of a Didit list followed when looking for a lost create. */
const MAX_LIST_PAGES = 20;
/**
 * Breaks ties between two states stamped with the same second (webhooks carry whole seconds):
 * at equal times the state further along wins, so a tie never moves a case back.
 */
const STATUS_RANK: Record<DiditStatus, number> = {
  'Not Started': 0,
  'In Progress': 1,
  Resubmitted: 1,
  'In Review': 2,
  Approved: 3,
  Declined: 3,
  Expired: 3,
  Abandoned: 3,
  'Kyc Expired': 4,
};
/**
 * The only statuses a case passes through on its way to the status Didit reports. A Didit state
 * never invents an officer's step (a resubmission request, a second review) or a closing one.
 */
const PASS_THROUGH: readonly CaseStatus[] = ['IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW'];
/** Our resubmission items as Didit workflow nodes (the seed's `feature_ocr`/`OCR`, and its pattern). */
const RESUBMIT_NODES: Record<(typeof RESUBMIT_ITEMS)[number], { node_id: string; feature: string }> = {
  DOCUMENT_FRONT: { node_id: 'feature_ocr', feature: 'OCR' },
  DOCUMENT_BACK: { node_id: 'feature_ocr', feature: 'OCR' },
  SELFIE: { node_id: 'feature_face_match', feature: 'FACE_MATCH' },
  LIVENESS: { node_id: 'feature_liveness', feature: 'LIVENESS' },
};

interface DiditSettings {
  baseUrl: string;
  apiKey: string;
  callbackUrl: string | null;
  workflowId: string | null;
}

interface SessionRef {
  session_id: string;
  url: string | null;
  status: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
/** Whole seconds: Didit's webhooks stamp in seconds, and our own stamps must compare with them. */
export const secondsIso = (d: Date): string => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

/** Webhooks carry no event id: a state is named by its session, status and time. */
export function diditEventId(source: 'webhook' | 'poll', sessionId: string, status: string, at: string): string {
  return createHash('sha256').update(`${source}|${sessionId}|${status}|${at}`).digest('hex');
}

function read(settings: ConnectorSettings): DiditSettings {
  const baseUrl = String(settings.config.baseUrl ?? '').replace(/\/+$/, '');
  const secrets = parseDiditSecret(settings.secret);
  if (!baseUrl || !secrets) throw new RemoteCallError('Didit connector is not configured', false, null);
  return { baseUrl, apiKey: secrets.apiKey, callbackUrl: str(settings.config.callbackUrl), workflowId: str(settings.config.workflowId) };
}

/** The policy's Didit knobs, under Didit's names (seed 003's recommended KYC workflow). */
function workflowBody(p: Policy): Record<string, unknown> {
  return {
    workflow_label: `${DIDIT_WORKFLOW_LABEL_PREFIX}${p.version}`,
    workflow_type: 'kyc',
    is_liveness_enabled: p.body.checks.liveness,
    is_face_match_enabled: p.body.is_face_match_enabled,
    face_match_score_decline_threshold: p.body.face_match_score_decline_threshold,
    max_retry_attempts: p.body.max_retry_attempts,
    // Seed 003's "KYC + AML" variant: Didit screens too, and declines at the policy's threshold.
    is_aml_enabled: p.body.aml.enabled,
    aml_decline_threshold: p.body.aml.declineThreshold,
  };
}

/** A list answer: DRF's `{results, next}` page, or a bare array. */
function listPage(body: unknown): { results: Record<string, unknown>[]; next: string | null } {
  if (Array.isArray(body)) return { results: body.filter(isObject), next: null };
  if (isObject(body) && Array.isArray(body.results)) return { results: body.results.filter(isObject), next: str(body.next) };
  return { results: [], next: null };
}

/** Sniffs what an image download really is; only what the evidence store takes is kept. */
function imageType(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

function toResult(e: DiditInboxEvent, d: DiditDecision, now: Date): DiditResult {
  const warnings: DiditResult['warnings'] = [];
  const collect = (ws: { risk: string; feature?: string | null | undefined; log_type?: string | null | undefined; short_description?: string | null | undefined }[] | null | undefined) => {
    for (const w of ws ?? []) warnings.push({ feature: w.feature ?? null, risk: w.risk, logType: w.log_type ?? null, shortDescription: w.short_description ?? null });
  };
  const idVerifications = (d.id_verifications ?? []).map((v) => {
    collect(v.warnings);
    return {
      status: v.status ?? null,
      documentType: v.document_type ?? null,
      issuingCountry: v.issuing_country ?? null,
      firstName: v.first_name ?? null,
      lastName: v.last_name ?? null,
      dateOfBirth: v.date_of_birth ?? null,
      documentNumber: v.document_number ?? null,
      expiryDate: v.expiry_date ?? null,
      gender: v.gender ?? null,
      nationality: v.nationality ?? null,
      mrz: v.mrz ?? null,
    };
  });
  const liveness = (d.liveness_checks ?? []).map((l) => {
    collect(l.warnings);
    return { status: l.status ?? null, method: l.method ?? null, score: l.score ?? null };
  });
  const faceMatches = (d.face_matches ?? []).map((f) => {
    collect(f.warnings);
    return { status: f.status ?? null, score: f.score ?? null };
  });
  return { sessionId: e.sessionId, status: e.status, remoteAt: e.remoteAt, features: d.features ?? [], idVerifications, liveness, faceMatches, warnings, importedAt: now.toISOString() };
}

/** The images a decision points at, as the evidence kinds we analyse. */
function decisionImages(d: DiditDecision): { kind: EvidenceKind; url: string }[] {
  const out: { kind: EvidenceKind; url: string }[] = [];
  const idv = d.id_verifications?.[0];
  if (idv?.front_image) out.push({ kind: 'DOCUMENT_FRONT', url: idv.front_image });
  if (idv?.back_image) out.push({ kind: 'DOCUMENT_BACK', url: idv.back_image });
  const selfie = d.liveness_checks?.find((l) => l.reference_image)?.reference_image;
  if (selfie) out.push({ kind: 'SELFIE', url: selfie });
  return out;
}

/** The steps from `from` to `to` through PASS_THROUGH only; null when there is no such way. */
function forwardPath(from: CaseStatus, to: CaseStatus): CaseStatus[] | null {
  const queue: CaseStatus[][] = [[from]];
  const seen = new Set<CaseStatus>([from]);
  while (queue.length) {
    const path = queue.shift()!;
    for (const next of allowedTransitions(path.at(-1)!)) {
      if (seen.has(next)) continue;
      if (next === to) return [...path.slice(1), next];
      if (!PASS_THROUGH.includes(next)) continue;
      seen.add(next);
      queue.push([...path, next]);
    }
  }
  return null;
}

/**
 * Didit (seed 003). Outbound: the policy as a workflow, a session per case (its url for branch
 * staff), an officer's decision as one update-status, blocklisting, and the PDF report as
 * evidence. Inbound: decisions by webhook (diditWebhook.ts) and by polling sessions not yet
 * final, stored in the inbox and applied here.
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
  /**
   * Workflow pushes in flight, by label: the runner delivers several rows at once, and a session
   * create may push the workflow itself, so two callers share one look-then-create rather than
   * both finding nothing and creating two workflows.
   */
  private readonly ensuring = new Map<string, Promise<string>>();

  constructor(
    private readonly service: () => ServiceDeps,
    private readonly timeoutMs?: number,
  ) {}

  async test(settings: ConnectorSettings): Promise<{ ok: boolean; message: string }> {
    try {
      await this.call(read(settings), 'GET', '/v3/workflows/');
      return { ok: true, message: 'Didit accepted the API key' };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : 'failed' };
    }
  }

  async deliver(row: OutboxRecord, settings: ConnectorSettings): Promise<ConnectorOutcome> {
    try {
      const s = read(settings);
      switch (row.kind) {
        case DIDIT_PUSH_WORKFLOW:
          return await this.pushWorkflow(s, row);
        case DIDIT_CREATE_SESSION:
          return await this.createSession(s, row);
        case DIDIT_UPDATE_STATUS:
          return await this.updateStatus(s, row);
        case DIDIT_BLOCKLIST:
          return await this.blocklist(s, row);
        case DIDIT_FETCH_PDF:
          return await this.fetchPdf(s, row);
        case DIDIT_FETCH_MEDIA:
          return await this.fetchMedia(s, row);
        default:
          return { ok: false, retryable: false, error: `unknown outbox kind ${row.kind}` };
      }
    } catch (e) {
      return failedOutcome(e);
    }
  }

  // --- outbound ---------------------------------------------------------------------------

  private async pushWorkflow(s: DiditSettings, row: OutboxRecord): Promise<ConnectorOutcome> {
    const d = this.service();
    const policy = d.policies.byVersion(Number(row.payload.policyVersion));
    if (!policy) return { ok: false, retryable: false, error: 'the policy version no longer exists' };
    const uuid = await this.ensureWorkflow(s, policy);
    return { ok: true, remoteId: uuid, record: () => void d.didit.setWorkflow(uuid, policy.version, d.clock().toISOString()) };
  }

  /** The workflow of a policy version: found by its label first (an earlier create may have landed), else created. */
  private ensureWorkflow(s: DiditSettings, policy: Policy): Promise<string> {
    const key = `${s.baseUrl}|${policy.version}`;
    let running = this.ensuring.get(key);
    if (!running) {
      running = this.findOrCreateWorkflow(s, policy).finally(() => this.ensuring.delete(key));
      this.ensuring.set(key, running);
    }
    return running;
  }

  private async findOrCreateWorkflow(s: DiditSettings, policy: Policy): Promise<string> {
    const body = workflowBody(policy);
    const found = await this.findInList(s, '/v3/workflows/', (w) => w.workflow_label === body.workflow_label);
    const existing = found && str(found.uuid);
    if (existing) return existing;
    const created = (await this.call(s, 'POST', '/v3/workflows/', body)).body;
    const uuid = isObject(created) ? str(created.uuid) : null;
    if (!uuid) throw new RemoteCallError('POST /v3/workflows/: answered without a uuid', true, null);
    return uuid;
  }

  private async createSession(s: DiditSettings, row: OutboxRecord): Promise<ConnectorOutcome> {
    const d = this.service();
    const caseId = row.caseId;
    const c = caseId ? d.cases.byId(caseId) : undefined;
    if (!caseId || !c) return { ok: false, retryable: false, error: 'the case no longer exists (purged?)' };
    const replaces = str(row.payload.replaces);
    const requestedBy = str(row.payload.requestedBy);
    const current = d.sync.link('didit', 'case', caseId);
    // Already linked: a webhook for this session came before the create's answer (see adopt).
    if (current && current.remoteId !== replaces) return { ok: true, remoteId: current.remoteId };
    const profile = d.profiles.byId(c.profileId);
    if (profile?.type !== 'PERSON') return { ok: false, retryable: false, error: 'Didit verifies a person; this case has no person profile' };

    let workflowId = s.workflowId;
    let pushed: { uuid: string; version: number } | null = null;
    if (!workflowId) {
      // No workflow recorded (never pushed, or the settings were replaced): push the current policy now.
      const policy = d.policies.latest();
      if (!policy) return { ok: false, retryable: true, error: 'the store has no policy yet' };
      workflowId = await this.ensureWorkflow(s, policy);
      pushed = { uuid: workflowId, version: policy.version };
    }
    // A repeat may follow a create whose answer was lost: Didit takes no idempotency key, so look first.
    let session = row.attempts > 1 ? await this.findSession(s, caseId, replaces) : null;
    if (!session) {
      const p = profile.data;
      // A mismatch with the document makes Didit warn (seed 003, expected_details).
      const expected = { first_name: p.firstName, last_name: p.lastName, date_of_birth: p.dateOfBirth };
      const contact = isApplicant(p) ? {} : { email: p.email, phone: p.phone };
      const body = {
        workflow_id: workflowId,
        vendor_data: caseId,
        ...(s.callbackUrl ? { callback: s.callbackUrl } : {}),
        expected_details: Object.fromEntries(Object.entries(expected).filter(([, v]) => v)),
        contact_details: Object.fromEntries(Object.entries(contact).filter(([, v]) => v)),
      };
      const created = (await this.call(s, 'POST', '/v3/session/', body)).body;
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
  private async findSession(s: DiditSettings, caseId: string, replaces: string | null): Promise<SessionRef | null> {
    const mine: Record<string, unknown>[] = [];
    await this.findInList(s, `/v3/sessions/?vendor_data=${encodeURIComponent(caseId)}`, (x) => {
      if (x.vendor_data === caseId && str(x.session_id) && x.session_id !== replaces) mine.push(x);
      return false;
    });
    const newest = mine.sort((a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')) || Number(b.session_number ?? 0) - Number(a.session_number ?? 0))[0];
    return newest ? { session_id: String(newest.session_id), url: str(newest.session_url) ?? str(newest.url), status: str(newest.status) } : null;
  }

  private async updateStatus(s: DiditSettings, row: OutboxRecord): Promise<ConnectorOutcome> {
    const d = this.service();
    const link = this.sessionLink(row);
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
      const seen = diditDecisionSchema.safeParse((await this.call(s, 'GET', `${path}/decision/`)).body);
      if (seen.success && (seen.data.reviews ?? []).some((r) => r.comment?.includes(ref))) return this.statusSent(link, newStatus);
    }
    const nodes = newStatus === 'Resubmitted' ? resubmitNodes(decision) : null;
    await this.call(s, 'PATCH', `${path}/update-status/`, { new_status: newStatus, comment: reviewComment(decision, newStatus, ref), ...(nodes ? { nodes_to_resubmit: nodes } : {}) });
    return this.statusSent(link, newStatus);
  }

  /** The session now has the status we sent; the webhook Didit sends for it changes nothing. */
  private statusSent(link: SyncLink, status: string): ConnectorOutcome {
    const d = this.service();
    return {
      ok: true,
      remoteId: link.remoteId,
      record: () => d.sync.saveLink({ ...link, remoteStatus: status, remoteUpdatedAt: secondsIso(d.clock()), now: d.clock().toISOString() }),
    };
  }

  private async blocklist(s: DiditSettings, row: OutboxRecord): Promise<ConnectorOutcome> {
    const link = this.sessionLink(row);
    if ('ok' in link) return link;
    await this.call(s, 'POST', '/v3/blocklist/add/', { session_id: link.remoteId, blocklist_face: row.payload.face === true, blocklist_document: row.payload.document === true });
    return { ok: true, remoteId: link.remoteId };
  }

  private async fetchPdf(s: DiditSettings, row: OutboxRecord): Promise<ConnectorOutcome> {
    const d = this.service();
    const link = this.sessionLink(row);
    if ('ok' in link) return link;
    const filer = this.filer(link);
    if (!filer) return { ok: false, retryable: false, error: 'no operator to file the report under' };
    const { bytes } = await remoteBytes(`${s.baseUrl}/v3/session/${encodeURIComponent(link.remoteId)}/generate-pdf`, { headers: this.auth(s), maxBytes: MAX_EVIDENCE_BYTES, now: d.clock, ...this.timeout() });
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, retryable: false, error: 'generate-pdf answered something that is not a PDF' };
    // The file goes in first: if the row is never recorded, an unreferenced file is harmless.
    const { sha256 } = d.evidenceFiles.put(bytes);
    return {
      ok: true,
      remoteId: link.remoteId,
      // A decided case takes no new evidence from the desk; the remote's report of that decision is the exception.
      record: () => this.fileEvidence(link.localId, filer, [{ kind: 'SUPPLEMENTARY', sha256, mimeType: 'application/pdf', byteSize: bytes.length, fileName: `didit-report-${link.remoteId}.pdf` }], 'report'),
    };
  }

  private async fetchMedia(s: DiditSettings, row: OutboxRecord): Promise<ConnectorOutcome> {
    const d = this.service();
    const link = this.sessionLink(row);
    if ('ok' in link) return link;
    const filer = this.filer(link);
    if (!filer) return { ok: false, retryable: false, error: 'no operator to file the images under' };
    const images = Array.isArray(row.payload.images) ? row.payload.images.filter(isObject) : [];
    const files: { kind: EvidenceKind; sha256: string; mimeType: 'image/jpeg' | 'image/png'; byteSize: number; fileName: string }[] = [];
    for (const image of images) {
      const url = str(image.url);
      const kind = str(image.kind) as EvidenceKind | null;
      // Only from the configured Didit host: a decision must not make the workstation fetch anything else.
      if (!url || !kind || !sameOrigin(url, s.baseUrl)) continue;
      const { bytes } = await remoteBytes(url, { maxBytes: MAX_EVIDENCE_BYTES, now: d.clock, ...this.timeout() });
      const mimeType = imageType(bytes);
      if (!mimeType) continue;
      files.push({ kind, sha256: d.evidenceFiles.put(bytes).sha256, mimeType, byteSize: bytes.length, fileName: `didit-${kind.toLowerCase()}.${mimeType === 'image/png' ? 'png' : 'jpg'}` });
    }
    return {
      ok: true,
      remoteId: link.remoteId,
      record: () => {
        if (!files.length) return;
        this.fileEvidence(link.localId, filer, files, 'images');
        // The local engine still runs on what Didit captured (issue 11), in the background lane:
        // nobody at the desk waits on an imported case.
        const operator = d.operators.byId(filer);
        if (operator) enqueueAnalysis(d, link.localId, operator, d.clock(), 'background');
      },
    };
  }

  private fileEvidence(caseId: string, filer: string, files: { kind: EvidenceKind; sha256: string; mimeType: 'image/jpeg' | 'image/png' | 'application/pdf'; byteSize: number; fileName: string }[], what: 'report' | 'images'): void {
    const d = this.service();
    const c = d.cases.byId(caseId);
    if (!c) return;
    const at = d.clock().toISOString();
    for (const f of files) {
      const id = newId();
      d.evidenceRows.insert({ id, caseId, ...f, createdAt: at, createdBy: filer });
      d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'evidence.added', caseId, profileId: c.profileId, payload: { evidenceId: id, kind: f.kind, sha256: f.sha256, byteSize: f.byteSize, via: 'didit', what, filedFor: filer } });
    }
    d.cases.touch(caseId, at);
    refreshKycLevel(d, caseId);
  }

  /** Evidence needs an operator: whoever opened the Didit session, else whoever decided last. */
  private filer(link: SyncLink): string | null {
    const d = this.service();
    const requestedBy = str(link.extra.requestedBy);
    if (requestedBy && d.operators.byId(requestedBy)) return requestedBy;
    return d.decisions.forCase(link.localId).at(-1)?.actorId ?? null;
  }

  /** The case's session, or why the row cannot go yet (its create is still queued) or ever. */
  private sessionLink(row: OutboxRecord): SyncLink | ConnectorOutcome {
    const d = this.service();
    const link = row.caseId ? d.sync.link('didit', 'case', row.caseId) : undefined;
    if (link) return link;
    if (row.caseId && diditSessionOf(d.sync, row.caseId) === 'queued') return { ok: false, retryable: true, error: 'waiting for the Didit session to be created' };
    return { ok: false, retryable: false, error: 'the case has no Didit session' };
  }

  // --- inbound ----------------------------------------------------------------------------

  async poll(settings: ConnectorSettings): Promise<PolledEvent[]> {
    const d = this.service();
    const s = read(settings);
    const at = secondsIso(d.clock());
    const events: PolledEvent[] = [];
    for (const t of d.didit.pollTargets(DIDIT_POLL_STOP, POLL_BATCH)) {
      let body: unknown;
      try {
        body = (await this.call(s, 'GET', `/v3/session/${encodeURIComponent(t.sessionId)}/decision/`)).body;
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

  /**
   * One Didit state into the local case, inside the runner's transaction: the link's status, the
   * result beside our analysis, and the case moved forward to the mapped status. An event older
   * than the one applied changes nothing, and neither does one for a case an officer has decided
   * (closed) or that waits on a second reviewer.
   */
  apply(event: InboxRecord, settings: ConnectorSettings): 'applied' | 'ignored' {
    const d = this.service();
    const parsed = diditInboxEventSchema.safeParse(event.payload);
    if (!parsed.success) return 'ignored';
    const e = parsed.data;
    const now = d.clock();
    const at = now.toISOString();
    // The inbox keeps what the event was, not the personal data it carried (see slimInboxPayload).
    d.didit.slimInboxPayload(event.id, { source: e.source, sessionId: e.sessionId, status: e.status, remoteAt: e.remoteAt });
    const link = d.sync.linkByRemote('didit', 'case', e.sessionId) ?? this.adopt(e);
    if (!link) return 'ignored';
    if (link.remoteUpdatedAt && (e.remoteAt < link.remoteUpdatedAt || (e.remoteAt === link.remoteUpdatedAt && STATUS_RANK[e.status] < rankOf(link.remoteStatus)))) {
      d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.event_ignored', caseId: link.localId, payload: { connector: 'didit', eventId: event.eventId, sessionId: e.sessionId, remoteStatus: e.status, remoteAt: e.remoteAt, newerApplied: link.remoteUpdatedAt, reason: 'older than the state applied' } });
      return 'ignored';
    }
    const url = e.decision?.session_url ?? str(link.extra.url);
    d.sync.saveLink({ ...link, remoteStatus: e.status, remoteUpdatedAt: e.remoteAt, extra: { ...link.extra, url }, now: at });

    const c = loadCase(d, link.localId);
    const decision = e.decision;
    let imported: DiditResult | null = null;
    if (decision && (decision.id_verifications?.length || decision.liveness_checks?.length || decision.face_matches?.length)) {
      imported = toResult(e, decision, now);
      d.didit.saveResult({ caseId: c.id, result: imported, now: at });
      // Scores, statuses and warning codes only: the extracted fields are personal data.
      d.audit.append({
        at,
        actor: { id: null, name: SYNC_ACTOR.displayName },
        type: 'sync.didit_result',
        caseId: c.id,
        profileId: c.profileId,
        payload: {
          sessionId: e.sessionId,
          status: e.status,
          features: imported.features,
          idVerifications: imported.idVerifications.map((v) => v.status),
          liveness: imported.liveness.map((l) => ({ status: l.status, score: l.score })),
          faceMatches: imported.faceMatches.map((f) => ({ status: f.status, score: f.score })),
          warnings: imported.warnings.map((w) => w.risk),
        },
      });
      const baseUrl = String(settings.config.baseUrl ?? '');
      const images = decisionImages(decision).filter((i) => sameOrigin(i.url, baseUrl));
      enqueueDiditMedia(d.sync, { caseId: c.id, sessionId: e.sessionId, status: e.status, images, now });
    }
    const steps = this.moveTowards(c, fromDidit(e.status), now, e.sessionId);
    d.audit.append({
      at,
      actor: { id: null, name: SYNC_ACTOR.displayName },
      type: 'sync.applied',
      caseId: c.id,
      profileId: c.profileId,
      payload: { connector: 'didit', eventId: event.eventId, source: e.source, sessionId: e.sessionId, remoteStatus: e.status, remoteAt: e.remoteAt, from: c.status, steps, resultImported: imported !== null },
    });
    return 'applied';
  }

  /**
   * A state for a session we have no link to: the create's answer was lost (or is still on its
   * way) while Didit already reports on it. Linked through `vendor_data` only when that case is
   * waiting for a session of ours; anything else is not ours to import.
   */
  private adopt(e: DiditInboxEvent): SyncLink | null {
    const d = this.service();
    const caseId = e.vendorData;
    if (!caseId || !d.cases.byId(caseId) || d.sync.link('didit', 'case', caseId)) return null;
    const creating = d.sync.list({ connector: 'didit', caseId, limit: 500 }).find((r) => r.kind === DIDIT_CREATE_SESSION && (r.status === 'pending' || r.status === 'delivering'));
    if (!creating) return null;
    const at = d.clock().toISOString();
    d.sync.saveLink({ connector: 'didit', localKind: 'case', localId: caseId, remoteId: e.sessionId, remoteStatus: null, remoteUpdatedAt: null, extra: { url: e.decision?.session_url ?? null, requestedBy: str(creating.payload.requestedBy) }, now: at });
    return d.sync.link('didit', 'case', caseId) ?? null;
  }

  private moveTowards(start: CaseSummary, target: CaseStatus, now: Date, sessionId: string): CaseStatus[] {
    if (start.status === target || CLOSED_STATUSES.includes(start.status) || start.status === 'AWAITING_SECOND_REVIEW') return [];
    const path = forwardPath(start.status, target);
    if (!path) return [];
    const d = this.service();
    let c = start;
    for (const step of path) c = moveCase(d, c, step, { actor: SYNC_ACTOR, now, payload: { via: 'didit', sessionId } });
    return path;
  }

  // --- http -------------------------------------------------------------------------------

  private auth(s: DiditSettings): Record<string, string> {
    return { 'x-api-key': s.apiKey };
  }

  private timeout(): { timeoutMs?: number } {
    return this.timeoutMs ? { timeoutMs: this.timeoutMs } : {};
  }

  private call(s: DiditSettings, method: string, path: string, body?: unknown) {
    return remoteJson(`${s.baseUrl}${path}`, { method, headers: this.auth(s), body, now: this.service().clock, ...this.timeout() });
  }

  /** Walks a Didit list (following `next` on the same host) until `match` says stop. */
  private async findInList(s: DiditSettings, path: string, match: (item: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | null> {
    let url: string | null = `${s.baseUrl}${path}`;
    for (let page = 0; url && page < MAX_LIST_PAGES; page++) {
      const r = await remoteJson(url, { method: 'GET', headers: this.auth(s), now: this.service().clock, ...this.timeout() });
      const { results, next } = listPage(r.body);
      const hit = results.find(match);
      if (hit) return hit;
      // The key goes only to the configured host, whatever a page's `next` says.
      url = next && sameOrigin(next, s.baseUrl) ? next : null;
    }
    return null;
  }
}

function rankOf(status: string | null): number {
  return status && status in STATUS_RANK ? STATUS_RANK[status as DiditStatus] : -1;
}

function sameOrigin(url: string, baseUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
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
