import { centralEnvelopeSchema, centralLinkExtraSchema, centralSubmitDataSchema, type CentralForwardStep, type CentralLinkExtra, type CentralStatus } from '../../../shared/schemas/central';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { Evidence } from '../../../shared/schemas/evidence';
import { isApplicant, type Profile } from '../../../shared/schemas/profile';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { OutboxRecord, SyncLink } from '../repositories/SyncRepository';
import { centralStatusOf, KYC, type CentralApi } from './centralApi';
import type { ConnectorOutcome } from './Connector';
import { RemoteCallError } from './remoteHttp';
import { SYNC_ACTOR } from './SyncRunner';

/** Central states in which the application still waits on the customer: a submit is still to do. */
const CENTRAL_BEFORE_SUBMIT: readonly CentralStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'SUPPLEMENTARY_REQUIRED'];
/** The seed's upload failure (quality/unreadable): the files are stored and the central reviewer sees why. */
const UPLOAD_STORED_WITH_FINDINGS = 30001;

/** Drops what a client did not have, so the central never stores an empty value over its own. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** Image references of ours (branch upload URLs): the central cannot read them; the files travel by upload. */
const BRANCH_ONLY_DOCUMENT_FIELDS = ['frontImageUrl', 'backImageUrl'];
const withoutKeys = (o: object, keys: readonly string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

/**
 * One submitted case forwarded to the central, step by step as the seed's client does (see
 * CentralConnector). A delivery is resumable: every step done is written to the case's link
 * before the next starts, so a retry after a crash or a lost answer continues where it stopped.
 * Each step is also safe to repeat when its answer was lost: a second `/submit` answers USER.0001
 * with the existing profileId (linked, never a second profile), files the central lists by sha256
 * are not sent again, a confirmation stores the same fields again, a liveness callback is
 * deduplicated by the central, and a refused second document submit is checked against the
 * central's status.
 */
export class CentralForwarding {
  constructor(
    private readonly d: ServiceDeps,
    private readonly api: CentralApi,
  ) {}

  async forward(row: OutboxRecord): Promise<ConnectorOutcome> {
    const d = this.d;
    const caseId = String(row.payload.caseId);
    const c = d.cases.byId(caseId);
    const profile = c ? d.profiles.byId(c.profileId) : undefined;
    if (!c || !profile) return { ok: false, retryable: false, error: 'the case no longer exists (purged?)' };
    const link = await this.profileStep(row, c, profile);
    const profileId = link.remoteId;
    let extra = link.extra;
    if (!extra.done.includes('documents')) extra = await this.documentsStep(c, profile, profileId, extra);
    if (!extra.done.includes('confirm')) extra = await this.confirmStep(c, profile, profileId, extra);
    if (!extra.done.includes('liveness')) extra = await this.livenessStep(c, profileId);
    if (!extra.done.includes('submit')) await this.submitStep(c, profileId, extra);
    return { ok: true, remoteId: profileId };
  }

  // --- forwarding steps ---------------------------------------------------------------------

  /** The central profile of the case: linked already, or created (or found, on USER.0001) and linked now. */
  private async profileStep(row: OutboxRecord, c: CaseSummary, profile: Profile): Promise<{ remoteId: string; extra: CentralLinkExtra }> {
    const d = this.d;
    const existing = this.caseLink(c.id);
    if (existing) {
      if (existing.extra.forward === row.id) return existing;
      // A new submission of a case forwarded before: the profile stays, the other steps run again.
      return { remoteId: existing.remoteId, extra: this.progress(c, existing.remoteId, { forward: row.id, done: ['profile'] }) };
    }
    const body = profile.type === 'COMPANY' ? await this.companyBody(profile) : this.personBody(profile);
    const created = await this.createOrFind(body);
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
  private async documentsStep(c: CaseSummary, profile: Profile, profileId: string, extra: CentralLinkExtra): Promise<CentralLinkExtra> {
    const d = this.d;
    const evidence = d.evidenceRows.forCase(c.id);
    const newest = (kind: Evidence['kind']) => evidence.filter((e) => e.kind === kind).at(-1);
    const front = newest('DOCUMENT_FRONT');
    const back = newest('DOCUMENT_BACK');
    if (!front) throw new RemoteCallError('the case has no document front to forward', false, null);
    const files = [front, ...(back ? [back] : [])];
    const unsent = files.filter((f) => !extra.sentFiles.includes(f.sha256));
    if (unsent.length === 0) return this.progress(c, profileId, { done: [...extra.done, 'documents'] }, { files: [] });
    // The answer to an earlier upload may have been lost: the central lists its files by sha256.
    const atCentral = new Set((await this.api.statusDto(profileId)).documents?.map((f) => f.sha256) ?? []);
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
    const answer = await this.api.call('POST', `${KYC}/document/upload`, { form, accept: [UPLOAD_STORED_WITH_FINDINGS] });
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
  private async confirmStep(c: CaseSummary, profile: Profile, profileId: string, extra: CentralLinkExtra): Promise<CentralLinkExtra> {
    const documentId = extra.documentId ?? (await this.api.documentIdOf(profileId));
    let body: Record<string, unknown> = { userModified: c.userModified };
    if (profile.type === 'PERSON' && isApplicant(profile.data)) {
      const p = profile.data;
      const name = [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
      body = defined({ name, idNumber: p.document?.number, birthDate: p.dateOfBirth, expiryDate: p.document?.expiryDate, issuer: p.document?.issuer, nationality: p.nationality, userModified: c.userModified });
    }
    await this.api.call('POST', `${KYC}/document/confirm?documentId=${documentId}`, { json: body });
    return this.progress(c, profileId, { done: [...extra.done, 'confirm'], documentId }, { documentId, fields: Object.keys(body) });
  }

  /**
   * The branch's liveness result, as the provider callback the seed has for it. The clips are not
   * replayed through `/liveness/start` and `/verify`: the central draws its own three actions,
   * which ours answer only by chance, so a replay would fail (and is what liveness exists to stop).
   */
  private async livenessStep(c: CaseSummary, profileId: string): Promise<CentralLinkExtra> {
    const d = this.d;
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
    await this.api.call('POST', `${KYC}/callback/liveness`, { json: body });
    return this.progress(c, profileId, { done: [...extra.done, 'liveness'] }, { sent: true, sessionId: session.id, result: body.result });
  }

  /** The submission; refused because it went through already (its answer lost), it counts as done. */
  private async submitStep(c: CaseSummary, profileId: string, extra: CentralLinkExtra): Promise<void> {
    const documentId = extra.documentId ?? (await this.api.documentIdOf(profileId));
    let result: unknown = null;
    try {
      result = (await this.api.call('POST', `${KYC}/document/submit?documentId=${documentId}`, { json: {} })).data?.status ?? null;
    } catch (e) {
      if (!(e instanceof RemoteCallError && e.status === 409)) throw e;
      const now = centralStatusOf(await this.api.statusDto(profileId));
      if (now === null || CENTRAL_BEFORE_SUBMIT.includes(now)) throw e;
      result = 'already submitted';
    }
    this.progress(c, profileId, { done: [...this.caseLink(c.id)!.extra.done, 'submit'] }, { documentId, result });
  }

  // --- profile bodies -----------------------------------------------------------------------

  /** The seed's `{userId, country}` for a kycService applicant; a full person goes as its KillB body. */
  private personBody(p: Extract<Profile, { type: 'PERSON' }>): Record<string, unknown> {
    if (isApplicant(p.data)) return { userId: p.data.externalId, country: p.data.country };
    return { type: 'PERSON', ...p.data, document: withoutKeys(p.data.document, BRANCH_ONLY_DOCUMENT_FIELDS) };
  }

  /** A company names its owners by the central's profile ids, so the owners go first (once each, linked). */
  private async companyBody(p: Extract<Profile, { type: 'COMPANY' }>): Promise<Record<string, unknown>> {
    const d = this.d;
    const centralIdOf = async (ownerId: string): Promise<string> => {
      const linked = d.sync.link('central', 'profile', ownerId);
      if (linked) return linked.remoteId;
      const owner = d.profiles.byId(ownerId);
      if (owner?.type !== 'PERSON' || isApplicant(owner.data)) throw new RemoteCallError('a company owner is missing or has no full profile to forward', false, null);
      const created = await this.createOrFind(this.personBody(owner));
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
  private async createOrFind(body: Record<string, unknown>): Promise<{ profileId: string; documentId: number | null; adopted: boolean }> {
    try {
      const data = centralSubmitDataSchema.parse((await this.api.call('POST', `${KYC}/submit`, { json: body })).data);
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
    const link = this.d.sync.link('central', 'case', caseId);
    return link ? { ...link, extra: centralLinkExtraSchema.parse(link.extra) } : null;
  }

  /**
   * Records a step done and audits it, in one transaction. The link is read again here, inside
   * the same synchronous call, so a status applied from the inbox meanwhile is kept.
   */
  private progress(c: CaseSummary, profileId: string, change: Partial<CentralLinkExtra>, audit: Record<string, unknown> = {}): CentralLinkExtra {
    const d = this.d;
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
    const d = this.d;
    d.audit.append({ at: d.clock().toISOString(), actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'sync.central_step', caseId: c.id, profileId: c.profileId, payload: { connector: 'central', step, remoteId, ...details } });
  }
}
