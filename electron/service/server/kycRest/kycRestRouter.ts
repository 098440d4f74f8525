import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KycService } from '../../KycService';
import { bearer, matchPath } from '../routeMatch';
import { auditRestCall, rearmApiToken, resolveRestCaller } from '../../apiTokens/restCaller';
import { fromServiceError, RestCode, restFail, sendReply, type RestReply } from './restEnvelope';
import { DEFAULT_KYC_REST_OPTIONS, RestAbort, RestContext, type KycRestOptions, type RestRoute } from './restContext';
import { documentRoutes } from './documentRoutes';
import { livenessRoutes } from './livenessRoutes';
import { adminRoutes } from './adminRoutes';
import { uploadRoutes } from './uploadRoutes';

const ROUTES: readonly RestRoute[] = [...documentRoutes, ...livenessRoutes, ...adminRoutes, ...uploadRoutes];

/** Paths this router answers (404 in the envelope for anything unknown below them). */
export function isKycRestPath(pathname: string): boolean {
  return pathname.startsWith('/api/web/kycService/') || pathname.startsWith('/admin/kyc/');
}

/** Leaves a body unread only when the answer comes first; the client still gets the answer. */
function discard(req: IncomingMessage): void {
  req.resume();
}

/**
 * The kycService REST API: a translation layer onto the service's contract operations. It
 * authenticates the bearer token, maps paths and parameters to operations, wraps results in
 * `{code, message, data}` and audits every call under the caller's name.
 */
export function createKycRestHandler(service: KycService, options: Partial<KycRestOptions> = {}) {
  const opts: KycRestOptions = { ...DEFAULT_KYC_REST_OPTIONS, ...options };
  return async function handleKycRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const candidates = ROUTES.map((r) => ({ r, params: matchPath(r.pattern, url.pathname) })).filter((x) => x.params !== null);
    if (candidates.length === 0) {
      discard(req);
      return sendReply(res, restFail(404, RestCode.NOT_FOUND, `no endpoint ${url.pathname}`));
    }
    const hit = candidates.find((x) => x.r.method === req.method);
    if (!hit) {
      discard(req);
      res.setHeader('allow', [...new Set(candidates.map((x) => x.r.method))].join(', '));
      return sendReply(res, restFail(405, RestCode.METHOD_NOT_ALLOWED, `use ${candidates.map((x) => x.r.method).join(' or ')} for ${url.pathname}`));
    }
    const deps = service.deps;
    const caller = resolveRestCaller(deps, bearer(req), deps.clock());
    if (!caller.ok) {
      discard(req);
      return sendReply(res, fromServiceError(caller.error));
    }
    const ctx = new RestContext(service, caller.value, req, url, hit.params!, opts);
    let reply: RestReply;
    try {
      reply = await hit.r.handler(ctx);
    } catch (e) {
      if (e instanceof RestAbort) reply = e.reply;
      else {
        deps.log.error('rest.internal', { route: hit.r.pattern, error: e instanceof Error ? e.name : 'unknown' });
        reply = restFail(500, RestCode.INTERNAL, 'internal error; the request was not applied');
      }
    }
    if (!req.readableEnded) discard(req);
    try {
      rearmApiToken(deps, caller.value);
      auditRestCall(deps, caller.value, { method: hit.r.method, route: hit.r.pattern, code: reply.body.code, ...ctx.auditIds });
    } catch {
      deps.log.error('rest.audit', { route: hit.r.pattern });
    }
    sendReply(res, reply);
  };
}
