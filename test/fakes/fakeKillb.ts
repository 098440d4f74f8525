import { randomBytes } from 'node:crypto';
import { FaultPlan, seededUuid, streamRandom } from './faults';
import { isJsonContentType, jsonReply, startFakeHttp, type FakeHttp, type FakeRequest, type Reply, type RequestRecord, type RouteDef, type TransportErrors } from './httpKit';

/**
 * A fake of KillB's user API, written from seed 001 (`../shared/seeds/001_*.txt`), for the
 * connector tests and the fault soak of issue 11. In memory, on 127.0.0.1, port 0.
 *
 * From the seed:
 *   - a Bearer token from `POST /api/v2/auth/login` on every other call;
 *   - `POST /api/v2/users` with `{type: PERSON | COMPANY, externalId, data}`;
 *   - PERSON requires `firstName`, `lastName`, `email`, `phone`, `dateOfBirth` (YYYY-MM-DD),
 *     `address` (`street1`, `city`, `state`, `zipCode`, `countryCode`; `street2` optional) and
 *     `document` (`type`, `number`, `issuedCountryCode`);
 *   - the seed's validator: email `/^[^\s@]+@[^\s@]+\.[^\s@]+$/`, phone `/^\+[1-9]\d{10,14}$/`
 *     ("E.164"), 18 or over, NUIP 10 digits; the document types per country (CO: NUIP, PASSPORT,
 *     DRIVER_LICENSE; MX: RFC, CURP, INE, IFE, PASSPORT; US: SSN, PASSPORT, DRIVER_LICENSE; the
 *     fourth list PASSPORT, DNI, DUI, CPF for the other countries); INE "needs extra fields"
 *     (`cic`, `identificadorCiudadano`);
 *   - COMPANY requires `companyName`; owners "must first be created as PERSON users, then
 *     referenced" (`mainOwnerUser`, `ownerUsers` are user ids);
 *   - the answer carries `id`, `accessLevel` and `status` ("all users start at L0 or L1");
 *   - errors USER.0001 (exists: "use the existing user id"), USER.0002 (invalid document),
 *     USER.0003 (email registered), USER.0004 (phone not E.164), USER.0005 (under 18), in a body
 *     whose `message` the seed's client reads: `{code, message}`.
 *
 * Fake-side choices (the seed is silent), kept the same as our own `/api/v2` server where it
 * made one, so one connector configuration works against both:
 *   - login takes `{email, password}` and answers `{accessToken, tokenType: "Bearer", expiresIn,
 *     expiresAt}`; a missing, unknown or expired token is 401 `AUTH.0001`, bad credentials 401
 *     `AUTH.0004`;
 *   - HTTP 201 on create; 409 for USER.0001 and USER.0003; 400 for the other USER codes and for
 *     `VALIDATION.0001` (a required field missing) and `VALIDATION.0002` (malformed: bad email
 *     format, date, country code, an owner id that is not an existing PERSON);
 *   - USER.0001 is checked after validation, then USER.0003 (same email, other externalId, same
 *     user type); the conflict answer does not carry the existing id (the seed does not say it
 *     does), so a client looks it up:
 *   - `GET /api/v2/users?externalId=...` answers `[user]` or `[]` (the real lookup is not in the
 *     seed), and `GET /api/v2/users/{id}` one user or 404 `NOT_FOUND`;
 *   - a new user is `accessLevel: "L0"`, `status: "PENDING"` until a test moves it (`setUserState`);
 *   - age is counted in whole calendar years (18 on the 18th birthday); the seed's snippet divides
 *     by 365.25 days, which can be a day off around the birthday.
 */

export interface KillbUser {
  id: string;
  externalId: string;
  type: 'PERSON' | 'COMPANY';
  accessLevel: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  data: Record<string, unknown>;
}

export interface FakeKillbOptions {
  /** Accounts that may log in; default one `{email: 'connector@fake-killb.test', password: 'fake-killb-password'}`. */
  credentials?: readonly { email: string; password: string }[];
  /** Token lifetime; default 3600 s. */
  tokenTtlSeconds?: number;
  /** Seeds the user ids; default 1. */
  seed?: number;
  /** Clock in ms; default Date.now. Token expiry and ages read it. */
  now?: () => number;
  faults?: FaultPlan;
  /** Default 256 KiB. */
  maxBodyBytes?: number;
}

export interface FakeKillb {
  readonly url: string;
  readonly credentials: { email: string; password: string };
  readonly faults: FaultPlan;
  /** Every user created, in order. A second user for one externalId would show here. */
  readonly users: readonly KillbUser[];
  readonly requests: readonly RequestRecord[];
  readonly internalErrors: readonly unknown[];
  /** Tokens issued by login so far. */
  readonly tokensIssued: number;
  user(id: string): KillbUser | undefined;
  userByExternalId(externalId: string): KillbUser | undefined;
  /** KillB's side moving a user on (KYC level, status). */
  setUserState(id: string, state: { accessLevel?: string; status?: string }): KillbUser;
  /** Every token issued so far stops working (as after KillB's expiry): the client must log in again. */
  expireTokens(): void;
  close(): Promise<void>;
}

export const KILLB_SEED_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const KILLB_SEED_PHONE = /^\+[1-9]\d{10,14}$/;
/** The seed's document types per issuing country; the fourth list applies to every other country. */
export const KILLB_DOCUMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  CO: ['NUIP', 'PASSPORT', 'DRIVER_LICENSE'],
  MX: ['RFC', 'CURP', 'INE', 'IFE', 'PASSPORT'],
  US: ['SSN', 'PASSPORT', 'DRIVER_LICENSE'],
};
export const KILLB_OTHER_COUNTRY_TYPES: readonly string[] = ['PASSPORT', 'DNI', 'DUI', 'CPF'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const err = (status: number, code: string, message: string): Reply => jsonReply(status, { code, message });

const KILLB_ERRORS: TransportErrors = {
  notFound: () => err(404, 'NOT_FOUND', 'No such route'),
  methodNotAllowed: (method, allowed) => err(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allowed.join(' or ')}`),
  payloadTooLarge: (limit) => err(413, 'PAYLOAD_TOO_LARGE', `The body is over ${limit} bytes`),
  // The seed's base URL is a Google API gateway: its own errors are JSON with a numeric code.
  serverError: (status) => jsonReply(status, { code: status, message: status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Timeout' : 'Internal Server Error' }),
  rateLimited: (s) => jsonReply(429, { code: 429, message: `Too many requests; retry in ${s} s` }),
};

class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}
const required = (path: string) => new Refusal(400, 'VALIDATION.0001', `${path} is required`);
const malformed = (path: string, why: string) => new Refusal(400, 'VALIDATION.0002', `${path}: ${why}`);

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Whole calendar years on `today` (UTC). */
export function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

function str(obj: Record<string, unknown>, key: string, path: string, opt = false): string | undefined {
  const v = obj[key];
  const at = path ? `${path}.${key}` : key;
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (opt) return undefined;
    throw required(at);
  }
  if (typeof v !== 'string') throw malformed(at, 'must be a string');
  return v;
}

function checkEmail(v: string, path: string) {
  if (!KILLB_SEED_EMAIL.test(v)) throw malformed(path, 'invalid email format');
}
function checkPhone(v: string, path: string) {
  if (!KILLB_SEED_PHONE.test(v)) throw new Refusal(400, 'USER.0004', `${path}: phone must be E.164: +[country code][number]`);
}

function checkAddress(a: unknown, path: string) {
  if (a === undefined || a === null) throw required(path);
  if (!isObject(a)) throw malformed(path, 'must be an object');
  for (const k of ['street1', 'city', 'state', 'zipCode']) str(a, k, path);
  str(a, 'street2', path, true);
  const cc = str(a, 'countryCode', path) ?? '';
  if (!COUNTRY.test(cc)) throw malformed(`${path}.countryCode`, 'must be an ISO 3166-1 alpha-2 code (e.g. CO)');
}

function checkPersonDocument(doc: unknown, path: string) {
  if (doc === undefined || doc === null) throw required(path);
  if (!isObject(doc)) throw malformed(path, 'must be an object');
  const type = str(doc, 'type', path) ?? '';
  const number = str(doc, 'number', path) ?? '';
  const country = str(doc, 'issuedCountryCode', path) ?? '';
  if (!COUNTRY.test(country)) throw malformed(`${path}.issuedCountryCode`, 'must be an ISO 3166-1 alpha-2 code');
  const allowed = KILLB_DOCUMENT_TYPES[country] ?? KILLB_OTHER_COUNTRY_TYPES;
  if (!allowed.includes(type)) throw new Refusal(400, 'USER.0002', `${path}.type: ${type} is not a document type of ${country} (${allowed.join(', ')})`);
  if (type === 'NUIP' && !/^\d{10}$/.test(number)) throw new Refusal(400, 'USER.0002', `${path}.number: NUIP must be 10 digits`);
  if (type === 'INE') {
    for (const k of ['cic', 'identificadorCiudadano']) {
      const v = doc[k];
      if (typeof v !== 'string' || v.trim() === '') throw new Refusal(400, 'USER.0002', `${path}.${k} is required for an INE`);
    }
  }
  const exp = doc.expeditionDate;
  if (exp !== undefined && (typeof exp !== 'string' || !validDate(exp))) throw new Refusal(400, 'USER.0002', `${path}.expeditionDate must be YYYY-MM-DD`);
}

export async function startFakeKillb(opts: FakeKillbOptions = {}): Promise<FakeKillb> {
  const credentials = opts.credentials ?? [{ email: 'connector@fake-killb.test', password: 'fake-killb-password' }];
  const first = credentials[0];
  if (!first) throw new Error('startFakeKillb needs at least one account');
  const ttl = opts.tokenTtlSeconds ?? 3600;
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const faults = opts.faults ?? new FaultPlan();
  const users: KillbUser[] = [];
  const requests: RequestRecord[] = [];
  const internalErrors: unknown[] = [];
  const tokens = new Map<string, number>(); // token -> expiry (ms)
  let tokensIssued = 0;
  let idCounter = 0;

  const byExternal = (x: string) => users.find((u) => u.externalId === x);
  const byId = (x: string) => users.find((u) => u.id === x);

  function bearer(req: FakeRequest): Reply | null {
    const h = String(req.headers.authorization ?? '');
    const m = /^Bearer (\S+)$/i.exec(h);
    const exp = m?.[1] ? tokens.get(m[1]) : undefined;
    if (exp === undefined) return err(401, 'AUTH.0001', 'A valid access token from /api/v2/auth/login is required');
    if (exp <= now()) return err(401, 'AUTH.0001', 'The access token has expired; log in again');
    return null;
  }

  function json(req: FakeRequest): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
    if (!isJsonContentType(req.headers)) return { ok: false, reply: err(415, 'VALIDATION.0002', 'Content-Type must be application/json') };
    try {
      const v: unknown = JSON.parse(req.rawBody.toString('utf8'));
      if (!isObject(v)) return { ok: false, reply: err(400, 'VALIDATION.0002', 'The body must be a JSON object') };
      return { ok: true, value: v };
    } catch {
      return { ok: false, reply: err(400, 'VALIDATION.0002', 'The body is not valid JSON') };
    }
  }

  function login(req: FakeRequest): Reply {
    const b = json(req);
    if (!b.ok) return b.reply;
    const { email, password } = b.value;
    if (typeof email !== 'string' || email === '') return err(400, 'VALIDATION.0001', 'email is required');
    if (typeof password !== 'string' || password === '') return err(400, 'VALIDATION.0001', 'password is required');
    if (!credentials.some((c) => c.email.toLowerCase() === email.toLowerCase() && c.password === password)) return err(401, 'AUTH.0004', 'Wrong email or password');
    const token = randomBytes(24).toString('base64url');
    const expiresAt = now() + ttl * 1000;
    tokens.set(token, expiresAt);
    tokensIssued += 1;
    return jsonReply(200, { accessToken: token, tokenType: 'Bearer', expiresIn: ttl, expiresAt: new Date(expiresAt).toISOString() });
  }

  function validatePerson(data: Record<string, unknown>) {
    for (const k of ['firstName', 'lastName']) str(data, k, 'data');
    const email = str(data, 'email', 'data') ?? '';
    const phone = str(data, 'phone', 'data') ?? '';
    const dob = str(data, 'dateOfBirth', 'data') ?? '';
    checkAddress(data.address, 'data.address');
    checkPersonDocument(data.document, 'data.document');
    checkEmail(email, 'data.email');
    checkPhone(phone, 'data.phone');
    if (!validDate(dob)) throw malformed('data.dateOfBirth', 'must be a date YYYY-MM-DD');
    const age = ageOn(dob, new Date(now()));
    if (age < 18) throw new Refusal(400, 'USER.0005', 'The user must be 18 or over');
  }

  function validateCompany(data: Record<string, unknown>) {
    str(data, 'companyName', 'data');
    for (const k of ['tradeName', 'registeredNumber', 'legalStructure', 'naics']) str(data, k, 'data', true);
    const est = str(data, 'establishedOn', 'data', true);
    if (est !== undefined && !validDate(est)) throw malformed('data.establishedOn', 'must be a date YYYY-MM-DD');
    const email = str(data, 'email', 'data', true);
    if (email !== undefined) checkEmail(email, 'data.email');
    const phone = str(data, 'phone', 'data', true);
    if (phone !== undefined) checkPhone(phone, 'data.phone');
    if (data.address !== undefined) checkAddress(data.address, 'data.address');
    if (data.document !== undefined) {
      // The seed lists no company document types (its example is a Colombian NIT): shape only.
      if (!isObject(data.document)) throw malformed('data.document', 'must be an object');
      for (const k of ['type', 'number', 'issuedCountryCode']) str(data.document, k, 'data.document');
    }
    const owners: [string, unknown][] = [];
    if (data.mainOwnerUser !== undefined) owners.push(['data.mainOwnerUser', data.mainOwnerUser]);
    if (data.ownerUsers !== undefined) {
      if (!Array.isArray(data.ownerUsers)) throw malformed('data.ownerUsers', 'must be an array of user ids');
      data.ownerUsers.forEach((o: unknown, i) => owners.push([`data.ownerUsers[${i}]`, o]));
    }
    for (const [path, id] of owners) {
      if (typeof id !== 'string') throw malformed(path, 'must be a user id');
      // The seed: owners are created as PERSON users first, then referenced by their id.
      if (byId(id)?.type !== 'PERSON') throw malformed(path, `no PERSON user with id ${id}: create the owners first`);
    }
  }

  function createUser(req: FakeRequest): Reply {
    const denied = bearer(req);
    if (denied) return denied;
    const b = json(req);
    if (!b.ok) return b.reply;
    const body = b.value;
    try {
      if (body.type === undefined || body.type === null) throw required('type');
      if (body.type !== 'PERSON' && body.type !== 'COMPANY') throw malformed('type', 'must be PERSON or COMPANY');
      const externalId = str(body, 'externalId', '') ?? '';
      if (body.data === undefined || body.data === null) throw required('data');
      if (!isObject(body.data)) throw malformed('data', 'must be an object');
      const data = body.data;
      if (body.type === 'PERSON') validatePerson(data);
      else validateCompany(data);
      if (byExternal(externalId)) throw new Refusal(409, 'USER.0001', `A user with externalId ${externalId} already exists`);
      const email = typeof data.email === 'string' ? data.email.toLowerCase() : null;
      if (email && users.some((u) => u.type === body.type && typeof u.data.email === 'string' && u.data.email.toLowerCase() === email)) throw new Refusal(409, 'USER.0003', 'This email is already registered');
      const at = new Date(now()).toISOString();
      const user: KillbUser = { id: seededUuid(streamRandom(seed, 'user', ++idCounter)), externalId, type: body.type, accessLevel: 'L0', status: 'PENDING', createdAt: at, updatedAt: at, data: structuredClone(data) };
      users.push(user);
      return jsonReply(201, user);
    } catch (e) {
      if (e instanceof Refusal) return err(e.status, e.code, e.message);
      throw e;
    }
  }

  function findUsers(req: FakeRequest): Reply {
    const denied = bearer(req);
    if (denied) return denied;
    const x = req.query.get('externalId');
    if (x === null || x === '') return err(400, 'VALIDATION.0001', 'externalId is required');
    const u = byExternal(x);
    return jsonReply(200, u ? [u] : []);
  }

  function getUser(req: FakeRequest, p: readonly string[]): Reply {
    const denied = bearer(req);
    if (denied) return denied;
    const u = byId(decodeURIComponent(p[0] ?? ''));
    return u ? jsonReply(200, u) : err(404, 'NOT_FOUND', 'No user with this id');
  }

  const routes: RouteDef<string>[] = [
    { id: 'login', method: 'POST', pattern: /^\/api\/v2\/auth\/login$/, handler: login },
    { id: 'createUser', method: 'POST', pattern: /^\/api\/v2\/users$/, handler: createUser },
    { id: 'findUsers', method: 'GET', pattern: /^\/api\/v2\/users$/, handler: findUsers },
    { id: 'getUser', method: 'GET', pattern: /^\/api\/v2\/users\/([^/]+)$/, handler: getUser },
  ];
  const http: FakeHttp = await startFakeHttp({ routes, faults, errors: KILLB_ERRORS, maxBodyBytes: opts.maxBodyBytes ?? 256 * 1024, now, log: requests, internalErrors });

  return {
    url: http.url,
    credentials: first,
    faults,
    users,
    requests,
    internalErrors,
    get tokensIssued() {
      return tokensIssued;
    },
    user: byId,
    userByExternalId: byExternal,
    setUserState: (id, state) => {
      const u = byId(id);
      if (!u) throw new Error(`fake KillB: no user ${id}`);
      if (state.accessLevel !== undefined) u.accessLevel = state.accessLevel;
      if (state.status !== undefined) u.status = state.status;
      u.updatedAt = new Date(now()).toISOString();
      return u;
    },
    expireTokens: () => {
      for (const k of tokens.keys()) tokens.set(k, 0);
    },
    close: () => http.close(),
  };
}
