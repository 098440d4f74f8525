import { readJsonBody } from './restBody';
import { restOk } from './restEnvelope';
import { RestAbort, type RestContext, type RestRoute, type RouteHandler } from './restContext';

async function body(ctx: RestContext): Promise<Record<string, unknown>> {
  const b = await readJsonBody(ctx.req);
  if (!b.ok) throw new RestAbort(b.reply);
  return b.value;
}

const list: RouteHandler = async (ctx) => {
  const b = await body(ctx);
  return restOk(await ctx.call('admin.kycList', { profileIds: b.profileIds as string[] | undefined, page: b.page as number | undefined, pageSize: b.pageSize as number | undefined }));
};

const detail: RouteHandler = async (ctx) => {
  const c = ctx.caseOfProfile(ctx.params.profileId!);
  return restOk(await ctx.call('admin.kycDetail', { profileId: c.profileId }));
};

// status -1 rejects, 0 sets pending review, 2 approves; remark is the officer's note.
const updateStatus: RouteHandler = async (ctx) => {
  const b = await body(ctx);
  const profileId = ctx.required('profileId', typeof b.profileId === 'string' ? b.profileId : null);
  ctx.caseOfProfile(profileId);
  return restOk(await ctx.call('admin.kycUpdateStatus', { profileId, status: b.status as -1 | 0 | 2, remark: b.remark as string | undefined }));
};

/** The admin endpoints and their kycService mirrors answer the same way. */
export const adminRoutes: RestRoute[] = [
  { method: 'POST', pattern: '/admin/kyc/list', handler: list },
  { method: 'GET', pattern: '/admin/kyc/detail/{profileId}', handler: detail },
  { method: 'POST', pattern: '/admin/kyc/update-status', handler: updateStatus },
  { method: 'POST', pattern: '/api/web/kycService/list', handler: list },
  { method: 'GET', pattern: '/api/web/kycService/detail/{profileId}', handler: detail },
  { method: 'POST', pattern: '/api/web/kycService/status/update', handler: updateStatus },
];
