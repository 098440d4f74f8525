import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../../../shared/errorCodes';
import type { KycService } from '../../KycService';
import { bearer, matchPath } from '../routeMatch';
import { auditRestCall, rearmApiToken, resolveRestCaller } from '../../apiTokens/restCaller';
import { fromServiceError, killbFail, sendKillb, type KillbReply } from './killbHttp';
import { KILLB_BASE, KILLB_PUBLIC_ROUTES, KILLB_ROUTES, type KillbContext } from './killbRoutes';

/** Paths this router answers (a coded 404 for anything unknown below them). */
export function isKillbPath(pathname: string): boolean {
  return pathname === KILLB_BASE || pathname.startsWith(`${KILLB_BASE}/`);
}

/**
 * The KillB-compatible user API (`/api/v2/...`, seed 001): a translation onto the contract's
 * operations, so the service's rules, roles and audit apply as for every other client. Same
 * Bearer tokens as the kycService REST API (an admin's API token, or an operator's session
 * token from `/api/v2/auth/login`); every authenticated call is audited as `api.request`.
 * Answers are KillB-shaped JSON: the user object, or `{statusCode, code, message, field}`.
 */
export function createKillbHandler(service: KycService) {
  return async function handleKillb(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const all = [...KILLB_ROUTES, ...KILLB_PUBLIC_ROUTES];
    const candidates = all.map((r) => ({ r, params: matchPath(r.pattern, url.pathname) })).filter((x) => x.params !== null);
    if (candidates.length === 0) {
      req.resume();
      return sendKillb(res, killbFail(404, ErrorCode.NOT_FOUND, `no endpoint ${url.pathname}`));
    }
    if (!candidates.some((x) => x.r.method === req.method)) {
      req.resume();
      res.setHeader('allow', [...new Set(candidates.map((x) => x.r.method))].join(', '));
      return sendKillb(res, killbFail(405, ErrorCode.INVALID_INPUT, `use ${candidates.map((x) => x.r.method).join(' or ')} for ${url.pathname}`));
    }
    const deps = service.deps;
    const params = candidates.find((x) => x.r.method === req.method)!.params!;
    const ctx: KillbContext = { service, req, params, auditIds: { profileId: null, caseId: null } };
    const fail = (route: string, e: unknown): KillbReply => {
      // The route and the error's class only: the body may hold personal data.
      deps.log.error('killb.internal', { route, error: e instanceof Error ? e.name : 'unknown' });
      return killbFail(500, ErrorCode.INTERNAL, 'internal error; the request was not applied');
    };

    const open = KILLB_PUBLIC_ROUTES.find((r) => r.method === req.method && matchPath(r.pattern, url.pathname));
    if (open) {
      // Login audits itself (auth.signed_in); there is no caller before it succeeds.
      let reply: KillbReply;
      try {
        reply = await open.handler(ctx);
      } catch (e) {
        reply = fail(open.pattern, e);
      }
      if (!req.readableEnded) req.resume();
      return sendKillb(res, reply);
    }

    const route = KILLB_ROUTES.find((r) => r.method === req.method && matchPath(r.pattern, url.pathname))!;
    const caller = resolveRestCaller(deps, bearer(req), deps.clock());
    if (!caller.ok) {
      req.resume();
      return sendKillb(res, fromServiceError(caller.error));
    }
    let reply: KillbReply;
    try {
      reply = await route.handler(ctx, caller.value);
    } catch (e) {
      reply = fail(route.pattern, e);
    }
    if (!req.readableEnded) req.resume();
    try {
      rearmApiToken(deps, caller.value);
      auditRestCall(deps, caller.value, { method: route.method, route: route.pattern, code: reply.http, errorCode: reply.errorCode ?? null, ...ctx.auditIds });
    } catch {
      deps.log.error('killb.audit', { route: route.pattern });
    }
    sendKillb(res, reply);
  };
}
