import { centralEnvelopeSchema, centralStatusDtoSchema, centralStatusSchema, type CentralStatus, type CentralStatusDto } from '../../../shared/schemas/central';
import { parseRetryAfter } from './backoff';
import type { ConnectorSettings } from './Connector';
import { REMOTE_TIMEOUT_MS, RemoteCallError, refusalMessage, remoteJson, unanswered } from './remoteHttp';

/** Where the seed's kycService routes live. */
export const KYC = '/api/web/kycService';

/** The central's status in the seed's vocabulary: the DTO's LeapCat status, else its admin review status. */
export function centralStatusOf(dto: CentralStatusDto): CentralStatus | null {
  const named = centralStatusSchema.safeParse(dto.status);
  if (named.success) return named.data;
  if (dto.reviewStatus === 2) return 'APPROVED';
  if (dto.reviewStatus === -1) return 'REJECTED';
  if (dto.reviewStatus === 0) return 'UNDER_REVIEW';
  return null;
}

/** A central kycService's API under the connector's settings; built per call, it throws when they are incomplete. */
export class CentralApi {
  private readonly baseUrl: string;
  private readonly token: string;

  constructor(
    settings: ConnectorSettings,
    private readonly now: () => Date,
    private readonly timeoutMs?: number,
  ) {
    const baseUrl = String(settings.config.baseUrl ?? '').replace(/\/+$/, '');
    if (!baseUrl || !settings.secret) throw new RemoteCallError('the central kycService connector is not configured', false, null);
    this.baseUrl = baseUrl;
    this.token = settings.secret;
  }

  async statusDto(profileId: string): Promise<CentralStatusDto> {
    const data = (await this.call('GET', `${KYC}/status/${encodeURIComponent(profileId)}`)).data;
    const dto = centralStatusDtoSchema.safeParse(data?.status);
    if (!dto.success) throw new RemoteCallError(`GET ${KYC}/status: the answer has no status object`, false, 200);
    return dto.data;
  }

  async documentIdOf(profileId: string): Promise<number> {
    const documentId = (await this.statusDto(profileId)).documentId;
    if (!documentId) throw new RemoteCallError('the central kycService gives no documentId for the profile', false, null);
    return documentId;
  }

  /**
   * One call in the seed's envelope. JSON goes through `remoteJson`; a multipart form is sent
   * here with the same timeout and error classes. A 2xx whose `code` is not 0 is a refusal,
   * unless the caller names that code as an outcome it takes.
   */
  async call(method: string, path: string, body: { json?: unknown; form?: FormData; accept?: readonly number[] } = {}): Promise<{ code: number; data: Record<string, unknown> | null }> {
    const headers = { authorization: `Bearer ${this.token}` };
    const route = `${method} ${path.split('?')[0]}`;
    let parsed: unknown;
    try {
      parsed = body.form
        ? await this.sendForm(`${this.baseUrl}${path}`, route, headers, body.form)
        : (await remoteJson(`${this.baseUrl}${path}`, { method, headers, body: body.json, now: this.now, ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}) })).body;
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
      throw unanswered(url, route, e, this.timeoutMs ?? REMOTE_TIMEOUT_MS);
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
    throw new RemoteCallError(refusalMessage(route, res.status), retryable, res.status, parseRetryAfter(res.headers.get('retry-after'), this.now()), parsed);
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
