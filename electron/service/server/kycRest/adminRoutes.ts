import { readJsonBody } from './restBody';
import { RestCode, restFail, restOk } from './restEnvelope';
import { RestAbort, type RestContext, type RestRoute, type RouteHandler } from './restContext';

async function body(ctx: RestContext): Promise<Record<string, unknown>> {
  const b = await readJsonBody(ctx.req);
  if (!b.ok) throw new RestAbort(b.reply);
  return b.value;
}

/** A whole number sent as a number or as its digits (the seed writes `"status": "2"`). */
function wholeNumber(b: Record<string, unknown>, name: string): number | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim())) return Number(v.trim());
  throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, `${name} must be a whole number`, { field: name }));
}

const list: RouteHandler = async (ctx) => {
  const b = await body(ctx);
  if (b.profileIds !== undefined && (!Array.isArray(b.profileIds) || !b.profileIds.every((id) => typeof id === 'string'))) {
    throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, 'profileIds must be an array of strings', { field: 'profileIds' }));
  }
  // `limit` is the seed's page size; `pageSize` was this API's earlier name for it.
  const limit = wholeNumber(b, 'limit') ?? wholeNumber(b, 'pageSize');
  return restOk(await ctx.call('admin.kycList', { profileIds: b.profileIds as string[] | undefined, page: wholeNumber(b, 'page'), limit }));
};

const detail: RouteHandler = async (ctx) => {
  const c = ctx.caseOfProfile(ctx.params.profileId!);
  return restOk(await ctx.call('admin.kycDetail', { profileId: c.profileId }));
};

// status -1 rejects, 0 sets pending review, 2 approves (as a number or a string); remark is optional.
const updateStatus: RouteHandler = async (ctx) => {
  const b = await body(ctx);
  const profileId = ctx.required('profileId', typeof b.profileId === 'string' ? b.profileId : null);
  ctx.caseOfProfile(profileId);
  const status = wholeNumber(b, 'status');
  if (status === undefined) throw new RestAbort(restFail(400, RestCode.MISSING_PARAMETER, 'status is required (-1, 0 or 2)', { field: 'status' }));
  if (b.remark !== undefined && b.remark !== null && typeof b.remark !== 'string') throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, 'remark must be a string', { field: 'remark' }));
  return restOk(await ctx.call('admin.kycUpdateStatus', { profileId, status: status as -1 | 0 | 2, remark: (b.remark as string | null | undefined) ?? undefined }));
};

// Ours, beside the seed's endpoints: a branch workstation's signed audit checkpoint (issue 14).
const auditAnchor: RouteHandler = async (ctx) => {
  const b = await body(ctx);
  if (!b.anchor || typeof b.anchor !== 'object') throw new RestAbort(restFail(400, RestCode.MISSING_PARAMETER, 'anchor is required', { field: 'anchor' }));
  return restOk(await ctx.call('audit.receiveAnchor', { anchor: b.anchor as never }));
};

/** The admin endpoints and their kycService mirrors answer the same way. */
export const adminRoutes: RestRoute[] = [
  { method: 'POST', pattern: '/admin/kyc/list', handler: list },
  { method: 'GET', pattern: '/admin/kyc/detail/{profileId}', handler: detail },
  { method: 'POST', pattern: '/admin/kyc/update-status', handler: updateStatus },
  { method: 'POST', pattern: '/api/web/kycService/list', handler: list },
  { method: 'GET', pattern: '/api/web/kycService/detail/{profileId}', handler: detail },
  { method: 'POST', pattern: '/api/web/kycService/status/update', handler: updateStatus },
  { method: 'POST', pattern: '/admin/kyc/audit-anchors', handler: auditAnchor },
];
