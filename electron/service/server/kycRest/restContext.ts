import type { IncomingMessage } from 'node:http';
import type { InputOf, OperationName, OutputOf } from '../../../../shared/contract';
import type { KycService } from '../../KycService';
import type { RestCaller } from '../../apiTokens/restCaller';
import { fromServiceError, RestCode, restFail, type RestReply } from './restEnvelope';
import { RestAbort } from './restAbort';

export { RestAbort };
import type { CaseSummary } from '../../../../shared/schemas/case';

export interface KycRestOptions {
  /** Per uploaded file (document side or video); 15 MB unless configured. */
  maxUploadBytes: number;
  /** How long upload and submit wait for the engine's result before answering without it. */
  analysisWaitMs: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
export const DEFAULT_KYC_REST_OPTIONS: KycRestOptions = { maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES, analysisWaitMs: 120_000 };

export class RestContext {
  /** Ids the audit event of this call should carry, set once they are known to exist. */
  readonly auditIds: { profileId: string | null; caseId: string | null } = { profileId: null, caseId: null };

  constructor(
    readonly service: KycService,
    readonly caller: RestCaller,
    readonly req: IncomingMessage,
    readonly url: URL,
    readonly params: Record<string, string>,
    readonly options: KycRestOptions,
  ) {}

  /** Runs a contract operation as the caller; a failure aborts the route with its envelope. */
  async call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const r = await this.service.call(operation, input, this.caller.token);
    if (!r.ok) throw new RestAbort(fromServiceError(r.error));
    return r.value;
  }

  /** A query or path parameter that must be present. */
  required(name: string, value: string | null | undefined): string {
    const v = value?.trim();
    if (!v) throw new RestAbort(restFail(400, RestCode.MISSING_PARAMETER, `${name} is required`, { field: name }));
    return v;
  }

  /** The one application of a profile; an unknown profileId is a coded 404. */
  caseOfProfile(profileId: string): CaseSummary {
    const c = this.service.deps.cases.byProfileId(profileId);
    if (!c) throw new RestAbort(restFail(404, RestCode.NOT_FOUND, 'no KYC application for this profileId', { field: 'profileId', errorCode: 'CASE.0001' }));
    this.auditIds.profileId = c.profileId;
    this.auditIds.caseId = c.id;
    return c;
  }

  /**
   * kycService's documentId: a number naming the application's identity document (one per
   * profile), as in `?documentId=123456789`. Anything but a positive integer is a coded 10001.
   */
  caseOfDocument(documentId: string | number): CaseSummary {
    const text = String(documentId).trim();
    if (!/^[1-9]\d{0,15}$/.test(text)) throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, 'documentId must be a positive whole number', { field: 'documentId' }));
    const c = this.service.deps.cases.byDocumentId(Number(text));
    if (!c) throw new RestAbort(restFail(404, RestCode.NOT_FOUND, 'no document with this documentId', { field: 'documentId', errorCode: 'CASE.0001' }));
    this.auditIds.profileId = c.profileId;
    this.auditIds.caseId = c.id;
    return c;
  }
}

export type RouteHandler = (ctx: RestContext) => Promise<RestReply>;

export interface RestRoute {
  method: 'GET' | 'POST';
  /** `/api/web/kycService/status/{profileId}`: `{name}` matches one path segment. */
  pattern: string;
  handler: RouteHandler;
}
