import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseMrz } from 'mrz';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIDIT_DECIDED_STATUSES, signDiditWebhook, startFakeDidit, type FakeDidit } from './fakeDidit';
import { startFakeKillb, type FakeKillb, type KillbUser } from './fakeKillb';
import { FaultPlan, MAX_HANG_MS, type Fault } from './faults';
import { EXTRACTED_EMAIL, KILLB_ADDRESS, KILLB_COMPANY, KILLB_DOC_INE, KILLB_DOC_NUIP, KILLB_DOC_PASSPORT_BR, KILLB_DOC_RFC, KILLB_DOC_SSN, KILLB_INVESTMENT, KILLB_KYC_PROFILE, KILLB_PERSON, KILLB_SEED_EXAMPLES, jsonExamplesIn, killbSeedBody } from '../helpers/killbSeedExamples';

/**
 * The fakes' own tests: every request example of seeds 001 and 003 gets the documented answer,
 * every fault reaches the client as it should, and the fakes keep the effects a soak counts.
 * Requests go over real HTTP on 127.0.0.1 with a fresh connection each (agent: false), so a
 * dropped connection is seen exactly as a connector would see it.
 */

const SEEDS = join(import.meta.dirname, '../../../shared/seeds');
const DIDIT_SEED = join(SEEDS, '003_1aa69f2efc40d37d.txt');
const KILLB_SEED = join(SEEDS, '001_f03f1e062fbbd9d0.txt');

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: <T = Json>() => T;
}
interface CallOptions {
  headers?: Record<string, string>;
  json?: unknown;
  raw?: string | Buffer;
  timeoutMs?: number;
}

/** One request on its own connection; rejects with the socket error a client would get. */
function call(base: string, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    let payload: Buffer | undefined;
    if (o.json !== undefined) {
      payload = Buffer.from(JSON.stringify(o.json), 'utf8');
      headers['content-type'] ??= 'application/json';
    } else if (o.raw !== undefined) payload = Buffer.isBuffer(o.raw) ? o.raw : Buffer.from(o.raw, 'utf8');
    if (payload) headers['content-length'] = String(payload.length);
    const req = request(new URL(path, base), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: <T = Json>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.timeoutMs) req.setTimeout(o.timeoutMs, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.end(payload);
  });
}

/** The error code a rejected call carries (ECONNRESET, CLIENT_TIMEOUT...). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return String((err as { code?: unknown }).code ?? (err as Error).message);
  }
  throw new Error('expected the call to fail at the transport level');
}

/** The `{...}` block opening at `i`, matched by braces. */
function blockAt(text: string, i: number): string {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return text.slice(i, j + 1);
  }
  return text.slice(i);
}
/** Every block whose opening brace ends a match of `at`. */
const braceBlocks = (text: string, at: RegExp): string[] => [...text.matchAll(at)].map((m) => blockAt(text, (m.index ?? 0) + m[0].length - 1));

/** The seed's Python dicts as JSON; `workflow_id` / `session_id` variables become placeholders. */
const pyToJson = (py: string): unknown =>
  JSON.parse(
    py
      .replace(/\bTrue\b/g, 'true')
      .replace(/\bFalse\b/g, 'false')
      .replace(/:\s*(workflow_id|session_id)\b/g, ': "<$1>"')
      .replace(/,\s*}/g, '}'),
  );

// ==================================================================== Didit (seed 003)

// The seed's request bodies, verbatim (Python `requests` calls, `json={...}`), in seed order.
const D_WORKFLOW = `{ "workflow_label": "KYC Onboarding", "workflow_type": "kyc", "is_liveness_enabled": True, "is_face_match_enabled": True, "face_match_score_decline_threshold": 50, "max_retry_attempts": 3, }`;
const D_SESSION = `{ "workflow_id": workflow_id, "vendor_data": "user-abc-123", "callback": "https://yourapp.com/verification-done", "language": "en", }`;
const D_APPROVE = `{"new_status": "Approved", "comment": "Manual review passed"}`;
const D_RESUBMIT = `{
"new_status": "Resubmitted",
"nodes_to_resubmit": [{"node_id": "feature_ocr", "feature": "OCR"}],
"send_email": True,
"email_address": "user@example.com",
}`;
const D_BLOCK = `{"session_id": session_id, "blocklist_face": True, "blocklist_document": True}`;
const D_WF_AML = `{
"workflow_type": "kyc",
"is_liveness_enabled": True,
"is_face_match_enabled": True,
"is_aml_enabled": True,
"aml_decline_threshold": 80,
}`;
const D_WF_CONTACT = `{
"workflow_type": "kyc",
"is_liveness_enabled": True,
"is_face_match_enabled": True,
"is_phone_verification_enabled": True,
"is_email_verification_enabled": True,
}`;
const D_WF_NFC = `{
"workflow_type": "kyc",
"is_liveness_enabled": True,
"is_face_match_enabled": True,
"is_nfc_enabled": True,
}`;
const D_REQUESTS = [D_WORKFLOW, D_SESSION, D_APPROVE, D_RESUBMIT, D_BLOCK, D_WF_AML, D_WF_CONTACT, D_WF_NFC];
// The seed's response examples.
const D_WORKFLOW_ANSWER = `{
"uuid": "d8d2fa2d-c69c-471c-b7bc-bc71512b43ef",
"workflow_label": "KYC Onboarding",
"workflow_type": "kyc",
"features": ["ocr", "liveness", "face_match"],
"total_price": "0.10",
"workflow_url": "https://verify.didit.me/..."
}`;
const D_SESSION_ANSWER = `{
"session_id": "11111111-2222-3333-4444-555555555555",
"session_token": "abcdef123456",
"url": "https://verify.didit.me/session/abcdef123456",
"status": "Not Started",
"workflow_id": "d8d2fa2d-..."
}`;
// The seed's decision example (its text stops inside "mrz").
const D_SEED_ID_FIELDS = { status: 'Approved', document_type: 'PASSPORT', issuing_country: 'USA', first_name: 'John', last_name: 'Doe', date_of_birth: '1990-01-15', document_number: 'ABC123456', expiry_date: '2030-06-01', gender: 'M', nationality: 'USA' };

const sub = (body: unknown, vars: Record<string, string>): Json => JSON.parse(JSON.stringify(body).replace(/"<(workflow_id|session_id)>"/g, (_m, k: string) => JSON.stringify(vars[k] ?? ''))) as Json;

describe.skipIf(!existsSync(DIDIT_SEED))('seed 003 text (skipped without ../shared/seeds)', () => {
  it('the Didit bodies here are the seed’s, every json={...} in order, and its two response examples', () => {
    const seed = readFileSync(DIDIT_SEED, 'utf8');
    expect(braceBlocks(seed, /json=\{/g).map(pyToJson)).toEqual(D_REQUESTS.map(pyToJson));
    expect(seed).toContain(D_WORKFLOW_ANSWER);
    expect(seed).toContain(D_SESSION_ANSWER);
    for (const [k, v] of Object.entries(D_SEED_ID_FIELDS)) expect(seed).toContain(`"${k}": "${v}"`);
  });
});

describe('fake Didit: the seed’s requests get the seed’s answers', () => {
  let d: FakeDidit;
  const api = (method: string, path: string, json?: unknown, key: string | null = d.apiKey, extra: Record<string, string> = {}) =>
    call(d.url, method, path, { ...(json !== undefined ? { json } : {}), headers: { ...(key ? { 'x-api-key': key } : {}), ...extra } });
  let workflowId = '';
  const newSession = async (body: Json = {}) => {
    const r = await api('POST', '/v3/session/', { workflow_id: workflowId, ...body });
    expect(r.status).toBe(201);
    return r.json<{ session_id: string }>().session_id;
  };

  beforeAll(async () => {
    d = await startFakeDidit({ apiKeys: ['key-a', 'key-b'] });
  });
  afterAll(() => d.close());
  afterEach(() => expect(d.internalErrors).toEqual([]));

  it('quick start, step 1: the recommended KYC workflow answers uuid, label, type, the three features and 0.10', async () => {
    const r = await api('POST', '/v3/workflows/', pyToJson(D_WORKFLOW));
    expect(r.status).toBe(201);
    const seedAnswer = JSON.parse(D_WORKFLOW_ANSWER) as Json;
    const w = r.json();
    expect(Object.keys(w).sort()).toEqual(Object.keys(seedAnswer).sort());
    expect(w).toMatchObject({ workflow_label: 'KYC Onboarding', workflow_type: 'kyc', features: ['ocr', 'liveness', 'face_match'], total_price: '0.10' });
    expect(w.uuid).toMatch(/^[0-9a-f-]{36}$/);
    workflowId = String(w.uuid);
    expect(d.workflows.at(-1)?.settings).toEqual({ is_liveness_enabled: true, is_face_match_enabled: true, face_match_score_decline_threshold: 50, max_retry_attempts: 3 });
  });

  it('the seed’s workflow variants add aml, phone + email, and nfc', async () => {
    const features = async (py: string) => (await api('POST', '/v3/workflows/', pyToJson(py))).json<{ features: string[] }>().features;
    expect(await features(D_WF_AML)).toEqual(['ocr', 'liveness', 'face_match', 'aml']);
    expect(await features(D_WF_CONTACT)).toEqual(['ocr', 'liveness', 'face_match', 'phone', 'email']);
    expect(await features(D_WF_NFC)).toEqual(['ocr', 'liveness', 'face_match', 'nfc']);
    const list = (await api('GET', '/v3/workflows/')).json<{ count: number }>();
    expect(list.count).toBe(4);
    expect((await api('GET', '/v3/workflows/', undefined, 'key-b')).json<{ count: number }>().count).toBe(0);
  });

  it('step 2 and 3: a session answers the seed’s fields, and the seed’s polling loop ends on a decision', async () => {
    const r = await api('POST', '/v3/session/', sub(pyToJson(D_SESSION), { workflow_id: workflowId }));
    expect(r.status).toBe(201);
    const s = r.json<{ session_id: string; url: string; status: string; workflow_id: string; session_token: string }>();
    for (const k of Object.keys(JSON.parse(D_SESSION_ANSWER) as Json)) expect(s).toHaveProperty(k);
    expect(s.status).toBe('Not Started');
    expect(s.workflow_id).toBe(workflowId);
    expect(s.url).toBe(`${d.url}/session/${s.session_token}`);
    const page = await call(d.url, 'GET', new URL(s.url).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain(s.session_id);

    // The seed's loop: poll until Approved / Declined / In Review.
    const seen: string[] = [];
    const script = ['In Progress', 'Approved'] as const;
    for (let i = 0; i < 5; i++) {
      const dec = (await api('GET', `/v3/session/${s.session_id}/decision/`)).json<{ status: string }>();
      seen.push(dec.status);
      if ((DIDIT_DECIDED_STATUSES as readonly string[]).includes(dec.status)) break;
      const next = script[i];
      if (next) d.setStatus(s.session_id, next);
    }
    expect(seen).toEqual(['Not Started', 'In Progress', 'Approved']);
    const dec = (await api('GET', `/v3/session/${s.session_id}/decision/`)).json<{ features: string[]; vendor_data: string; id_verifications: Json[]; liveness_checks: Json[]; face_matches: Json[] }>();
    expect(dec.features).toEqual(['ID_VERIFICATION', 'LIVENESS', 'FACE_MATCH']);
    expect(dec.vendor_data).toBe('user-abc-123');
    expect(dec.id_verifications[0]).toMatchObject(D_SEED_ID_FIELDS);
    const mrz = String(dec.id_verifications[0]?.mrz).split('\n');
    expect(mrz[0]).toMatch(/^P</);
    expect(parseMrz(mrz).valid).toBe(true);
    expect(dec.liveness_checks[0]).toMatchObject({ status: 'Approved', score: expect.any(Number) });
    expect(dec.face_matches[0]).toMatchObject({ status: 'Approved', score: expect.any(Number) });
    expect(d.callbackRedirect(s.session_id)).toBe(`https://yourapp.com/verification-done?verificationSessionId=${s.session_id}&status=Approved`);
  });

  it('a declined decision carries a warning; a face-match score under the workflow’s threshold', async () => {
    const id = await newSession();
    d.setStatus(id, 'Declined');
    const dec = (await api('GET', `/v3/session/${id}/decision/`)).json<{ face_matches: { status: string; score: number; warnings: Json[] }[] }>();
    expect(dec.face_matches[0]?.status).toBe('Declined');
    expect(dec.face_matches[0]?.score).toBeLessThan(50);
    expect(dec.face_matches[0]?.warnings[0]).toMatchObject({ risk: 'LOW_FACE_MATCH_SIMILARITY', feature: 'FACE_MATCH' });
  });

  it('expected_details that differ from the document raise the seed’s mismatch warning', async () => {
    const id = await newSession({ vendor_data: 'case-mismatch', expected_details: { first_name: 'Juan', date_of_birth: '1990-01-15' }, contact_details: { email: 'juan@example.co' } });
    d.setStatus(id, 'In Review');
    const idv = (await api('GET', `/v3/session/${id}/decision/`)).json<{ id_verifications: { warnings: { risk: string }[] }[] }>().id_verifications[0];
    expect(idv?.warnings.map((w) => w.risk)).toEqual(['FIRST_NAME_MISMATCH']);
  });

  it('update-status: the seed’s approval, then its resubmission; every PATCH is recorded, a repeat as unchanged', async () => {
    const id = await newSession();
    d.setStatus(id, 'In Review');
    const a = await api('PATCH', `/v3/session/${id}/update-status/`, pyToJson(D_APPROVE));
    expect(a.status).toBe(200);
    expect(a.json()).toEqual({ session_id: id, status: 'Approved' });
    const again = await api('PATCH', `/v3/session/${id}/update-status/`, pyToJson(D_APPROVE));
    expect(again.status).toBe(200);
    const mine = d.statusUpdates.filter((u) => u.sessionId === id);
    expect(mine.map((u) => [u.previousStatus, u.new_status, u.changed])).toEqual([
      ['In Review', 'Approved', true],
      ['Approved', 'Approved', false],
    ]);
    expect(mine[0]?.comment).toBe('Manual review passed');
    expect(mine[0]?.headers['x-api-key']).toBe('<redacted>');
    // A duplicate is visible at Didit: two reviews.
    expect((await api('GET', `/v3/session/${id}/decision/`)).json<{ reviews: unknown[] }>().reviews).toHaveLength(2);

    const id2 = await newSession();
    d.setStatus(id2, 'Declined');
    const r = await api('PATCH', `/v3/session/${id2}/update-status/`, pyToJson(D_RESUBMIT));
    expect(r.status).toBe(200);
    expect(d.session(id2)?.status).toBe('Resubmitted');
    expect(d.statusUpdates.at(-1)).toMatchObject({ new_status: 'Resubmitted', nodes_to_resubmit: [{ node_id: 'feature_ocr', feature: 'OCR' }], send_email: true, email_address: 'user@example.com' });
    // A retried resubmission is accepted as a repeat, not refused as a transition from Resubmitted.
    expect((await api('PATCH', `/v3/session/${id2}/update-status/`, pyToJson(D_RESUBMIT))).status).toBe(200);
    expect(d.statusUpdates.filter((u) => u.sessionId === id2).map((u) => u.changed)).toEqual([true, false]);
    expect(d.requests.filter((q) => q.route === 'updateStatus').every((q) => q.headers['x-api-key'] === '<redacted>')).toBe(true);
  });

  it('update-status refusals: the field errors, and a session the user has not finished', async () => {
    const id = await newSession();
    const patch = (body: unknown) => api('PATCH', `/v3/session/${id}/update-status/`, body);
    expect((await patch({ new_status: 'Approved' })).json()).toEqual({ detail: 'Cannot update the status of a session in status "Not Started".' });
    d.setStatus(id, 'In Review');
    const cases: [unknown, Json][] = [
      [{}, { new_status: ['This field is required.'] }],
      [{ new_status: 'Maybe' }, { new_status: ['"Maybe" is not a valid choice.'] }],
      [{ new_status: 'Resubmitted' }, { nodes_to_resubmit: ['This field is required when new_status is Resubmitted.'] }],
      [{ new_status: 'Resubmitted', nodes_to_resubmit: [{ node_id: 'feature_x', feature: 'OCR' }] }, { nodes_to_resubmit: ['Unknown node_id "feature_x".'] }],
      [{ new_status: 'Resubmitted', nodes_to_resubmit: [{ node_id: 'feature_ocr', feature: 'LIVENESS' }] }, { nodes_to_resubmit: ['Node "feature_ocr" is feature OCR, not LIVENESS.'] }],
      [{ new_status: 'Approved', send_email: true }, { email_address: ['This field is required when send_email is true.'] }],
      [{ new_status: 'Approved', email_address: 'not-an-address' }, { email_address: ['Enter a valid email address.'] }],
    ];
    for (const [body, errors] of cases) {
      const r = await patch(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json()).toEqual(errors);
    }
    expect(d.statusUpdates.filter((u) => u.sessionId === id)).toEqual([]);
  });

  it('blocklist: the seed’s call, a repeat marked duplicate, and its refusals', async () => {
    const id = await newSession();
    d.setStatus(id, 'Declined');
    const body = sub(pyToJson(D_BLOCK), { session_id: id });
    const r = await api('POST', '/v3/blocklist/add/', body);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ session_id: id, blocklisted: { face: true, document: true, phone: false, email: false } });
    await api('POST', '/v3/blocklist/add/', body);
    expect(d.blocklist.filter((b) => b.session_id === id).map((b) => b.duplicate)).toEqual([false, true]);
    expect((await api('POST', '/v3/blocklist/add/', { blocklist_face: true })).json()).toEqual({ session_id: ['This field is required.'] });
    expect((await api('POST', '/v3/blocklist/add/', { session_id: '00000000-0000-4000-8000-000000000000', blocklist_face: true })).json()).toEqual({ session_id: ['Session not found.'] });
    expect((await api('POST', '/v3/blocklist/add/', { session_id: id })).status).toBe(400);
    // Another application's session does not exist for this key.
    expect((await api('POST', '/v3/blocklist/add/', body, 'key-b')).json()).toEqual({ session_id: ['Session not found.'] });
  });

  it('generate-pdf answers a real PDF once decided, 400 before', async () => {
    const id = await newSession({ vendor_data: 'case-pdf' });
    expect((await api('GET', `/v3/session/${id}/generate-pdf`)).status).toBe(400);
    d.setStatus(id, 'Approved');
    const r = await api('GET', `/v3/session/${id}/generate-pdf`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(r.body.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect(r.body.length).toBeGreaterThan(500);
  });

  it('auth: 401 without or with a wrong key (Didit’s body), 403 on another application’s session, 404 unknown', async () => {
    const id = await newSession();
    for (const key of [null, 'wrong-key']) {
      const r = await api('GET', `/v3/session/${id}/decision/`, undefined, key);
      expect(r.status).toBe(401);
      expect(r.json()).toEqual({ detail: 'Invalid or missing API key' });
    }
    const other = await api('GET', `/v3/session/${id}/decision/`, undefined, 'key-b');
    expect(other.status).toBe(403);
    expect(other.json()).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect((await api('PATCH', `/v3/session/${id}/update-status/`, { new_status: 'Approved' }, 'key-b')).status).toBe(403);
    const missing = await api('GET', '/v3/session/00000000-0000-4000-8000-000000000000/decision/');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Not found.' });
  });

  it('session creation validates like Didit: required workflow, UUID, URL, date, metadata as a JSON string', async () => {
    const cases: [Json, Json][] = [
      [{ vendor_data: 'x' }, { workflow_id: ['This field is required.'] }],
      [{ workflow_id: 'abc' }, { workflow_id: ['Must be a valid UUID.'] }],
      [{ workflow_id: '00000000-0000-4000-8000-000000000000' }, { workflow_id: ['Workflow not found.'] }],
      [{ workflow_id: workflowId, callback: 'not a url' }, { callback: ['Enter a valid URL.'] }],
      [{ workflow_id: workflowId, vendor_data: 42 }, { vendor_data: ['Not a valid string.'] }],
      [{ workflow_id: workflowId, language: 'english' }, { language: ['"english" is not a valid choice.'] }],
      [{ workflow_id: workflowId, expected_details: { date_of_birth: '15/01/1990' } }, { expected_details: { date_of_birth: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'] } }],
      [{ workflow_id: workflowId, contact_details: { email: 'nope' } }, { contact_details: { email: ['Enter a valid email address.'] } }],
      [{ workflow_id: workflowId, metadata: '{not json' }, { metadata: ['Value must be valid JSON.'] }],
    ];
    const before = d.sessions.length;
    for (const [body, errors] of cases) {
      const r = await api('POST', '/v3/session/', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json()).toEqual(errors);
    }
    // Key B cannot use key A's workflow either.
    expect((await api('POST', '/v3/session/', { workflow_id: workflowId }, 'key-b')).json()).toEqual({ workflow_id: ['Workflow not found.'] });
    expect(d.sessions.length).toBe(before);
    const ok = await api('POST', '/v3/session/', { workflow_id: workflowId, metadata: '{"branch":"north"}' });
    expect(ok.json<{ metadata: unknown }>().metadata).toEqual({ branch: 'north' });
  });

  it('workflow validation: type required and known, thresholds 0-100, retries 0-10, booleans', async () => {
    const cases: [Json, Json][] = [
      [{ workflow_label: 'x' }, { workflow_type: ['This field is required.'] }],
      [{ workflow_type: 'kyb' }, { workflow_type: ['"kyb" is not a valid choice.'] }],
      [{ workflow_type: 'kyc', face_match_score_decline_threshold: 101 }, { face_match_score_decline_threshold: ['Ensure this value is less than or equal to 100.'] }],
      [{ workflow_type: 'kyc', max_retry_attempts: 11 }, { max_retry_attempts: ['Ensure this value is less than or equal to 10.'] }],
      [{ workflow_type: 'kyc', max_retry_attempts: 1.5 }, { max_retry_attempts: ['A valid integer is required.'] }],
      [{ workflow_type: 'kyc', is_liveness_enabled: 'yes' }, { is_liveness_enabled: ['Must be a valid boolean.'] }],
    ];
    for (const [body, errors] of cases) {
      const r = await api('POST', '/v3/workflows/', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json()).toEqual(errors);
    }
  });

  it('transport: 415 without JSON, 400 on bad JSON or a list, 405 with Allow, 404 off the seed’s paths, 413 over the limit', async () => {
    const raw = (method: string, path: string, body: string, type: string) => call(d.url, method, path, { raw: body, headers: { 'x-api-key': d.apiKey, 'content-type': type } });
    expect((await raw('POST', '/v3/session/', 'workflow_id=x', 'application/x-www-form-urlencoded')).json()).toEqual({ detail: 'Unsupported media type "application/x-www-form-urlencoded" in request.' });
    expect((await raw('POST', '/v3/session/', '{"workflow_id":', 'application/json')).json<{ detail: string }>().detail).toMatch(/^JSON parse error/);
    expect((await raw('POST', '/v3/session/', '[]', 'application/json')).json()).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    const wrong = await api('DELETE', '/v3/session/');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect((await api('POST', '/v3/session', { workflow_id: workflowId })).status).toBe(404);
    expect((await api('GET', '/v3/session/x/generate-pdf/')).status).toBe(404);
    const big = await raw('POST', '/v3/session/', JSON.stringify({ workflow_id: workflowId, vendor_data: 'x'.repeat(1_100_000) }), 'application/json');
    expect(big.status).toBe(413);
  });

  it('two creates for one vendor_data are two sessions (Didit has no idempotency key); the list finds both', async () => {
    await newSession({ vendor_data: 'case-twice' });
    await newSession({ vendor_data: 'case-twice' });
    expect(d.sessionsFor('case-twice')).toHaveLength(2);
    const list = (await api('GET', '/v3/sessions/?vendor_data=case-twice')).json<{ count: number; results: { vendor_data: string }[] }>();
    expect(list.count).toBe(2);
    expect(list.results.every((r) => r.vendor_data === 'case-twice')).toBe(true);
    expect((await api('GET', '/v3/sessions/?vendor_data=case-twice', undefined, 'key-b')).json<{ count: number }>().count).toBe(0);
  });

  it('media set for a session is served at its URL without a key (Didit’s image URLs are presigned)', async () => {
    const id = await newSession();
    const url = d.setMedia(id, 'front.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    d.setDecision(id, { status: 'Approved', id_verifications: [{ front_image: url }] });
    const dec = (await api('GET', `/v3/session/${id}/decision/`)).json<{ id_verifications: { front_image: string; first_name: string }[] }>();
    expect(dec.id_verifications[0]?.front_image).toBe(url);
    expect(dec.id_verifications[0]?.first_name).toBe('John');
    const img = await call(d.url, 'GET', new URL(url).pathname);
    expect(img.status).toBe(200);
    expect([...img.body]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });
});

describe('fake Didit: sessions expire after 7 days by the fake’s clock', () => {
  it('a Not Started session reads Expired once 7 days have passed, and update-status refuses it', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const d = await startFakeDidit({ now: () => clock });
    try {
      const key = { 'x-api-key': d.apiKey };
      const wf = (await call(d.url, 'POST', '/v3/workflows/', { json: { workflow_type: 'kyc' }, headers: key })).json<{ uuid: string }>().uuid;
      const id = (await call(d.url, 'POST', '/v3/session/', { json: { workflow_id: wf }, headers: key })).json<{ session_id: string }>().session_id;
      clock += 7 * 24 * 3600 * 1000 - 1;
      expect((await call(d.url, 'GET', `/v3/session/${id}/decision/`, { headers: key })).json<{ status: string }>().status).toBe('Not Started');
      clock += 1;
      expect((await call(d.url, 'GET', `/v3/session/${id}/decision/`, { headers: key })).json<{ status: string }>().status).toBe('Expired');
      expect(d.session(id)?.history.map((h) => h.status)).toEqual(['Not Started', 'Expired']);
      expect((await call(d.url, 'PATCH', `/v3/session/${id}/update-status/`, { json: { new_status: 'Approved' }, headers: key })).status).toBe(400);
    } finally {
      await d.close();
    }
  });
});

// ------------------------------------------------------------------ webhooks

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verdict: 'ok' | 'forced' | 'missing-signature' | 'bad-signature' | 'stale';
}

/** A receiver verifying as Didit documents: HMAC-SHA256 of the raw body, X-Timestamp within 300 s. */
async function startReceiver(secret: string) {
  const got: Received[] = [];
  const forced: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = (status: number, verdict: Received['verdict']) => {
        got.push({ headers: req.headers, body, verdict });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ verdict }));
      };
      const f = forced.shift();
      if (f !== undefined) return answer(f, 'forced');
      const sig = req.headers['x-signature'];
      if (typeof sig !== 'string') return answer(401, 'missing-signature');
      const want = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
      if (want.length !== sig.length || !timingSafeEqual(want, Buffer.from(sig))) return answer(401, 'bad-signature');
      if (Math.abs(Date.now() / 1000 - Number(req.headers['x-timestamp'])) > 300) return answer(401, 'stale');
      return answer(200, 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/didit/webhook`;
  return { url, got, forced, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('fake Didit: webhooks', () => {
  let d: FakeDidit;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let wf = '';
  const session = async (vendor = 'case-wh') => {
    const r = await call(d.url, 'POST', '/v3/session/', { json: { workflow_id: wf, vendor_data: vendor, metadata: { branch: 'b1' } }, headers: { 'x-api-key': d.apiKey } });
    return r.json<{ session_id: string }>().session_id;
  };
  beforeAll(async () => {
    d = await startFakeDidit({ webhookSecret: 'whsec-test', seed: 7 });
    rx = await startReceiver('whsec-test');
    d.setWebhookUrl(rx.url);
    wf = (await call(d.url, 'POST', '/v3/workflows/', { json: { workflow_type: 'kyc' }, headers: { 'x-api-key': d.apiKey } })).json<{ uuid: string }>().uuid;
  });
  afterAll(async () => {
    await d.close();
    await rx.close();
  });
  afterEach(() => {
    rx.got.length = 0;
    rx.forced.length = 0;
  });

  it('a signed status.updated webhook with the decision: X-Signature over the raw body, X-Timestamp in seconds', async () => {
    const id = await session();
    d.setStatus(id, 'Approved');
    const [delivery] = await d.sendWebhook(id);
    expect(delivery?.delivered).toBe(true);
    expect(rx.got.map((g) => g.verdict)).toEqual(['ok']);
    const got = rx.got[0];
    const body = JSON.parse(got?.body ?? '{}') as Json;
    expect(body).toMatchObject({ session_id: id, status: 'Approved', webhook_type: 'status.updated', workflow_id: wf, vendor_data: 'case-wh', metadata: { branch: 'b1' } });
    expect((body.decision as Json).id_verifications).toBeTruthy();
    expect(got?.headers['x-signature']).toBe(signDiditWebhook(got?.body ?? '', 'whsec-test'));
    expect(Number(got?.headers['x-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(body.timestamp).toBe(Number(got?.headers['x-timestamp']));
  });

  it('an In Progress webhook has no decision', async () => {
    const id = await session();
    d.setStatus(id, 'In Progress');
    await d.sendWebhook(id);
    expect(JSON.parse(rx.got[0]?.body ?? '{}')).not.toHaveProperty('decision');
  });

  it('duplicate: identical bytes and signature, sent again (one after the other, or at once)', async () => {
    const id = await session();
    d.setStatus(id, 'Declined');
    await d.sendWebhook(id, { duplicate: 2 });
    expect(rx.got).toHaveLength(3);
    expect(new Set(rx.got.map((g) => g.body)).size).toBe(1);
    expect(new Set(rx.got.map((g) => g.headers['x-signature'])).size).toBe(1);
    rx.got.length = 0;
    await d.sendWebhook(id, { duplicate: 3, concurrent: true });
    expect(rx.got.map((g) => g.verdict)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('reorder: the whole history newest first, each event with its own created_at', async () => {
    const id = await session();
    d.setStatus(id, 'In Progress');
    d.setStatus(id, 'In Review');
    d.setStatus(id, 'Approved');
    await d.sendWebhook(id, { events: 'all', order: 'reverse' });
    const bodies = rx.got.map((g) => JSON.parse(g.body) as { status: string; created_at: number; decision?: { status: string } });
    expect(bodies.map((b) => b.status)).toEqual(['Approved', 'In Review', 'In Progress', 'Not Started']);
    // Each event carries the decision as it was then.
    expect(bodies[1]?.decision?.status).toBe('In Review');
    expect(rx.got.every((g) => g.verdict === 'ok')).toBe(true);
  });

  it('shuffle is reproducible: the same seed gives the same order', async () => {
    const order = async () => {
      const f = await startFakeDidit({ seed: 99 });
      const r = await startReceiver(f.webhookSecret);
      try {
        const w = (await call(f.url, 'POST', '/v3/workflows/', { json: { workflow_type: 'kyc' }, headers: { 'x-api-key': f.apiKey } })).json<{ uuid: string }>().uuid;
        const id = (await call(f.url, 'POST', '/v3/session/', { json: { workflow_id: w }, headers: { 'x-api-key': f.apiKey } })).json<{ session_id: string }>().session_id;
        for (const s of ['In Progress', 'In Review', 'Declined', 'Resubmitted', 'In Progress', 'Approved'] as const) f.setStatus(id, s);
        await f.sendWebhook(id, { url: r.url, events: 'all', order: 'shuffle' });
        return r.got.map((g) => (JSON.parse(g.body) as { status: string }).status);
      } finally {
        await f.close();
        await r.close();
      }
    };
    const a = await order();
    expect(a).toHaveLength(7);
    expect(await order()).toEqual(a);
  });

  it('wrong secret, tampered body, missing signature and a stale timestamp are all refused by a correct receiver; a 401 is not retried', async () => {
    const id = await session();
    d.setStatus(id, 'Approved');
    const modes = ['wrongSecret', 'tamperedBody', 'missing', 'staleTimestamp'] as const;
    for (const signature of modes) {
      const [del] = await d.sendWebhook(id, { signature });
      expect(del?.delivered, signature).toBe(false);
      expect(del?.attempts.map((a) => a.status)).toEqual([401]);
    }
    expect(rx.got.map((g) => g.verdict)).toEqual(['bad-signature', 'bad-signature', 'missing-signature', 'stale']);
    // The tampered body claims a different status than the one signed.
    expect((JSON.parse(rx.got[1]?.body ?? '{}') as { status: string }).status).toBe('Declined');
  });

  it('Didit retries a 5xx or a 404, a bounded number of times', async () => {
    const id = await session();
    d.setStatus(id, 'Approved');
    rx.forced.push(500, 404);
    const [ok] = await d.sendWebhook(id, { retryDelayMs: 5 });
    expect(ok?.attempts.map((a) => a.status)).toEqual([500, 404, 200]);
    expect(ok?.delivered).toBe(true);
    rx.forced.push(503, 503, 503, 503);
    const [gaveUp] = await d.sendWebhook(id, { retryDelayMs: 5, maxAttempts: 3 });
    expect(gaveUp?.attempts.map((a) => a.status)).toEqual([503, 503, 503]);
    expect(gaveUp?.delivered).toBe(false);
    rx.forced.length = 0;
  });

  it('a receiver that is down: each attempt records the transport error, and the sender stops', async () => {
    const down = await startReceiver('x');
    await down.close();
    const id = await session();
    d.setStatus(id, 'Approved');
    const [del] = await d.sendWebhook(id, { url: down.url, retryDelayMs: 1, maxAttempts: 2 });
    expect(del?.attempts).toHaveLength(2);
    expect(del?.attempts.every((a) => a.status === null && a.error)).toBe(true);
  });

  it('only loopback: the fake refuses to send anywhere else', async () => {
    const id = await session();
    await expect(d.sendWebhook(id, { url: 'http://example.com/hook' })).rejects.toThrow(/loopback/);
    expect(() => d.setWebhookUrl('https://10.0.0.1/hook')).toThrow(/loopback/);
  });

  it('autoWebhook: an update-status sends the new status by itself', async () => {
    const f = await startFakeDidit({ autoWebhook: true, webhookUrl: rx.url, webhookSecret: 'whsec-test' });
    try {
      const key = { 'x-api-key': f.apiKey };
      const w = (await call(f.url, 'POST', '/v3/workflows/', { json: { workflow_type: 'kyc' }, headers: key })).json<{ uuid: string }>().uuid;
      const id = (await call(f.url, 'POST', '/v3/session/', { json: { workflow_id: w }, headers: key })).json<{ session_id: string }>().session_id;
      f.setStatus(id, 'In Review');
      await f.flushWebhooks();
      expect((await call(f.url, 'PATCH', `/v3/session/${id}/update-status/`, { json: { new_status: 'Declined', comment: 'no' }, headers: key })).status).toBe(200);
      await f.flushWebhooks();
      expect(rx.got.map((g) => (JSON.parse(g.body) as { status: string }).status)).toEqual(['In Review', 'Declined']);
      expect(rx.got.every((g) => g.verdict === 'ok')).toBe(true);
    } finally {
      await f.close();
    }
  });
});

// ==================================================================== KillB (seed 001)

const withDoc = (doc: string) => killbSeedBody(KILLB_PERSON, { fresh: true, data: { document: JSON.parse(doc) as Json } });
const isoDaysAgo = (years: number, deltaDays = 0) => {
  const t = new Date();
  const d = new Date(Date.UTC(t.getUTCFullYear() - years, t.getUTCMonth(), t.getUTCDate() + deltaDays));
  return d.toISOString().slice(0, 10);
};

describe.skipIf(!existsSync(KILLB_SEED))('seed 001 text (skipped without ../shared/seeds)', () => {
  it('the KillB bodies here are the seed’s JSON examples, every one, in order', () => {
    const seed = readFileSync(KILLB_SEED, 'utf8');
    expect(jsonExamplesIn(seed)).toEqual(KILLB_SEED_EXAMPLES.map((t) => JSON.parse(t)));
  });
});

describe('fake KillB: the seed’s users get the seed’s answers', () => {
  let k: FakeKillb;
  let token = '';
  const api = (method: string, path: string, json?: unknown, bearer: string | null = token) => call(k.url, method, path, { ...(json !== undefined ? { json } : {}), headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const create = (body: unknown, bearer: string | null = token) => api('POST', '/api/v2/users', body, bearer);
  async function refused(body: unknown, status: number, code: string, message?: RegExp) {
    const before = k.users.length;
    const r = await create(body);
    expect(r.status, JSON.stringify(body)).toBe(status);
    const e = r.json<{ code: string; message: string }>();
    expect(Object.keys(e).sort()).toEqual(['code', 'message']);
    expect(e.code).toBe(code);
    if (message) expect(e.message).toMatch(message);
    expect(k.users.length).toBe(before);
  }

  beforeAll(async () => {
    k = await startFakeKillb();
    const r = await call(k.url, 'POST', '/api/v2/auth/login', { json: k.credentials });
    expect(r.status).toBe(200);
    const l = r.json<{ accessToken: string; tokenType: string; expiresIn: number; expiresAt: string }>();
    expect(l).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    token = l.accessToken;
  });
  afterAll(() => k.close());
  afterEach(() => expect(k.internalErrors).toEqual([]));

  it('the seed’s PERSON as written is refused by the seed’s own email rule; with a real address it is created', async () => {
    await refused(killbSeedBody(KILLB_PERSON, { email: EXTRACTED_EMAIL }), 400, 'VALIDATION.0002', /email/);
    const body = killbSeedBody(KILLB_PERSON);
    const r = await create(body);
    expect(r.status).toBe(201);
    const u = r.json<KillbUser>();
    // What the seed's createUser reads: id, accessLevel, status.
    expect(u).toMatchObject({ externalId: 'user-12345', type: 'PERSON', accessLevel: 'L0', status: 'PENDING' });
    expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(u.data).toEqual(body.data);
    expect((await api('GET', `/api/v2/users/${u.id}`)).json()).toEqual(u);
    expect((await api('GET', '/api/v2/users?externalId=user-12345')).json()).toEqual([u]);
    expect((await api('GET', '/api/v2/users?externalId=nobody')).json()).toEqual([]);
  });

  it('USER.0001 on the same externalId, with no second user; the lookup finds the first (the seed: "use the existing id")', async () => {
    const first = k.userByExternalId('user-12345');
    await refused(killbSeedBody(KILLB_PERSON), 409, 'USER.0001');
    expect(k.users.filter((u) => u.externalId === 'user-12345')).toHaveLength(1);
    const found = (await api('GET', '/api/v2/users?externalId=user-12345')).json<KillbUser[]>();
    expect(found[0]?.id).toBe(first?.id);
  });

  it('USER.0003 when another externalId has the email', async () => {
    const email = 'shared.address@example.co';
    expect((await create(killbSeedBody(KILLB_PERSON, { fresh: true, email }))).status).toBe(201);
    await refused(killbSeedBody(KILLB_PERSON, { fresh: true, email: 'SHARED.address@example.co' }), 409, 'USER.0003');
  });

  it('every document example of the seed is accepted with its country, and the address with street2', async () => {
    for (const doc of [KILLB_DOC_NUIP, KILLB_DOC_RFC, KILLB_DOC_INE, KILLB_DOC_SSN, KILLB_DOC_PASSPORT_BR]) {
      const r = await create(withDoc(doc));
      expect(r.status, doc).toBe(201);
    }
    expect((await create(killbSeedBody(KILLB_PERSON, { fresh: true, data: { address: JSON.parse(KILLB_ADDRESS) as Json } }))).status).toBe(201);
    const extras = { ...(JSON.parse(KILLB_INVESTMENT) as Json), ...(JSON.parse(KILLB_KYC_PROFILE) as Json) };
    const r = await create(killbSeedBody(KILLB_PERSON, { fresh: true, data: extras }));
    expect(r.status).toBe(201);
    expect(r.json<KillbUser>().data).toMatchObject(extras);
  });

  it('USER.0002: NUIP not 10 digits, a type the country does not use, an INE without its extra fields', async () => {
    const doc = (d: Json) => killbSeedBody(KILLB_PERSON, { fresh: true, data: { document: d } });
    await refused(doc({ type: 'NUIP', number: '123456789', issuedCountryCode: 'CO' }), 400, 'USER.0002', /NUIP must be 10 digits/);
    await refused(doc({ type: 'NUIP', number: '12345678AB', issuedCountryCode: 'CO' }), 400, 'USER.0002');
    await refused(doc({ type: 'SSN', number: '123-45-6789', issuedCountryCode: 'CO' }), 400, 'USER.0002', /not a document type of CO/);
    await refused(doc({ type: 'RFC', number: 'GACJ900515ABC', issuedCountryCode: 'BR' }), 400, 'USER.0002');
    const ine = JSON.parse(KILLB_DOC_INE) as Json;
    delete ine.cic;
    await refused(doc(ine), 400, 'USER.0002', /cic/);
  });

  it('USER.0004: a phone outside the seed’s E.164 rule', async () => {
    for (const phone of ['573001234567', '+57300123', '+0573001234567', '+57 300 123 4567']) await refused(killbSeedBody(KILLB_PERSON, { fresh: true, data: { phone } }), 400, 'USER.0004');
  });

  it('USER.0005: under 18; 18 on the birthday itself', async () => {
    await refused(killbSeedBody(KILLB_PERSON, { fresh: true, data: { dateOfBirth: isoDaysAgo(17) } }), 400, 'USER.0005');
    await refused(killbSeedBody(KILLB_PERSON, { fresh: true, data: { dateOfBirth: isoDaysAgo(18, 1) } }), 400, 'USER.0005');
    expect((await create(killbSeedBody(KILLB_PERSON, { fresh: true, data: { dateOfBirth: isoDaysAgo(18) } }))).status).toBe(201);
    await refused(killbSeedBody(KILLB_PERSON, { fresh: true, data: { dateOfBirth: '1990-02-30' } }), 400, 'VALIDATION.0002');
  });

  it('VALIDATION.0001 names the missing field; VALIDATION.0002 a malformed one', async () => {
    const without = (path: string[]) => {
      const b = killbSeedBody(KILLB_PERSON, { fresh: true });
      let o: Json = b as unknown as Json;
      for (const p of path.slice(0, -1)) o = o[p] as Json;
      delete o[path.at(-1) ?? ''];
      return b;
    };
    await refused(without(['data', 'lastName']), 400, 'VALIDATION.0001', /data\.lastName/);
    await refused(without(['data', 'address', 'city']), 400, 'VALIDATION.0001', /data\.address\.city/);
    await refused(without(['data', 'document']), 400, 'VALIDATION.0001', /data\.document/);
    await refused(without(['externalId']), 400, 'VALIDATION.0001', /externalId/);
    await refused({ ...killbSeedBody(KILLB_PERSON, { fresh: true }), type: 'ROBOT' }, 400, 'VALIDATION.0002', /PERSON or COMPANY/);
    await refused(killbSeedBody(KILLB_PERSON, { fresh: true, data: { address: { ...(JSON.parse(KILLB_ADDRESS) as Json), countryCode: 'Colombia' } } }), 400, 'VALIDATION.0002');
  });

  it('COMPANY: the seed’s placeholders are not existing persons; with real owners (created first) it is created', async () => {
    await refused(killbSeedBody(KILLB_COMPANY), 400, 'VALIDATION.0002', /owner-user-id.*create the owners first/);
    const owner = async () => (await create(killbSeedBody(KILLB_PERSON, { fresh: true }))).json<KillbUser>().id;
    const [o1, o2] = [await owner(), await owner()];
    const r = await create(killbSeedBody(KILLB_COMPANY, { data: { mainOwnerUser: o1, ownerUsers: [o1, o2] } }));
    expect(r.status).toBe(201);
    const company = r.json<KillbUser>();
    expect(company).toMatchObject({ type: 'COMPANY', externalId: 'company-456' });
    // A company is not a person: it cannot own another company.
    await refused(killbSeedBody(KILLB_COMPANY, { fresh: true, data: { mainOwnerUser: company.id, ownerUsers: [] } }), 400, 'VALIDATION.0002');
    await refused(killbSeedBody(KILLB_COMPANY, { fresh: true, data: { companyName: '' } }), 400, 'VALIDATION.0001', /companyName/);
  });

  it('auth: no token, a wrong password, an expired token', async () => {
    await expect(create(killbSeedBody(KILLB_PERSON, { fresh: true }), null).then((r) => [r.status, r.json<{ code: string }>().code])).resolves.toEqual([401, 'AUTH.0001']);
    const bad = await call(k.url, 'POST', '/api/v2/auth/login', { json: { email: k.credentials.email, password: 'nope' } });
    expect([bad.status, bad.json<{ code: string }>().code]).toEqual([401, 'AUTH.0004']);
    expect((await call(k.url, 'POST', '/api/v2/auth/login', { json: { email: k.credentials.email } })).json<{ code: string }>().code).toBe('VALIDATION.0001');
    k.expireTokens();
    const r = await api('GET', '/api/v2/users?externalId=user-12345');
    expect([r.status, r.json<{ code: string; message: string }>().message]).toEqual([401, 'The access token has expired; log in again']);
    token = (await call(k.url, 'POST', '/api/v2/auth/login', { json: k.credentials })).json<{ accessToken: string }>().accessToken;
    expect((await api('GET', '/api/v2/users?externalId=user-12345')).status).toBe(200);
  });

  it('reads: 404 for an unknown id, 400 for a lookup without externalId; setUserState moves a user on', async () => {
    expect((await api('GET', '/api/v2/users/no-such-id')).json()).toEqual({ code: 'NOT_FOUND', message: 'No user with this id' });
    expect((await api('GET', '/api/v2/users')).status).toBe(400);
    const u = k.userByExternalId('user-12345');
    k.setUserState(u?.id ?? '', { accessLevel: 'L1', status: 'ACTIVE' });
    expect((await api('GET', `/api/v2/users/${u?.id ?? ''}`)).json()).toMatchObject({ accessLevel: 'L1', status: 'ACTIVE' });
  });

  it('transport: 415 without JSON, 400 on broken JSON, 404 and 405 off the routes', async () => {
    const raw = (body: string, type: string) => call(k.url, 'POST', '/api/v2/users', { raw: body, headers: { authorization: `Bearer ${token}`, 'content-type': type } });
    expect((await raw('{}', 'text/plain')).status).toBe(415);
    expect((await raw('{"type":', 'application/json')).json<{ code: string }>().code).toBe('VALIDATION.0002');
    expect((await api('GET', '/api/v2/nothing')).status).toBe(404);
    const m = await api('DELETE', '/api/v2/users');
    expect([m.status, m.headers.allow]).toEqual([405, 'POST, GET']);
  });
});

describe('fake KillB: token lifetime by the fake’s clock', () => {
  it('a token stops working at expiresAt', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const k = await startFakeKillb({ now: () => clock, tokenTtlSeconds: 60 });
    try {
      const t = (await call(k.url, 'POST', '/api/v2/auth/login', { json: k.credentials })).json<{ accessToken: string; expiresAt: string }>();
      expect(t.expiresAt).toBe('2026-03-01T09:01:00.000Z');
      const get = () => call(k.url, 'GET', '/api/v2/users?externalId=x', { headers: { authorization: `Bearer ${t.accessToken}` } });
      clock += 59_999;
      expect((await get()).status).toBe(200);
      clock += 1;
      expect((await get()).status).toBe(401);
    } finally {
      await k.close();
    }
  });
});

// ==================================================================== faults

describe('faults: each kind reaches the client as it should', () => {
  let d: FakeDidit;
  let k: FakeKillb;
  let wf = '';
  let token = '';
  const createSession = (vendor: string, timeoutMs?: number) =>
    call(d.url, 'POST', '/v3/session/', { json: { workflow_id: wf, vendor_data: vendor }, headers: { 'x-api-key': d.apiKey }, ...(timeoutMs ? { timeoutMs } : {}) });
  const createUser = (externalId: string) => call(k.url, 'POST', '/api/v2/users', { json: { ...killbSeedBody(KILLB_PERSON), externalId }, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    d = await startFakeDidit();
    k = await startFakeKillb();
    wf = (await call(d.url, 'POST', '/v3/workflows/', { json: { workflow_type: 'kyc' }, headers: { 'x-api-key': d.apiKey } })).json<{ uuid: string }>().uuid;
    token = (await call(k.url, 'POST', '/api/v2/auth/login', { json: k.credentials })).json<{ accessToken: string }>().accessToken;
  });
  afterAll(async () => {
    await d.close();
    await k.close();
  });
  afterEach(() => {
    expect(d.faults.pending()).toBe(0);
    expect(k.faults.pending()).toBe(0);
  });

  it('server errors: a 500 in Didit’s JSON, 502 as a gateway’s HTML, 503 with Retry-After; nothing is created', async () => {
    d.faults.enqueue('createSession', { kind: 'serverError' }, { kind: 'serverError', status: 502 }, { kind: 'serverError', status: 503, retryAfterSeconds: 4 });
    const r500 = await createSession('case-5xx');
    expect([r500.status, r500.json()]).toEqual([500, { detail: 'A server error occurred.' }]);
    const r502 = await createSession('case-5xx');
    expect([r502.status, r502.headers['content-type']]).toEqual([502, 'text/html; charset=utf-8']);
    const r503 = await createSession('case-5xx');
    expect([r503.status, r503.headers['retry-after']]).toEqual([503, '4']);
    expect(d.sessionsFor('case-5xx')).toHaveLength(0);
    expect((await createSession('case-5xx')).status).toBe(201);
    expect(d.sessionsFor('case-5xx')).toHaveLength(1);
    expect(d.requests.filter((q) => q.route === 'createSession' && q.fault).map((q) => [q.fault, q.status])).toEqual([
      ['serverError', 500],
      ['serverError', 502],
      ['serverError', 503],
    ]);
  });

  it('429 with Retry-After, in each vendor’s words', async () => {
    d.faults.enqueue('createSession', { kind: 'rateLimited', retryAfterSeconds: 7 });
    const r = await createSession('case-429');
    expect([r.status, r.headers['retry-after'], r.json()]).toEqual([429, '7', { detail: 'Request was throttled. Expected available in 7 seconds.' }]);
    k.faults.enqueue('createUser', { kind: 'rateLimited', retryAfterSeconds: 2 });
    const u = await createUser('k-429');
    expect([u.status, u.headers['retry-after']]).toEqual([429, '2']);
    expect(k.userByExternalId('k-429')).toBeUndefined();
  });

  it('reset: the connection dies before any effect', async () => {
    d.faults.enqueue('createSession', { kind: 'reset' });
    expect(await failure(createSession('case-reset'))).toBe('ECONNRESET');
    expect(d.sessionsFor('case-reset')).toHaveLength(0);
  });

  it('commit then lose: the effect lands, the client sees a reset; a retry of a KillB create is USER.0001 and the lookup gives the id', async () => {
    k.faults.enqueue('createUser', { kind: 'commitThenLose' });
    expect(await failure(createUser('k-lost'))).toBe('ECONNRESET');
    const stored = k.userByExternalId('k-lost');
    expect(stored).toBeTruthy();
    const retry = await createUser('k-lost');
    expect([retry.status, retry.json<{ code: string }>().code]).toEqual([409, 'USER.0001']);
    const found = (await call(k.url, 'GET', '/api/v2/users?externalId=k-lost', { headers: { authorization: `Bearer ${token}` } })).json<KillbUser[]>();
    expect(found.map((u) => u.id)).toEqual([stored?.id]);
    expect(k.users.filter((u) => u.externalId === 'k-lost')).toHaveLength(1);

    // Didit: the session exists although the client never heard of it; the list finds it.
    d.faults.enqueue('createSession', { kind: 'commitThenLose' });
    expect(await failure(createSession('case-lost'))).toBe('ECONNRESET');
    const list = (await call(d.url, 'GET', '/v3/sessions/?vendor_data=case-lost', { headers: { 'x-api-key': d.apiKey } })).json<{ count: number }>();
    expect(list.count).toBe(1);
  });

  it('commit then lose on update-status: the PATCH is applied once, and a blind retry is recorded as a second one', async () => {
    const id = (await createSession('case-patch')).json<{ session_id: string }>().session_id;
    d.setStatus(id, 'In Review');
    d.faults.enqueue('updateStatus', { kind: 'commitThenLose' });
    const patch = () => call(d.url, 'PATCH', `/v3/session/${id}/update-status/`, { json: { new_status: 'Approved' }, headers: { 'x-api-key': d.apiKey } });
    expect(await failure(patch())).toBe('ECONNRESET');
    expect(d.session(id)?.status).toBe('Approved');
    expect((await patch()).status).toBe(200);
    expect(d.statusUpdates.filter((u) => u.sessionId === id).map((u) => u.changed)).toEqual([true, false]);
  });

  it('hang: longer than the client timeout; no effect; the client gives up', async () => {
    d.faults.enqueue('createSession', { kind: 'hang', ms: 3000 });
    const t0 = Date.now();
    expect(await failure(createSession('case-hang', 150))).toBe('CLIENT_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(d.sessionsFor('case-hang')).toHaveLength(0);
  });

  it('delay: the answer comes late; past the client timeout the effect still lands', async () => {
    d.faults.enqueue('createSession', { kind: 'delay', ms: 250 });
    const t0 = Date.now();
    expect((await createSession('case-slow')).status).toBe(201);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    d.faults.enqueue('createSession', { kind: 'delay', ms: 300 });
    expect(await failure(createSession('case-slow-timeout', 80))).toBe('CLIENT_TIMEOUT');
    await expect.poll(() => d.sessionsFor('case-slow-timeout').length, { timeout: 3000 }).toBe(1);
  });

  it('the * queue faults any route; faults are counted per kind and route', async () => {
    const before = d.faults.injected.length;
    d.faults.enqueue('*', { kind: 'serverError', status: 504 });
    const r = await call(d.url, 'GET', '/v3/sessions/', { headers: { 'x-api-key': d.apiKey } });
    expect(r.status).toBe(504);
    expect(d.faults.injected.slice(before)).toEqual([{ route: 'listSessions', n: expect.any(Number), fault: { kind: 'serverError', status: 504 }, source: 'queue' }]);
    expect(d.faults.count('serverError', 'listSessions')).toBe(1);
  });

  it('faults come before auth, as at a gateway: a 503 even without a key', async () => {
    d.faults.enqueue('getDecision', { kind: 'serverError', status: 503 });
    expect((await call(d.url, 'GET', '/v3/session/x/decision/')).status).toBe(503);
    expect((await call(d.url, 'GET', '/v3/session/x/decision/')).status).toBe(401);
  });
});

describe('faults: close() ends held and delayed requests at once', () => {
  it('a fake with a request hanging for 60 s closes in well under a second', async () => {
    const d = await startFakeDidit();
    d.faults.enqueue('listSessions', { kind: 'hang', ms: 60_000 });
    const pending = failure(call(d.url, 'GET', '/v3/sessions/', { headers: { 'x-api-key': d.apiKey } }));
    await expect.poll(() => d.faults.injected.length).toBe(1);
    const t0 = Date.now();
    await d.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toMatch(/ECONNRESET|socket hang up/);
  });

  it('refuses an unbounded hang or delay, and rates that sum over 1', () => {
    const p = new FaultPlan();
    expect(() => p.enqueue('x', { kind: 'hang', ms: MAX_HANG_MS + 1 })).toThrow();
    expect(() => p.enqueue('x', { kind: 'delay', ms: -1 })).toThrow();
    expect(() => p.setRandom({ seed: 1, rates: { serverError: 0.6, reset: 0.6 } })).toThrow(/sum/);
  });
});

describe('faults: the seeded random plan', () => {
  const draw = (plan: FaultPlan, routes: readonly string[], rounds: number) => {
    const per: Record<string, (string | null)[]> = {};
    for (let i = 0; i < rounds; i++)
      for (const r of routes) {
        const f: Fault | null = plan.next(r);
        (per[r] ??= []).push(f ? f.kind : null);
      }
    return per;
  };
  const rates = { serverError: 0.1, rateLimited: 0.1, delay: 0.05, hang: 0.05, reset: 0.1, commitThenLose: 0.1 };

  it('the same seed gives the same faults per route, however routes interleave; another seed differs', () => {
    const a = draw(new FaultPlan().setRandom({ seed: 42, rates }), ['createUser', 'createSession'], 200);
    const b = draw(new FaultPlan().setRandom({ seed: 42, rates }), ['createSession', 'createUser'], 200);
    expect(b).toEqual(a);
    // Interleaving differently (all of one route first) changes nothing either.
    const c1 = new FaultPlan().setRandom({ seed: 42, rates });
    const c = { ...draw(c1, ['createSession'], 200), ...draw(c1, ['createUser'], 200) };
    expect(c).toEqual(a);
    const other = draw(new FaultPlan().setRandom({ seed: 43, rates }), ['createUser', 'createSession'], 200);
    expect(other).not.toEqual(a);
    // Roughly the rates asked for (0.5 in all).
    const faulted = (a.createUser ?? []).filter(Boolean).length;
    expect(faulted).toBeGreaterThan(60);
    expect(faulted).toBeLessThan(140);
  });

  it('bounded: never more than maxConsecutive faults in a row, and the budget ends them', () => {
    const always = draw(new FaultPlan().setRandom({ seed: 1, rates: { reset: 1 }, maxConsecutive: 2 }), ['r'], 9);
    expect(always.r).toEqual(['reset', 'reset', null, 'reset', 'reset', null, 'reset', 'reset', null]);
    const budget = draw(new FaultPlan().setRandom({ seed: 1, rates: { serverError: 1 }, maxConsecutive: 100, budget: 5 }), ['r'], 8);
    expect(budget.r?.filter(Boolean)).toHaveLength(5);
    expect(budget.r?.slice(5)).toEqual([null, null, null]);
    const only = draw(new FaultPlan().setRandom({ seed: 1, rates: { serverError: 1 }, routes: ['a'] }), ['a', 'b'], 2);
    expect(only.b).toEqual([null, null]);
  });

  it('a mini soak against KillB: 40 users through random faults with bounded retries, then 0 lost, 0 duplicated, and the same faults on a rerun', async () => {
    const run = async (seed: number) => {
      const faults = new FaultPlan().setRandom({ seed, rates: { serverError: 0.12, rateLimited: 0.08, hang: 0.03, reset: 0.08, commitThenLose: 0.12, delay: 0.04 }, retryAfterSeconds: { min: 0, max: 0 }, hangMs: 1200, delayMs: { min: 5, max: 30 } });
      const k = await startFakeKillb({ faults });
      try {
        let tok = '';
        const login = async () => {
          for (let i = 0; i < 20; i++) {
            const r = await call(k.url, 'POST', '/api/v2/auth/login', { json: k.credentials, timeoutMs: 1000 }).catch(() => null);
            if (r?.status === 200) return (tok = r.json<{ accessToken: string }>().accessToken);
          }
          throw new Error('login never succeeded');
        };
        await login();
        const ids = new Map<string, string>();
        let attempts = 0;
        for (let n = 0; n < 40; n++) {
          const externalId = `soak-${n}`;
          const body = { ...killbSeedBody(KILLB_PERSON), externalId };
          body.data.email = `soak.${n}@example.co`;
          for (let i = 0; ; i++) {
            // Bounded: a client that never gets through fails the test instead of spinning.
            if (i >= 30) throw new Error(`${externalId}: no answer after 30 tries`);
            attempts += 1;
            const r = await call(k.url, 'POST', '/api/v2/users', { json: body, headers: { authorization: `Bearer ${tok}` }, timeoutMs: 1000 }).catch(() => null);
            if (r?.status === 201) {
              ids.set(externalId, r.json<KillbUser>().id);
              break;
            }
            if (r?.status === 409 && r.json<{ code: string }>().code === 'USER.0001') {
              const found = await call(k.url, 'GET', `/api/v2/users?externalId=${externalId}`, { headers: { authorization: `Bearer ${tok}` }, timeoutMs: 1000 }).catch(() => null);
              const u = found?.status === 200 ? found.json<KillbUser[]>()[0] : undefined;
              if (u) {
                ids.set(externalId, u.id);
                break;
              }
            }
          }
        }
        // A delayed create can still land after the client gave up: wait for the fake to be idle.
        await new Promise((r) => setTimeout(r, 100));
        const perExternal = new Map<string, number>();
        for (const u of k.users) perExternal.set(u.externalId, (perExternal.get(u.externalId) ?? 0) + 1);
        const lost = [...Array(40).keys()].filter((n) => !k.userByExternalId(`soak-${n}`)).length;
        const duplicated = [...perExternal.values()].filter((c) => c > 1).length;
        const mismatched = [...ids].filter(([x, id]) => k.userByExternalId(x)?.id !== id).length;
        const kinds = faults.injected.map((f) => `${f.route}#${f.n}:${f.fault.kind}`);
        return { lost, duplicated, mismatched, users: k.users.length, attempts, faults: faults.injected.length, kinds };
      } finally {
        await k.close();
      }
    };
    const a = await run(2026);
    console.log(`fake KillB mini soak (seed 2026): users=${a.users} lost=${a.lost} duplicated=${a.duplicated} attempts=${a.attempts} faults=${a.faults} (${a.kinds.filter((x) => x.endsWith(":hang")).length} hangs)`);
    expect({ lost: a.lost, duplicated: a.duplicated, mismatched: a.mismatched, users: a.users }).toEqual({ lost: 0, duplicated: 0, mismatched: 0, users: 40 });
    expect(a.faults).toBeGreaterThan(10);
    const b = await run(2026);
    expect(b.kinds).toEqual(a.kinds);
  });
});
