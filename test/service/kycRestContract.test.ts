import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInput } from '../helpers/profileFixtures';
import { startRestHarness, type RestHarness } from './kycRestHarness';

const demo = (f: string) => readFileSync(join(import.meta.dirname, '../../resources/demo', f));
const FRONT = demo('pe_100_pass-cze.jpg');
const BACK = demo('pe_53_id-d.jpg');
const KYC = '/api/web/kycService';

function form(parts: Record<string, string | { data: Buffer; name: string; type?: string }>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(parts)) {
    if (typeof v === 'string') f.append(k, v);
    else f.append(k, new Blob([new Uint8Array(v.data)], { type: v.type ?? 'application/octet-stream' }), v.name);
  }
  return f;
}

/**
 * The kycService REST contract over real HTTP on 127.0.0.1, with the seed's request shapes,
 * without the verification engine (its results are covered by kycRestEngine.test.ts).
 */
describe('kycService REST API: contract', () => {
  let h: RestHarness;
  let token: string;
  let profileId: string;
  let documentId: number;
  let caseId: string;
  const evidenceCount = () => (h.t.service.deps.db.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n;

  beforeAll(async () => {
    h = await startRestHarness({ maxUploadBytes: 300 * 1024, analysisWaitMs: 2000 });
    token = await h.apiToken('contract-suite', 'officer');
  });
  afterAll(() => h.close());

  it('needs a bearer token and answers unknown paths and methods in the envelope', async () => {
    expect(await h.get(`${KYC}/status/x`, null)).toMatchObject({ status: 401, code: 40100 });
    expect(await h.get(`${KYC}/status/x`, 'kyc_not-a-token')).toMatchObject({ status: 401, code: 40100 });
    expect(await h.get(`${KYC}/nope`, token)).toMatchObject({ status: 404, code: 40400 });
    expect(await h.get(`${KYC}/submit`, token)).toMatchObject({ status: 405, code: 40500 });
  });

  it('POST /submit creates the profile and its application; bad bodies get coded errors', async () => {
    // A KillB body (our extension beside the seed's {userId, country}) makes a full profile.
    const r = await h.post(`${KYC}/submit`, personInput(), token);
    expect(r).toMatchObject({ status: 200, code: 0, message: 'success', data: { type: 'PERSON', status: 'IN_PROGRESS' } });
    profileId = String(r.data.profileId);
    documentId = Number(r.data.documentId);
    expect(Number.isInteger(documentId) && documentId > 0).toBe(true);
    caseId = h.t.service.deps.cases.byProfileId(profileId)!.id;
    const missing = await h.post(`${KYC}/submit`, personInput({ email: undefined as unknown as string }), token);
    expect(missing.status).toBe(400);
    expect(missing.data).toMatchObject({ errorCode: 'VALIDATION.0001', field: 'email' });
    // The seed's {userId, country}: a missing country is missing (10004), not a malformed code;
    // a value of the wrong type is named as such, not as absent.
    expect(await h.post(`${KYC}/submit`, { userId: 'no-country' }, token)).toMatchObject({ status: 400, code: 10004, message: 'country is required', data: { field: 'country' } });
    expect(await h.post(`${KYC}/submit`, { userId: 'bad-country', country: 'XX' }, token)).toMatchObject({ status: 400, data: { field: 'country', errorCode: 'USER.0008' } });
    const numeric = await h.post(`${KYC}/submit`, personInput({ externalId: 12345 as unknown as string }), token);
    expect(numeric).toMatchObject({ status: 400, message: 'externalId must be a string', data: { field: 'externalId' } });
    const dup = await h.post(`${KYC}/submit`, personInput({ externalId: (h.t.service.deps.profiles.byId(profileId)!).externalId }), token);
    expect([dup.status, dup.code, dup.data.errorCode]).toEqual([409, 40900, 'USER.0001']);
    // As for a userId, the conflict names the existing profile (a client whose answer was lost links it).
    expect(dup.data).toMatchObject({ field: 'externalId', profileId });
    const text = await fetch(`${h.base}${KYC}/submit`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'hello' });
    expect([text.status, ((await text.json()) as { code: number }).code]).toEqual([415, 10002]);
    const broken = await fetch(`${h.base}${KYC}/submit`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"firstName":' });
    expect([broken.status, ((await broken.json()) as { code: number }).code]).toEqual([400, 10006]);
    expect((await h.post(`${KYC}/submit`, { ...personInput(), type: 'ROBOT' }, token)).code).toBe(10001);
  });

  it('POST /document sets the document details in the seed names; bad values are coded, nothing half-written', async () => {
    const r = await h.post(`${KYC}/document`, { profileId, docType: 'PASSPORT', docNumber: 'AB1234567', frontImageUrl: 'https://cdn.example/front.jpg', issueCountry: 'CO', expiryDate: '2031-01-31' }, token);
    expect(r).toMatchObject({ code: 0, data: { documentId, profileId, document: { type: 'PASSPORT', number: 'AB1234567', issuedCountryCode: 'CO', expiryDate: '2031-01-31', frontImageUrl: 'https://cdn.example/front.jpg' } } });
    expect(await h.post(`${KYC}/document`, { docType: 'PASSPORT', frontImageUrl: 'x' }, token)).toMatchObject({ status: 400, code: 10004, data: { field: 'profileId' } });
    expect(await h.post(`${KYC}/document`, { profileId, docType: 'PASSPORT' }, token)).toMatchObject({ status: 400, code: 10004, data: { field: 'frontImageUrl' } });
    expect(await h.post(`${KYC}/document`, { profileId: 'no-such-profile', docType: 'PASSPORT', frontImageUrl: 'x' }, token)).toMatchObject({ status: 404, code: 40400 });
    const before = JSON.stringify(h.t.service.deps.profiles.byId(profileId)!.data);
    expect(await h.post(`${KYC}/document`, { profileId, docType: 'LIBRARY_CARD', frontImageUrl: 'x' }, token)).toMatchObject({ status: 400, code: 10001, data: { field: 'docType' } });
    expect(await h.post(`${KYC}/document`, { profileId, docType: 'PASSPORT', frontImageUrl: 'x', expiryDate: '2031-02-30' }, token)).toMatchObject({ status: 400, data: { field: 'expiryDate' } });
    expect(await h.post(`${KYC}/document`, { profileId, docType: 'PASSPORT', frontImageUrl: 'x', docNumber: 12345 }, token)).toMatchObject({ status: 400, code: 10001, data: { field: 'docNumber' } });
    expect(JSON.stringify(h.t.service.deps.profiles.byId(profileId)!.data)).toBe(before);
  });

  it('POST /document with URLs of this workstation\'s own uploads files them as the document sides', async () => {
    const other = String((await h.post(`${KYC}/submit`, { userId: 'uploads-by-url', country: 'CZ' }, token)).data.profileId);
    const otherCase = h.t.service.deps.cases.byProfileId(other)!;
    const put = await h.t.service.call('uploads.put', { fileName: 'id-front.jpg', mimeType: 'image/jpeg', dataBase64: FRONT.toString('base64') }, token);
    if (!put.ok) throw new Error(put.error.message);
    // An upload key that does not exist: refused, and nothing of the call is written.
    const missing = await h.post(`${KYC}/document`, { profileId: other, docType: 'PASSPORT', frontImageUrl: `${h.base}${KYC}/uploads/0000-not-there` }, token);
    expect(missing.code).not.toBe(0);
    const before = h.t.service.deps.profiles.byId(other)!;
    expect(before.type === 'PERSON' && before.data.document).toBeUndefined();
    const r = await h.post(`${KYC}/document`, { profileId: other, docType: 'PASSPORT', frontImageUrl: `${h.base}${KYC}/${put.value.key}` }, token);
    expect(r).toMatchObject({ code: 0, data: { filedUploads: [{ key: put.value.key, kind: 'DOCUMENT_FRONT' }] } });
    expect(h.t.service.deps.evidenceRows.forCase(otherCase.id).map((e) => e.kind)).toEqual(['DOCUMENT_FRONT']);
  });

  it('POST /document/upload refuses bad input with coded errors and writes nothing', async () => {
    const before = evidenceCount();
    const bad = [
      // wrong content type
      await h.post(`${KYC}/document/upload`, { profileId }, token),
      // missing part
      await h.multipart(`${KYC}/document/upload`, form({ profileId }), token),
      // oversized (the limit is 300 KB in this suite)
      await h.multipart(`${KYC}/document/upload`, form({ profileId, frontImage: { data: Buffer.concat([FRONT, Buffer.alloc(400 * 1024)]), name: 'front.jpg' } }), token),
      // a file name that tries path traversal
      await h.multipart(`${KYC}/document/upload`, form({ profileId, frontImage: { data: FRONT, name: '../../etc/passwd' } }), token),
      // not an image
      await h.multipart(`${KYC}/document/upload`, form({ profileId, frontImage: { data: Buffer.from('%!PS-Adobe not a pdf'), name: 'front.jpg' } }), token),
      // a good front with a bad back: neither is stored
      await h.multipart(`${KYC}/document/upload`, form({ profileId, frontImage: { data: FRONT, name: 'front.jpg' }, backImage: { data: Buffer.alloc(10), name: 'back.jpg' } }), token),
      // an unknown profile
      await h.multipart(`${KYC}/document/upload`, form({ profileId: 'no-such-profile', frontImage: { data: FRONT, name: 'front.jpg' } }), token),
      // an unexpected part
      await h.multipart(`${KYC}/document/upload`, form({ profileId, selfie: { data: FRONT, name: 'selfie.jpg' } }), token),
      // the front under both of its names
      await h.multipart(`${KYC}/document/upload`, form({ profileId, frontImage: { data: FRONT, name: 'a.jpg' }, front: { data: FRONT, name: 'b.jpg' } }), token),
      // an unknown docType is refused before anything is stored
      await h.multipart(`${KYC}/document/upload`, form({ profileId, docType: 'LIBRARY_CARD', country: 'SG', frontImage: { data: FRONT, name: 'front.jpg' } }), token),
    ];
    expect(bad.map((r) => [r.status, r.code])).toEqual([
      [415, 10002],
      [400, 10004],
      [413, 10003],
      [400, 10005],
      [400, 30002],
      [400, 30002],
      [404, 40400],
      [400, 10001],
      [400, 10001],
      [400, 10001],
    ]);
    expect(bad[1]!.data.field).toBe('frontImage');
    expect(bad[5]!.data.field).toBe('backImage');
    expect(bad[9]!.data.field).toBe('docType');
    expect(evidenceCount()).toBe(before);
  });

  it('POST /document/upload stores front and back as evidence (analysis waits in the queue without the engine)', async () => {
    // `front`/`back` are this API's earlier part names, still taken beside the seed's frontImage/backImage.
    const r = await h.multipart(`${KYC}/document/upload`, form({ profileId, front: { data: FRONT, name: 'front.jpg' }, back: { data: BACK, name: 'back.jpg' } }), token);
    expect(r).toMatchObject({ code: 0, message: 'Document uploaded successfully', data: { documentId, profileId, analysis: 'queued', quality: { front: null, back: null } } });
    const files = r.data.files as Record<string, { sha256: string; byteSize: number }>;
    expect(files.frontImage!.byteSize).toBe(FRONT.length);
    expect(files.backImage!.byteSize).toBe(BACK.length);
    expect(h.t.service.deps.evidenceRows.forCase(caseId).map((e) => e.kind)).toEqual(['DOCUMENT_FRONT', 'DOCUMENT_BACK']);
  });

  it('POST /document/confirm?documentId= with userModified sends the case to manual review (result 3)', async () => {
    expect(await h.post(`${KYC}/document/confirm`, { userModified: true }, token)).toMatchObject({ status: 400, code: 10004, data: { field: 'documentId' } });
    expect(await h.post(`${KYC}/document/confirm?documentId=nope`, { userModified: true }, token)).toMatchObject({ status: 400, code: 10001, data: { field: 'documentId' } });
    expect(await h.post(`${KYC}/document/confirm?documentId=987654321`, { userModified: true }, token)).toMatchObject({ status: 404, code: 40400 });
    // Bad values are refused whole: nothing of the confirmation is stored.
    const before = JSON.stringify(h.t.service.deps.profiles.byId(profileId)!.data);
    expect(await h.post(`${KYC}/document/confirm?documentId=${documentId}`, { name: 'Valentine Ortiz', birthDate: '1990-13-01' }, token)).toMatchObject({ status: 400, data: { field: 'birthDate' } });
    expect(await h.post(`${KYC}/document/confirm?documentId=${documentId}`, { nationality: 'XYZ' }, token)).toMatchObject({ status: 400, data: { field: 'nationality' } });
    expect(await h.post(`${KYC}/document/confirm?documentId=${documentId}`, { userModified: 'yes' }, token)).toMatchObject({ status: 400, code: 10001, data: { field: 'userModified' } });
    expect(JSON.stringify(h.t.service.deps.profiles.byId(profileId)!.data)).toBe(before);
    // Unknown extra fields are ignored; every known one is stored.
    const r = await h.post(`${KYC}/document/confirm?documentId=${documentId}`, { name: 'Valentine Ortiz', issuer: 'Registraduría Nacional', userModified: true, favouriteColour: 'red' }, token);
    expect(r).toMatchObject({ code: 0, data: { userModified: true, expectedResult: 3 } });
    const stored = h.t.service.deps.profiles.byId(profileId)!;
    expect(stored.displayName).toBe('Valentine Ortiz');
    expect(stored.type === 'PERSON' && stored.data.document?.issuer).toBe('Registraduría Nacional');
  });

  it('POST /document/submit?documentId= answers the kycService result; a second submit conflicts', async () => {
    const r = await h.post(`${KYC}/document/submit?documentId=${documentId}`, {}, token);
    expect(r).toMatchObject({ code: 0, data: { documentId, profileId, status: 3, reviewStatus: 0, caseStatus: 'SUBMITTED', analysis: 'queued' } });
    expect(await h.post(`${KYC}/document/submit?documentId=${documentId}`, {}, token)).toMatchObject({ status: 409, code: 40900 });
  });

  it('GET /status/{profileId} is a status object with liveness and face match', async () => {
    const r = await h.get(`${KYC}/status/${profileId}`, token);
    expect(r).toMatchObject({ code: 0, data: { profileId, documentId, status: { profileId, documentId, status: 'SUBMITTED', reviewStatus: 0, submitResult: 3, userModified: true, liveness: null, remoteLiveness: null, faceMatch: null } } });
    expect(await h.get(`${KYC}/status/no-such-profile`, token)).toMatchObject({ status: 404, code: 40400, data: { field: 'profileId' } });
  });

  it('liveness: start, session, expiry, verify bad input; remote callbacks kept once, conflicts shown', async () => {
    expect(await h.post(`${KYC}/liveness/start`, {}, token)).toMatchObject({ status: 400, code: 10004 });
    expect(await h.post(`${KYC}/liveness/start?profileId=nope`, {}, token)).toMatchObject({ status: 404, code: 40400 });
    const other = await h.post(`${KYC}/submit`, personInput(), token);
    const otherProfile = String(other.data.profileId);
    const started = await h.post<{ sessionId: string; actions: string[]; expiresAt: string; createdAt: string }>(`${KYC}/liveness/start?profileId=${otherProfile}`, {}, token);
    expect(started.code).toBe(0);
    expect(new Set(started.data.actions).size).toBe(3);
    expect(Date.parse(started.data.expiresAt) - Date.parse(started.data.createdAt)).toBe(5 * 60_000);
    const sessionId = started.data.sessionId;
    expect(await h.get(`${KYC}/liveness/session/${sessionId}`, token)).toMatchObject({ code: 0, data: { sessionId, status: 'PENDING' } });
    expect(await h.get(`${KYC}/liveness/session/no-such-session`, token)).toMatchObject({ status: 400, code: 20002 });

    const clip = { data: Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), name: 'clip.mp4' };
    const verify = (parts: Parameters<typeof form>[0]) => h.multipart(`${KYC}/liveness/verify`, form(parts), token);
    expect(await verify({ sessionId, profileId: otherProfile, video1: clip, video2: clip })).toMatchObject({ status: 400, code: 10004, data: { field: 'video3' } });
    expect(await verify({ sessionId, profileId: otherProfile, video1: clip, video2: clip, video3: { data: FRONT, name: 'c.mp4' } })).toMatchObject({ status: 400, code: 30002 });
    expect(await verify({ sessionId, profileId, video1: clip, video2: clip, video3: clip })).toMatchObject({ status: 400, code: 20002 });
    expect(await verify({ sessionId: 'nope', profileId: otherProfile, video1: clip, video2: clip, video3: clip })).toMatchObject({ status: 400, code: 20002 });
    // The engine is off in this suite: a well-formed request says so.
    expect(await verify({ sessionId, profileId: otherProfile, video1: clip, video2: clip, video3: clip })).toMatchObject({ status: 503, code: 50001 });
    // A policy asking for every challenge action: a fourth video part, named like the seed's three.
    const policy = await h.t.service.call('policy.get', {}, h.adminToken);
    if (!policy.ok) throw new Error(policy.error.message);
    const four = await h.t.service.call('policy.update', { body: { ...policy.value.body, liveness: { ...policy.value.body.liveness, actionsPerSession: 4 } }, note: 'every challenge action' }, h.adminToken);
    expect(four.ok).toBe(true);
    const longer = await h.post<{ sessionId: string; actions: string[] }>(`${KYC}/liveness/start?profileId=${otherProfile}`, {}, token);
    expect(new Set(longer.data.actions).size).toBe(4);
    const id4 = longer.data.sessionId;
    expect(await verify({ sessionId: id4, profileId: otherProfile, video1: clip, video2: clip, video3: clip })).toMatchObject({ status: 400, code: 10004, data: { field: 'video4' } });
    expect(await verify({ sessionId: id4, profileId: otherProfile, video1: clip, video2: clip, video3: clip, video4: clip })).toMatchObject({ status: 503, code: 50001 });
    // Only four different actions exist: a policy asking for more is refused, not silently cut.
    const five = await h.t.service.call('policy.update', { body: { ...policy.value.body, liveness: { ...policy.value.body.liveness, actionsPerSession: 5 } }, note: 'more than exist' }, h.adminToken);
    expect(five).toMatchObject({ ok: false, error: { field: 'body.liveness.actionsPerSession' } });
    expect((await h.t.service.call('policy.update', { body: policy.value.body, note: 'back to the seed three' }, h.adminToken)).ok).toBe(true);
    // A callback naming our session for another profile is refused.
    expect(await h.post(`${KYC}/callback/liveness`, { profileId, sessionId }, token)).toMatchObject({ code: 20002, data: { field: 'sessionId' } });

    // Six minutes later the session has expired.
    h.clock.pin(new Date(Date.now() + 6 * 60_000));
    expect(await h.get(`${KYC}/liveness/session/${sessionId}`, token)).toMatchObject({ status: 400, code: 20002, data: { status: 'EXPIRED' } });
    expect(await verify({ sessionId, profileId: otherProfile, video1: clip, video2: clip, video3: clip })).toMatchObject({ code: 20002 });
    h.clock.pin(null);

    // Our session failed; a remote provider then says success: kept, and flagged as a conflict.
    const s2 = await h.post<{ sessionId: string }>(`${KYC}/liveness/start?profileId=${otherProfile}`, {}, token);
    h.t.service.deps.liveness.complete(s2.data.sessionId, 'FAILED', { actions: [], passedActions: 1, requiredActions: 2, confidence: 0.4 }, new Date().toISOString());
    const remote = { profileId: otherProfile, sessionId: 'provider-7f3a', confidence: 96.2, result: 'success' };
    expect(await h.post(`${KYC}/callback/liveness`, remote, token)).toMatchObject({ code: 0, data: { received: true, duplicate: false, verdict: 'PASSED', localStatus: 'FAILED', conflict: true } });
    // The provider's retry of the same callback is stored once.
    expect(await h.post(`${KYC}/callback/liveness`, remote, token)).toMatchObject({ code: 0, data: { duplicate: true } });
    const otherCase = h.t.service.deps.cases.byProfileId(otherProfile)!;
    expect(h.t.service.deps.remoteLiveness.forCase(otherCase.id)).toHaveLength(1);
    // The local failure stands; the status object shows both.
    const st = await h.get<{ status: { liveness: { status: string }; remoteLiveness: { verdict: string; conflict: boolean } } }>(`${KYC}/status/${otherProfile}`, token);
    expect(st.data.status.liveness.status).toBe('FAILED');
    expect(st.data.status.remoteLiveness).toMatchObject({ verdict: 'PASSED', conflict: true });
    expect(await h.post(`${KYC}/callback/liveness`, {}, token)).toMatchObject({ code: 10004, data: { field: 'profileId' } });
    expect(await h.post(`${KYC}/callback/liveness`, { profileId: otherProfile, confidence: 'high' }, token)).toMatchObject({ code: 10001, data: { field: 'confidence' } });
    expect(await h.post(`${KYC}/callback/liveness`, { profileId: otherProfile, confidence: 250 }, token)).toMatchObject({ status: 400, message: 'confidence must be a number from 0 to 100', data: { field: 'confidence' } });
    expect(await h.post(`${KYC}/callback/liveness`, { profileId: 'no-such-profile' }, token)).toMatchObject({ status: 404, code: 40400 });
  });

  it('admin list / detail / update-status and their mirrors answer the same way', async () => {
    const list = await h.post('/admin/kyc/list', { profileIds: [profileId] }, token);
    expect(list).toMatchObject({ code: 0, data: { total: 1, list: [{ profileId, documentId, status: 0, submitResult: 3 }] } });
    expect(await h.post(`${KYC}/list`, { profileIds: [profileId] }, token)).toEqual(list);
    // Paging out of range is said in one sentence, not the schema's "Too small: expected number".
    expect(await h.post('/admin/kyc/list', { page: 0 }, token)).toMatchObject({ status: 400, message: 'page: must be a whole number from 1', data: { field: 'page' } });
    expect(await h.post('/admin/kyc/list', { limit: 500 }, token)).toMatchObject({ status: 400, message: 'limit: must be a whole number from 1 to 200', data: { field: 'limit' } });
    const detail = await h.get(`/admin/kyc/detail/${profileId}`, token);
    expect(detail).toMatchObject({ code: 0, data: { profileId, detail: { case: { id: caseId, documentId } } } });
    // The same answer, but for the timeline, which now also holds the first call's audit event.
    const mirror = (await h.get<{ detail: { case: unknown; profile: unknown; timeline: unknown[] } }>(`${KYC}/detail/${profileId}`, token)).data;
    const first = detail.data as unknown as typeof mirror;
    expect({ ...mirror, detail: { ...mirror.detail, timeline: [] } }).toEqual({ ...first, detail: { ...first.detail, timeline: [] } });
    expect(mirror.detail.timeline.length).toBe(first.detail.timeline.length + 1);
    expect(await h.get('/admin/kyc/detail/nope', token)).toMatchObject({ status: 404, code: 40400 });
    expect(await h.post('/admin/kyc/update-status', { profileId, status: 5, remark: 'x' }, token)).toMatchObject({ status: 400, code: 10001 });
    expect(await h.post(`${KYC}/status/update`, { profileId }, token)).toMatchObject({ status: 400, code: 10004, data: { field: 'status' } });
    expect(await h.post(`${KYC}/status/update`, { profileId, status: 'two' }, token)).toMatchObject({ status: 400, code: 10001, data: { field: 'status' } });
    // The seed writes the status as a string.
    const approved = await h.post('/admin/kyc/update-status', { profileId, status: '2', remark: 'documents verified' }, token);
    expect(approved).toMatchObject({ code: 0, data: { profileId, status: 2, caseStatus: 'APPROVED', remark: 'documents verified' } });
    // Approved by an officer, so the submit result stays 3 (user-modified review), never 1.
    expect((await h.get(`${KYC}/status/${profileId}`, token)).data).toMatchObject({ status: { status: 'APPROVED', reviewStatus: 2, submitResult: 3 } });
    // Closed: no more uploads, and the envelope says why.
    expect(await h.multipart(`${KYC}/document/upload`, form({ profileId, front: { data: FRONT, name: 'front.jpg' } }), token)).toMatchObject({ status: 409, code: 40900 });
  });

  it('every call is audited under the token name, failures included', async () => {
    const rows = h.t.service.deps.db.prepare("SELECT p.body AS payload FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'api.request' AND e.actor_name = 'API token: contract-suite'").all() as { payload: string }[];
    const calls = rows.map((r) => JSON.parse(r.payload) as { route: string; code: number });
    expect(calls.length).toBeGreaterThan(45);
    expect(calls).toContainEqual(expect.objectContaining({ route: '/api/web/kycService/document/upload', code: 10005 }));
    expect(calls).toContainEqual(expect.objectContaining({ route: '/admin/kyc/update-status', code: 0 }));
  });
});
