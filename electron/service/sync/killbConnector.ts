import type { Profile } from '../../../shared/schemas/profile';
import { isApplicant } from '../../../shared/schemas/profile';
import type { ProfileRepository } from '../repositories/ProfileRepository';
import type { OutboxRecord, SyncRepository } from '../repositories/SyncRepository';
import type { Clock } from '../core/Clock';
import type { Connector, ConnectorOutcome, ConnectorSettings } from './Connector';
import { KILLB_USER_CODES, killbRefusals } from './killbPrecheck';
import { ownerIdsOf } from '../profiles/companyOwners';
import type { CaseRepository } from '../repositories/CaseRepository';
import { failedOutcome, RemoteCallError, remoteJson } from './remoteHttp';

export const KILLB_CREATE_USER = 'killb.createUser';
/** One KillB user per profile, ever: the outbox key is the profile, not the approval. */
export const killbUserKey = (profileId: string): string => `killb:user:${profileId}`;

/** What KillB answers for a user (seed 001: store `id`, watch `accessLevel` and `status`). */
interface KillbUser {
  id: string;
  accessLevel?: string;
  status?: string;
}

interface KillbSettings {
  baseUrl: string;
  email: string;
  password: string;
}

function read(settings: ConnectorSettings): KillbSettings {
  // The connector adds KillB's /api/v2 paths itself; an address copied with them is the same address.
  const baseUrl = String(settings.config.baseUrl ?? '')
    .replace(/\/+$/, '')
    .replace(/\/api\/v2$/i, '');
  const email = String(settings.config.email ?? '');
  if (!baseUrl || !email || !settings.secret) throw new RemoteCallError('KillB connector is not configured', false, null);
  return { baseUrl, email, password: settings.secret };
}

/** KillB's user body for one of our profiles: the KillB fields are ours already (seed 001). */
/** Fields of ours that are not KillB's: kycService's document extras and the owner ids (sent as KillB's). */
const NOT_KILLB_DOCUMENT_FIELDS = ['expiryDate', 'issuer', 'frontImageUrl', 'backImageUrl'] as const;

function without<T extends object>(o: T, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

/** KillB's user body for one of our profiles: the KillB fields are ours already (seed 001). */
function userBody(p: Profile, ownerIds: { main: string | null; others: string[] }): Record<string, unknown> {
  if (p.type === 'COMPANY') {
    const data = without(p.data, ['externalId', 'mainOwnerUser', 'ownerUsers']);
    return { type: 'COMPANY', externalId: p.data.externalId, data: { ...data, ...(ownerIds.main ? { mainOwnerUser: ownerIds.main } : {}), ownerUsers: ownerIds.others } };
  }
  const person = p.data as Exclude<typeof p.data, { stage: 'APPLICANT' }>;
  const data = without(person, ['externalId', 'document']);
  return { type: 'PERSON', externalId: person.externalId, data: { ...data, document: without(person.document, NOT_KILLB_DOCUMENT_FIELDS) } };
}

/**
 * KillB (seed 001): after approval the customer is created as a KillB user (a COMPANY only once
 * its owners are), and KillB's `id`, `accessLevel` and `status` are kept against our profile.
 * `externalId` is the idempotency key KillB itself enforces: USER.0001 on a retry means the
 * first attempt went through, so the existing user is looked up and linked, never created twice.
 */
export class KillbConnector implements Connector {
  readonly id = 'killb' as const;
  private token: { value: string; for: string } | null = null;
  /** One sign-in shared by the deliveries in flight together. */
  private signingIn: Promise<string> | null = null;

  constructor(
    private readonly deps: { profiles: ProfileRepository; cases: CaseRepository; sync: SyncRepository; clock: Clock },
    private readonly timeoutMs?: number,
  ) {}

  async test(settings: ConnectorSettings): Promise<{ ok: boolean; message: string }> {
    try {
      this.token = null;
      await this.accessToken(read(settings));
      return { ok: true, message: 'signed in to KillB' };
    } catch (e) {
      if (e instanceof RemoteCallError && e.status === 401) return { ok: false, message: `KillB refused the email or password (${e.message})` };
      if (e instanceof RemoteCallError && e.status === 403) return { ok: false, message: `KillB refused this account (${e.message})` };
      return { ok: false, message: e instanceof Error ? e.message : 'failed' };
    }
  }

  async deliver(row: OutboxRecord, settings: ConnectorSettings): Promise<ConnectorOutcome> {
    if (row.kind !== KILLB_CREATE_USER) return { ok: false, retryable: false, error: `unknown outbox kind ${row.kind}` };
    try {
      const s = read(settings);
      const profileId = String(row.payload.profileId);
      const already = this.deps.sync.link('killb', 'profile', profileId);
      if (already) return { ok: true, remoteId: already.remoteId };
      const profile = this.deps.profiles.byId(profileId);
      if (!profile) return { ok: false, retryable: false, error: 'the profile no longer exists (purged?)' };
      // Checked at delivery, not only when queued: a case reset (or a dead letter retried) since its
      // approval is no longer one KillB may have. Its next approval sends it again.
      const status = this.deps.cases.byProfileId(profileId)?.status;
      if (status !== 'APPROVED') return { ok: false, retryable: false, error: `not sent: the case is ${status ?? 'gone'}; KillB gets a customer only while approved, and the next approval sends it again` };
      if (profile.type === 'PERSON' && isApplicant(profile.data)) return { ok: false, retryable: false, error: 'a kycService applicant has no KillB contact data; complete the profile first' };
      // Checked as seed 001 says to before submitting: a refusal known in advance is a dead letter
      // that says what to fix, not a round trip that says only "HTTP 400".
      const refusals = killbRefusals(profile);
      if (refusals.length) return { ok: false, retryable: false, error: `not sent, KillB would refuse it: ${refusals.join('; ')}` };
      const owners = this.ownerIds(profile);
      if (owners === null) {
        // An owner whose own KillB user was refused, or never queued, will not arrive by waiting.
        const stuck = ownerIdsOf(profile).some((id) => !this.deps.sync.link('killb', 'profile', id) && !['pending', 'delivering'].includes(this.deps.sync.outboxByKey(killbUserKey(id))?.status ?? ''));
        if (stuck) return { ok: false, retryable: false, error: "an owner's KillB user was refused or is not queued: resolve it (the owner's case or its dead letter), then retry the company" };
        return { ok: false, retryable: true, error: 'waiting for the company owners to be created in KillB first' };
      }
      const user = await this.createOrFind(s, userBody(profile, owners), profile.externalId);
      return { ok: true, remoteId: user.id, record: () => this.linkUser(profileId, user) };
    } catch (e) {
      return failedOutcome(e);
    }
  }

  /** KillB ids of a company's owners; null while any owner has not been created there yet. */
  private ownerIds(p: Profile): { main: string | null; others: string[] } | null {
    if (p.type !== 'COMPANY') return { main: null, others: [] };
    const remote = (id: string) => this.deps.sync.link('killb', 'profile', id)?.remoteId ?? null;
    const main = p.data.mainOwnerUser ? remote(p.data.mainOwnerUser) : null;
    const others = p.data.ownerUsers.map(remote);
    if ((p.data.mainOwnerUser && !main) || others.some((o) => o === null)) return null;
    return { main, others: others as string[] };
  }

  private linkUser(profileId: string, user: KillbUser): void {
    this.deps.sync.saveLink({
      connector: 'killb',
      localKind: 'profile',
      localId: profileId,
      remoteId: user.id,
      remoteStatus: user.status ?? null,
      remoteUpdatedAt: null,
      extra: { accessLevel: user.accessLevel ?? null },
      now: this.deps.clock().toISOString(),
    });
  }

  private async createOrFind(s: KillbSettings, body: Record<string, unknown>, externalId: string): Promise<KillbUser> {
    try {
      return (await this.call(s, 'POST', '/api/v2/users', body)) as KillbUser;
    } catch (e) {
      if (e instanceof RemoteCallError && (e.body as { code?: string } | null)?.code === 'USER.0001') {
        // Created by an earlier attempt whose answer was lost: link that user.
        const found = (await this.call(s, 'GET', `/api/v2/users?externalId=${encodeURIComponent(externalId)}`)) as KillbUser | KillbUser[] | { users?: KillbUser[] };
        const user = Array.isArray(found) ? found[0] : 'id' in found ? found : found.users?.[0];
        if (user?.id) return user;
        throw new RemoteCallError('KillB says the user exists but does not find it', true, e.status);
      }
      if (e instanceof RemoteCallError && !e.retryable) {
        // KillB's code and the seed's meaning of it; its message may quote the customer's data.
        const code = (e.body as { code?: string } | null)?.code;
        const meaning = code ? KILLB_USER_CODES[code] : undefined;
        throw new RemoteCallError(`${e.message}${code ? ` ${code}` : ''}${meaning ? ` (${meaning})` : ''}`, false, e.status);
      }
      throw e;
    }
  }

  private async call(s: KillbSettings, method: string, path: string, body?: unknown): Promise<unknown> {
    const token = await this.accessToken(s);
    try {
      return (await remoteJson(`${s.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` }, body, now: this.deps.clock, ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}) })).body;
    } catch (e) {
      // An expired token: sign in again once, then let the runner retry.
      if (e instanceof RemoteCallError && e.status === 401) {
        this.token = null;
        throw new RemoteCallError(e.message, true, 401);
      }
      throw e;
    }
  }

  private async accessToken(s: KillbSettings): Promise<string> {
    if (this.token && this.token.for === `${s.baseUrl}|${s.email}`) return this.token.value;
    this.signingIn ??= this.signIn(s).finally(() => (this.signingIn = null));
    return this.signingIn;
  }

  private async signIn(s: KillbSettings): Promise<string> {
    const r = await remoteJson(`${s.baseUrl}/api/v2/auth/login`, { method: 'POST', body: { email: s.email, password: s.password }, now: this.deps.clock, ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}) });
    const value = (r.body as { accessToken?: string; access_token?: string } | null)?.accessToken ?? (r.body as { access_token?: string } | null)?.access_token;
    if (!value) throw new RemoteCallError('KillB login answered without a token', false, r.status);
    this.token = { value, for: `${s.baseUrl}|${s.email}` };
    return value;
  }
}
