import type { IncomingMessage } from 'node:http';
import type { OperationName, OutputOf } from '../../../../shared/contract';
import { ErrorCode } from '../../../../shared/errorCodes';
import type { Result } from '../../../../shared/result';
import type { Profile } from '../../../../shared/schemas/profile';
import type { CaseSummary } from '../../../../shared/schemas/case';
import { toServiceError } from '../../../../shared/zodErrors';
import {
  killbCreateUserRequestSchema,
  killbLoginRequestSchema,
  type KillbLoginResponse,
  type KillbUser,
} from '../../../../shared/contracts/killbApi';
import type { KycService } from '../../KycService';
import type { RestCaller } from '../../apiTokens/restCaller';
import { unstorableField } from './killbFields';
import { fromServiceError, killbFail, killbOk, readJsonObject, type KillbReply } from './killbHttp';

export const KILLB_BASE = '/api/v2';

export interface KillbContext {
  service: KycService;
  req: IncomingMessage;
  params: Record<string, string>;
  /** Ids the audit event of this call carries, set once they are known to exist. */
  auditIds: { profileId: string | null; caseId: string | null };
}

export interface KillbRoute {
  method: 'GET' | 'POST';
  /** `{name}` matches one path segment. */
  pattern: string;
  /** Runs with the caller resolved from the bearer token; login is the one route without. */
  handler: (ctx: KillbContext, caller: RestCaller) => Promise<KillbReply>;
}

export interface KillbPublicRoute {
  method: 'POST';
  pattern: string;
  handler: (ctx: KillbContext) => Promise<KillbReply>;
}

/** The service parses `input` with the operation's own schema, exactly as for the RPC transport. */
function callAs<K extends OperationName>(ctx: KillbContext, caller: RestCaller, op: K, input: unknown): Promise<Result<OutputOf<K>>> {
  return ctx.service.callUntyped(op, input, caller.token) as Promise<Result<OutputOf<K>>>;
}

function toKillbUser(profile: Profile, c: CaseSummary): KillbUser {
  return {
    id: profile.id,
    externalId: profile.externalId,
    type: profile.type,
    accessLevel: c.kycLevel,
    status: c.status,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    data: profile.data,
  };
}

function caseOf(ctx: KillbContext, profile: Profile): CaseSummary | KillbReply {
  const c = ctx.service.deps.cases.byProfileId(profile.id);
  // Every profile is created with its one case in the same transaction; a gap is our fault.
  if (!c) return killbFail(500, ErrorCode.INTERNAL, 'the user has no KYC application');
  ctx.auditIds.profileId = profile.id;
  ctx.auditIds.caseId = c.id;
  return c;
}

async function createUser(ctx: KillbContext, caller: RestCaller): Promise<KillbReply> {
  const body = await readJsonObject(ctx.req);
  if (!body.ok) return body.reply;
  const parsed = killbCreateUserRequestSchema.safeParse(body.value);
  if (!parsed.success) return fromServiceError(toServiceError(parsed.error, body.value));
  const { type, externalId, data } = parsed.data;
  // One externalId per request: a different one inside data would be stored or dropped silently.
  if (data.externalId !== undefined && data.externalId !== externalId) {
    return killbFail(400, ErrorCode.INVALID_INPUT, 'data.externalId differs from externalId; send it once, at the top level', 'data.externalId');
  }
  const foreign = unstorableField(type, data);
  if (foreign) {
    const field = `data.${foreign.path}`;
    return killbFail(400, ErrorCode.INVALID_INPUT, `${field}: a ${type} user cannot store this ${foreign.belongsTo} field; remove it or create a ${foreign.belongsTo}`, field);
  }
  const input = { ...data, externalId };
  const created = type === 'PERSON' ? await callAs(ctx, caller, 'profiles.createPerson', input) : await callAs(ctx, caller, 'profiles.createCompany', input);
  // externalId is the one profile field at the top level of the KillB body; the rest sit in data.
  if (!created.ok) return fromServiceError(created.error, created.error.field === 'externalId' ? '' : 'data.');
  const c = caseOf(ctx, created.value);
  if ('http' in c) return c;
  return killbOk(201, toKillbUser(created.value, c));
}

async function getUser(ctx: KillbContext, caller: RestCaller): Promise<KillbReply> {
  const r = await callAs(ctx, caller, 'profiles.get', { id: ctx.params.id });
  if (!r.ok) return r.error.code === ErrorCode.NOT_FOUND ? killbFail(404, ErrorCode.NOT_FOUND, 'no user with this id', 'id') : fromServiceError(r.error);
  const c = caseOf(ctx, r.value);
  if ('http' in c) return c;
  return killbOk(200, toKillbUser(r.value, c));
}

/**
 * The seed only says a valid access token comes from `/api/v2/auth/login`. Ours: an operator's
 * email and password, answered with a session token (the one `auth.signIn` issues). API tokens
 * made by an admin work as Bearer too, without logging in.
 */
async function login(ctx: KillbContext): Promise<KillbReply> {
  const body = await readJsonObject(ctx.req);
  if (!body.ok) return body.reply;
  const parsed = killbLoginRequestSchema.safeParse(body.value);
  if (!parsed.success) return fromServiceError(toServiceError(parsed.error, body.value));
  const r = await ctx.service.call('auth.signIn', parsed.data, null, `killb-api ${ctx.req.socket.remoteAddress ?? 'unknown'}`);
  if (!r.ok) return fromServiceError(r.error);
  const now = ctx.service.deps.clock().getTime();
  const answer: KillbLoginResponse = {
    accessToken: r.value.token,
    tokenType: 'Bearer',
    expiresIn: Math.max(0, Math.floor((Date.parse(r.value.idleExpiresAt) - now) / 1000)),
    expiresAt: r.value.idleExpiresAt,
  };
  return killbOk(200, answer);
}

export const KILLB_ROUTES: readonly KillbRoute[] = [
  { method: 'POST', pattern: `${KILLB_BASE}/users`, handler: createUser },
  { method: 'GET', pattern: `${KILLB_BASE}/users/{id}`, handler: getUser },
];

export const KILLB_PUBLIC_ROUTES: readonly KillbPublicRoute[] = [{ method: 'POST', pattern: `${KILLB_BASE}/auth/login`, handler: login }];
