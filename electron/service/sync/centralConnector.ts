import { CLOSED_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import {
  CENTRAL_FINAL_STATUSES,
  centralEnvelopeSchema,
  centralLinkExtraSchema,
  centralStatusDtoSchema,
  centralStatusEventSchema,
  centralStatusSchema,
  centralSubmitDataSchema,
  type CentralForwardStep,
  type CentralLinkExtra,
  type CentralStatus,
  type CentralStatusDto,
} from '../../../shared/schemas/central';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { Evidence } from '../../../shared/schemas/evidence';
import { isApplicant, type Profile } from '../../../shared/schemas/profile';
import type { ServiceDeps } from '../core/ServiceDeps';
import { moveCase } from '../cases/caseWorkflow';
import type { InboxRecord, OutboxRecord, SyncLink } from '../repositories/SyncRepository';
import { parseRetryAfter } from './backoff';
import type { Connector, ConnectorOutcome, ConnectorSettings, PolledEvent } from './Connector';
import { CENTRAL_ANCHOR, CENTRAL_FORWARD } from './centralEffects';
import { failedOutcome, REMOTE_TIMEOUT_MS, RemoteCallError, remoteJson } from './remoteHttp';
import { SYNC_ACTOR } from './SyncRunner';

export { CENTRAL_FORWARD } from './centralEffects';
export const CENTRAL_STATUS_EVENT = 'central.status';
/** Who moves a local case to the central's decision, in the case's history. */
export const CENTRAL_ACTOR = { id: null, displayName: 'central kycService' } as const;

const KYC = '/api/web/kycService';
/** Links polled per pass: a branch has few cases waiting on the central at once. */
const POLL_BATCH = 500;
/** The local states a central decision may close: submitted and not decided here. */
const DECIDABLE_HERE: readonly CaseStatus[] = ['SUBMITTED', 'IN_REVIEW'];
/** Central states in which the application still waits on the customer: a submit is still to do. */
const CENTRAL_BEFORE_SUBMIT: readonly CentralStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'SUPPLEMENTARY_REQUIRED'];
/** The seed's upload failure (quality/unreadable): the files are stored and the central reviewer sees why. */
const UPLOAD_STORED_WITH_FINDINGS = 30001;

interface CentralSettings {
  baseUrl: string;
  token: string;
}

function read(settings: ConnectorSettings): CentralSettings {
  const baseUrl = String(settings.config.baseUrl ?? '').replace(/\/+$/, '');
  if (!baseUrl || !settings.secret) throw new RemoteCallError('the central kycService connector is not configured', false, null);
  return { baseUrl, token: settings.secret };
}

/** The central's status in the seed's vocabulary: the DTO's LeapCat status, else its admin review status. */
export function centralStatusOf(dto: CentralStatusDto): CentralStatus | null {
  const named = centralStatusSchema.safeParse(dto.status);
  if (named.success) return named.data;
  if (dto.reviewStatus === 2) return 'APPROVED';
  if (dto.reviewStatus === -1) return 'REJECTED';
  if (dto.reviewStatus === 0) return 'UNDER_REVIEW';
  return null;
}

/** Drops what a client did not have, so the central never stores an empty value over its own. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** Image references of ours (branch upload URLs): the central cannot read them; the files travel by upload. */
const BRANCH_ONLY_DOCUMENT_FIELDS = ['frontImageUrl', 'backImageUrl'];
const withoutKeys = (o: object, keys: readonly string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/**
 * A central kycService (seed 002), which may be this same product on another machine. A branch
 * forwards each case it submits, step by step as the seed's client does: the profile (`/submit`),
 * the document images (`/document/upload`), the confirmation (`/document/confirm`), the branch's
 * liveness result (`/callback/liveness`) and the submission (`/document/submit`). It then polls
 * `/status/{profileId}` and closes the local case with the central's decision.
 *
 * A delivery is resumable: every step done is written to the case's link before the next starts,
 * so a retry after a crash or a lost answer continues where it stopped. Each step is also safe to
 * repeat when its answer was lost: a second `/submit` answers USER.0001 with the existing
 * profileId (linked, never a second profile), files the central lists by sha256 are not sent
 * again, a confirmation stores the same fields again, a liveness callback is deduplicated by the
 * central, and a refused second document submit is checked against the central's status.
 */
export class CentralConnector implements Connector {
  readonly id = 'central' as const;

  constructor(
    private readonly service: () => ServiceDeps,
    private readonly timeoutMs?: number,
  ) {}

  async test(settings: ConnectorSettings): Promise<{ ok: boolean; message: string }> {
    try {
      const s = read(settings);
      // A profile id that cannot exist: 404 proves the token was accepted, and nothing is written.
      await this.call(s, 'GET', `${KYC}/status/connection-test`);
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
      const s = read(settings);
      const d = this.service();
      const caseId = String(row.payload.caseId);
      const c = d.cases.byId(caseId);
      const profile = c ? d.profiles.byId(c.profileId) : undefined;
      if (!c || !profile) return { ok: false, retryable: false, error: 'the case no longer exists (purged?)' };
      const link = await this.profileStep(s, row, c, profile);
      const profileId = link.remoteId;
      let extra = link.extra;
      if (!extra.done.includes('documents')) extra = await this.documentsStep(s, c, profile, profileId, extra);
      if (!extra.done.includes('confirm')) extra = await this.confirmStep(s, c, profile, profileId, extra);
      if (!extra.done.includes('liveness')) extra = await this.livenessStep(s, c, profileId);
      if (!extra.done.includes('submit')) await this.submitStep(s, c, profileId, extra);
      return { ok: true, remoteId: profileId };
    } catch (e) {
      return failedOutcome(e);
    }
  }

  /** A signed checkpoint to the central's anchor endpoint; the central answers recorded, known or conflict. */
  private async deliverAnchor(row: OutboxRecord, settings: ConnectorSettings): Promise<ConnectorOutcome> {
    try {
      const s = read(settings);
      const r = await this.call(s, 'POST', '/admin/kyc/audit-anchors', { json: { anchor: row.payload.anchor } });
      return { ok: true, remoteId: String((r.data as { status?: unknown } | null)?.status ?? 'recorded') };
    } catch (e) {
      return failedOutcome(e);
    }
  }

  // --- forwarding steps ---------------------------------------------------------------------

  /** The central profile of the case: linked already, or created (or found, on USER.0001) and linked now. */
  private async profileStep(s: CentralSettings, row: OutboxRecord, c: CaseSummary, profile: Profile): Promise<{ remoteId: string; extra: CentralLinkExtra }> {
    const d = this.service();
    const existing = this.caseLink(c.id);
    if (existing) {
      if (existing.extra.forward === row.id) return existing;
      // A new submission of a case forwarded before: the profile stays, the other steps run again.
      return { remoteId: existing.remoteId, extra: this.progress(c, existing.remoteId, { forward: row.id, done: ['profile'] }) };
    }
    const body = profile.type === 'COMPANY' ? await this.companyBody(s, profile) : this.personBody(profile);
    const created = await this.createOrFind(s, body);
    const at = d.clock().toISOString();
    d.db.transaction(() => {
      d.sync.saveLink({
        connector: 'central',
        localKind: 'case',
        localId: c.id,
        remoteId: created.profileId,
        remoteStatus: null,
        remoteUpdatedAt: null,
        extra: centralLinkExtraSchema.parse({ documentId: created.documentId, forward: row.id, done: ['profile'] }),
        now: at,
      });
      this.auditStep(c, 'profile', created.profileId, { documentId: created.documentId, adopted: created.adopted });
    })();
    return this.caseLink(c.id)!;
  }

  /** The case's newest document front (and back), sent unless the central has them. */
  private async documentsStep(s: CentralSettings, c: CaseSummary, profile: Profile, profileId: string, extra: CentralLinkExtra): Promise<CentralLinkExtra> {
    const d = this.service();
    const evidence = d.evidenceRows.forCase(c.id);
    const newest = (kind: Evidence['kind']) => evidence.filter((e) => e.kind === kind).at(-1);
    const front = newest('DOCUMENT_FRONT');
    const back = newest('DOCUMENT_BACK');
    if (!front) throw new RemoteCallError('the case has no document front to forward', false, null);
    const files = [front, ...(back ? [back] : [])];
    const unsent = files.filter((f) => !extra.sentFiles.includes(f.sha256));
    if (unsent.length === 0) return this.progress(c, profileId, { done: [...extra.done, 'documents'] }, { files: [] });
    // The answer to an earlier upload may have been lost: the central lists its files by sha256.
    const atCentral = new Set((await this.statusDto(s, profileId)).documents?.map((f) => f.sha256) ?? []);
    if (files.every((f) => atCentral.has(f.sha256))) {
      return this.progress(c, profileId, { done: [...extra.done, 'documents'], sentFiles: [...extra.sentFiles, ...files.map((f) => f.sha256)] }, { files: [], alreadyThere: files.length });
    }
    const form = new FormData();
    form.append('profileId', profileId);
    const document = profile.type === 'PERSON' ? profile.data.document : undefined;
    // A company's document travelled with its profile; a person's type and issuing country describe these images.
    if (document?.type) form.append('docType', document.type);
    const country = profile.type === 'PERSON' ? (document?.issuedCountryCode ?? (isApplicant(profile.data) ? profile.data.country : undefined)) : undefined;
    if (country && document?.type) form.append('country', country);
    for (const [part, f] of [['frontImage', front], ['backImage', back]] as const) {
      if (!f) continue;
      const bytes = d.evidenceFiles.get(f.sha256);
      form.append(part, new Blob([new Uint8Array(bytes)], { type: f.mimeType }), f.fileName);
    }
    const answer = await this.call(s, 'POST', `${KYC}/document/upload`, { form, accept: [UPLOAD_STORED_WITH_FINDINGS] });
    const documentId = numberOrNull(answer.data?.documentId) ?? extra.documentId;
    return this.progress(
      c,
      profileId,
      { done: [...extra.done, 'documents'], sentFiles: [...extra.sentFiles, ...files.map((f) => f.sha256)], documentId },
      { files: files.map((f) => ({ kind: f.kind, sha256: f.sha256 })), findings: answer.code !== 0 },
    );
  }

  /**
   * The customer's confirmation. An applicant's identity came from OCR and confirmation here, so
   * the confirmed fields go too; a full profile went whole with `/submit`. `userModified` is ours.
   */
  private async confirmStep(s: CentralSettings, c: CaseSummary, profile: Profile, profileId: string, extra: CentralLinkExtra): Promise<CentralLinkExtra> {
    const documentId = extra.documentId ?? (await this.documentIdOf(s, profileId));
    let body: Record<string, unknown> = { userModified: c.userModified };
    if (profile.type === 'PERSON' && isApplicant(profile.data)) {
      const p = profile.data;
      const name = [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
      body = defined({ name, idNumber: p.document?.number, birthDate: p.dateOfBirth, expiryDate: p.document?.expiryDate, issuer: p.document?.issuer, nationality: p.nationality, userModified: c.userModified });
    }
    await this.call(s, 'POST', `${KYC}/document/confirm?documentId=${documentId}`, { json: body });
    return this.progress(c, profileId, { done: [...extra.done, 'confirm'], documentId }, { documentId, fields: Object.keys(body) });
  }

  /**
   * The branch's liveness result, as the provider callback the seed has for it. The clips are not
   * replayed through `/liveness/start` and `/verify`: the central draws its own three actions,
   * which ours answer only by chance, so a replay would fail (and is what liveness exists to stop).
   */
  private async livenessStep(s: CentralSettings, c: CaseSummary, profileId: string): Promise<CentralLinkExtra> {
    const d = this.service();
    const session = d.liveness.byCase(c.id, d.clock()).find((l) => l.status === 'PASSED' || l.status === 'FAILED');
    const extra = this.caseLink(c.id)!.extra;
    if (!session) return this.progress(c, profileId, { done: [...extra.done, 'liveness'] }, { sent: false });
    const body = {
      profileId,
      sessionId: session.id,
      // Ours is 0-1; the seed's callback takes a percentage (its example: 96.2).
      ...(session.result ? { confidence: Math.round(session.result.confidence * 10_000) / 100 } : {}),
      result: session.status === 'PASSED' ? 'success' : 'failed',
    };
    await this.call(s, 'POST', `${KYC}/callback/liveness`, { json: body });
    return this.progress(c, profileId, { done: [...extra.done, 'liveness'] }, { sent: true, sessionId: session.id, result: body.result });
  }

  /** The submission; refused because it went through already (its answer lost), it counts as done. */
  private async submitStep(s: CentralSettings, c: CaseSummary, profileId: string, extra: CentralLinkExtra): Promise<void> {
    const documentId = extra.documentId ?? (await this.documentIdOf(s, profileId));
    let result: unknown = null;
    try {
      result = (await this.call(s, 'POST', `${KYC}/document/submit?documentId=${documentId}`, { json: {} })).data?.status ?? null;
    } catch (e) {
      if (!(e instanceof RemoteCallError && e.status === 409)) throw e;
      const now = centralStatusOf(await this.statusDto(s, profileId));
      if (now === null || CENTRAL_BEFORE_SUBMIT.includes(now)) throw e;
      result = 'already submitted';
    }
    this.progress(c, profileId, { done: [...this.caseLink(c.id)!.extra.done, 'submit'] }, { documentId, result });
  }

  // --- the decision coming back -------------------------------------------------------------

  /** The central status of every forwarded case not decided there yet; an unchanged one is not news. */
  async poll(settings: ConnectorSettings): Promise<PolledEvent[]> {
    const s = read(settings);
    const d = this.service();
    const events: PolledEvent[] = [];
    for (const link of d.sync.openLinks('central', 'case', CENTRAL_FINAL_STATUSES, POLL_BATCH)) {
      let dto: CentralStatusDto;
      try {
        dto = await this.statusDto(s, link.remoteId);
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

  // --- profile bodies -----------------------------------------------------------------------

  /** The seed's `{userId, country}` for a kycService applicant; a full person goes as its KillB body. */
  private personBody(p: Extract<Profile, { type: 'PERSON' }>): Record<string, unknown> {
    if (isApplicant(p.data)) return { userId: p.data.externalId, country: p.data.country };
    return { type: 'PERSON', ...p.data, document: withoutKeys(p.data.document, BRANCH_ONLY_DOCUMENT_FIELDS) };
  }

  /** A company names its owners by the central's profile ids, so the owners go first (once each, linked). */
  private async companyBody(s: CentralSettings, p: Extract<Profile, { type: 'COMPANY' }>): Promise<Record<string, unknown>> {
    const d = this.service();
    const centralIdOf = async (ownerId: string): Promise<string> => {
      const linked = d.sync.link('central', 'profile', ownerId);
      if (linked) return linked.remoteId;
      const owner = d.profiles.byId(ownerId);
      if (owner?.type !== 'PERSON' || isApplicant(owner.data)) throw new RemoteCallError('a company owner is missing or has no full profile to forward', false, null);
      const created = await this.createOrFind(s, this.personBody(owner));
      d.db.transaction(() => {
        d.sync.saveLink({ connector: 'central', localKind: 'profile', localId: ownerId, remoteId: created.profileId, remoteStatus: null, remoteUpdatedAt: null, extra: { owner: true }, now: d.clock().toISOString() });
        d.audit.append({ at: d.clock().toISOString(), actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.central_step', profileId: ownerId, payload: { connector: 'central', step: 'owner', remoteId: created.profileId, adopted: created.adopted } });
      })();
      return created.profileId;
    };
    const main = p.data.mainOwnerUser ? await centralIdOf(p.data.mainOwnerUser) : undefined;
    const others: string[] = [];
    for (const id of p.data.ownerUsers) others.push(await centralIdOf(id));
    return { type: 'COMPANY', ...p.data, ...(main ? { mainOwnerUser: main } : {}), ownerUsers: others };
  }

  /** `/submit`; USER.0001 means the profile exists (our earlier attempt's answer was lost): link it. */
  private async createOrFind(s: CentralSettings, body: Record<string, unknown>): Promise<{ profileId: string; documentId: number | null; adopted: boolean }> {
    try {
      const data = centralSubmitDataSchema.parse((await this.call(s, 'POST', `${KYC}/submit`, { json: body })).data);
      return { profileId: data.profileId, documentId: data.documentId ?? null, adopted: false };
    } catch (e) {
      const refusal = e instanceof RemoteCallError ? centralEnvelopeSchema.safeParse(e.body) : null;
      const data = refusal?.success ? refusal.data.data : null;
      if (data?.errorCode === 'USER.0001' && typeof data.profileId === 'string' && data.profileId) return { profileId: data.profileId, documentId: null, adopted: true };
      throw e;
    }
  }

  // --- link bookkeeping ---------------------------------------------------------------------

  private caseLink(caseId: string): (SyncLink & { extra: CentralLinkExtra }) | null {
    const link = this.service().sync.link('central', 'case', caseId);
    return link ? { ...link, extra: centralLinkExtraSchema.parse(link.extra) } : null;
  }

  /**
   * Records a step done and audits it, in one transaction. The link is read again here, inside
   * the same synchronous call, so a status applied from the inbox meanwhile is kept.
   */
  private progress(c: CaseSummary, profileId: string, change: Partial<CentralLinkExtra>, audit: Record<string, unknown> = {}): CentralLinkExtra {
    const d = this.service();
    const step = change.done?.at(-1);
    return d.db.transaction(() => {
      const link = this.caseLink(c.id);
      if (!link) throw new RemoteCallError('the central link of the case is gone', false, null);
      const extra: CentralLinkExtra = { ...link.extra, ...change, done: [...new Set(change.done ?? link.extra.done)] };
      d.sync.saveLink({ ...link, extra, now: d.clock().toISOString() });
      if (step && !link.extra.done.includes(step)) this.auditStep(c, step, profileId, audit);
      return extra;
    })();
  }

  /** What was sent where: the step, the central's ids and file hashes, never personal data or the token. */
  private auditStep(c: CaseSummary, step: CentralForwardStep, remoteId: string, details: Record<string, unknown>): void {
    const d = this.service();
    d.audit.append({ at: d.clock().toISOString(), actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.central_step', caseId: c.id, profileId: c.profileId, payload: { connector: 'central', step, remoteId, ...details } });
  }

  // --- http ---------------------------------------------------------------------------------

  private async statusDto(s: CentralSettings, profileId: string): Promise<CentralStatusDto> {
    const data = (await this.call(s, 'GET', `${KYC}/status/${encodeURIComponent(profileId)}`)).data;
    const dto = centralStatusDtoSchema.safeParse(data?.status);
    if (!dto.success) throw new RemoteCallError(`GET ${KYC}/status: the answer has no status object`, false, 200);
    return dto.data;
  }

  private async documentIdOf(s: CentralSettings, profileId: string): Promise<number> {
    const documentId = (await this.statusDto(s, profileId)).documentId;
    if (!documentId) throw new RemoteCallError('the central kycService gives no documentId for the profile', false, null);
    return documentId;
  }

  /**
   * One call in the seed's envelope. JSON goes through `remoteJson`; a multipart form is sent
   * here with the same timeout and error classes. A 2xx whose `code` is not 0 is a refusal,
   * unless the caller names that code as an outcome it takes.
   */
  private async call(
    s: CentralSettings,
    method: string,
    path: string,
    body: { json?: unknown; form?: FormData; accept?: readonly number[] } = {},
  ): Promise<{ code: number; data: Record<string, unknown> | null }> {
    const headers = { authorization: `Bearer ${s.token}` };
    const route = `${method} ${path.split('?')[0]}`;
    let parsed: unknown;
    try {
      parsed = body.form
        ? await this.sendForm(`${s.baseUrl}${path}`, route, headers, body.form)
        : (await remoteJson(`${s.baseUrl}${path}`, { method, headers, body: body.json, now: this.service().clock, ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}) })).body;
    } catch (e) {
      throw e instanceof RemoteCallError ? withCode(e) : e;
    }
    const envelope = centralEnvelopeSchema.safeParse(parsed);
    if (!envelope.success) throw new RemoteCallError(`${route}: the answer is not a kycService envelope`, true, 200);
    const { code, data } = envelope.data;
    if (code !== 0 && !body.accept?.includes(code)) throw withCode(new RemoteCallError(`${route}: code ${code}`, false, 200, null, parsed));
    return { code, data: data ?? null };
  }

  private async sendForm(url: string, route: string, headers: Record<string, string>, form: FormData): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { accept: 'application/json', ...headers }, body: form, signal: AbortSignal.timeout(this.timeoutMs ?? REMOTE_TIMEOUT_MS) });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new RemoteCallError(`${route}: ${timedOut ? 'timed out' : 'connection failed'}`, true, null);
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new RemoteCallError(`${route}: the answer was cut off`, true, res.status);
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (res.ok) return parsed;
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new RemoteCallError(`${route}: HTTP ${res.status}`, retryable, res.status, parseRetryAfter(res.headers.get('retry-after'), this.service().clock()), parsed);
  }
}

/** A refusal's message with the central's error code and field (names, never values): what an admin needs to act. */
function withCode(e: RemoteCallError): RemoteCallError {
  const refusal = centralEnvelopeSchema.safeParse(e.body);
  const data = refusal.success ? refusal.data.data : null;
  const code = typeof data?.errorCode === 'string' ? data.errorCode : null;
  if (!code) return e;
  const field = typeof data?.field === 'string' ? ` (${data.field})` : '';
  return new RemoteCallError(`${e.message} ${code}${field}`, e.retryable, e.status, e.retryAfterMs, e.body);
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}
