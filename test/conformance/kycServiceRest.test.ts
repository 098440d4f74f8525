import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../service/kycRestHarness';

/**
 * Seed 002 (kycService REST API), sent exactly as the seed writes it. Request bodies below are
 * copied from `../shared/seeds/002_*.txt`'s example column; only an id the server issued
 * (profileId, documentId, sessionId) replaces the seed's placeholder where the call needs a real one.
 * Real HTTP on 127.0.0.1, a real SQLite store, the real verification engine.
 */
const KYC = '/api/web/kycService';
const demo = (f: string) => readFileSync(join(import.meta.dirname, '../../resources/demo', f));
const shared = join(import.meta.dirname, '../../../shared/fixtures');

function file(data: Buffer, type: string): Blob {
  return new Blob([new Uint8Array(data)], { type });
}

describe('seed 002: the kycService REST API, verbatim', () => {
  let h: RestHarness;
  let token: string;
  let profileId: string;
  let documentId: number;

  beforeAll(async () => {
    h = await startRestHarness({ analysisWaitMs: 170_000 });
    await h.t.service.startAnalysis();
    token = await h.apiToken('seed-002', 'officer');
  }, 180_000);
  afterAll(() => h.close());

  it('every answer is the ApiResponse envelope {code, message, data}', async () => {
    const r = await fetch(`${h.base}${KYC}/status/profile_123456`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await r.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'data', 'message']);
    expect(body.code).not.toBe(0);
  });

  it('POST /submit {userId, country} creates the profile: data.profileId, an applicant at L0, in progress', async () => {
    const r = await h.post(`${KYC}/submit`, { userId: 'user_10001', country: 'SG' }, token);
    expect(r).toMatchObject({ status: 200, code: 0, data: { status: 'IN_PROGRESS', kycLevel: 'L0' } });
    expect(typeof r.data.profileId).toBe('string');
    profileId = String(r.data.profileId);
    documentId = Number(r.data.documentId);
    const stored = h.t.service.deps.profiles.byId(profileId)!;
    expect(stored).toMatchObject({ type: 'PERSON', externalId: 'user_10001', data: { stage: 'APPLICANT', country: 'SG' } });
    // The same userId again is KillB's USER.0001, naming the existing profile.
    expect(await h.post(`${KYC}/submit`, { userId: 'user_10001', country: 'SG' }, token)).toMatchObject({ status: 409, data: { errorCode: 'USER.0001', profileId } });
    expect(await h.post(`${KYC}/submit`, { country: 'SG' }, token)).toMatchObject({ status: 400, data: { field: 'userId' } });
    expect(await h.post(`${KYC}/submit`, { userId: 'user_10002', country: 'ZZ' }, token)).toMatchObject({ status: 400, data: { field: 'country' } });
  });

  it('POST /document takes the seed example (docType, docNumber, image URLs, expiryDate, issueCountry)', async () => {
    const r = await h.post(
      `${KYC}/document`,
      { profileId, docType: 'PASSPORT', docNumber: 'E12345678', frontImageUrl: 'https://cdn.example/front.jpg', backImageUrl: 'https://cdn.example/back.jpg', expiryDate: '2030-12-31', issueCountry: 'SG' },
      token,
    );
    expect(r).toMatchObject({
      code: 0,
      data: { documentId, profileId, document: { type: 'PASSPORT', number: 'E12345678', frontImageUrl: 'https://cdn.example/front.jpg', backImageUrl: 'https://cdn.example/back.jpg', expiryDate: '2030-12-31', issuedCountryCode: 'SG' } },
    });
    // documentId is a number, as in the seed.
    expect(typeof r.data.documentId).toBe('number');
  });

  it('POST /document/upload (profileId, docType, country, frontImage, backImage) runs quality and OCR and returns the fields', async () => {
    const f = new FormData();
    f.append('profileId', profileId);
    f.append('docType', 'ID_CARD');
    f.append('country', 'SG');
    f.append('frontImage', file(demo('pe_100_pass-bdr.jpg'), 'image/jpeg'), 'id-front.jpg');
    f.append('backImage', file(demo('set1_doc_back.png'), 'image/png'), 'id-back.jpg');
    const r = await h.multipart<{ documentId: number; ocr: Record<string, string | null>; quality: { front: { acceptable: boolean; scores: Record<string, number> } }; files: Record<string, unknown> }>(`${KYC}/document/upload`, f, token);
    expect([0, 30001]).toContain(r.code);
    expect(r.data.documentId).toBe(documentId);
    expect(Object.keys(r.data.files).sort()).toEqual(['backImage', 'frontImage']);
    expect(Object.keys(r.data.quality.front.scores)).toEqual(expect.arrayContaining(['resolution', 'sharpness', 'glare']));
    // The extracted identity fields, in the names /document/confirm takes back.
    expect(r.data.ocr).toMatchObject({ name: 'ERIKA MUSTERMANN', birthDate: '1964-08-12', nationality: 'DE' });
    expect(Object.keys(r.data.ocr!)).toEqual(expect.arrayContaining(['name', 'idNumber', 'birthDate', 'expiryDate', 'nationality']));
    // docType and country were kept: ID_CARD is stored as our NATIONAL_ID.
    const p = h.t.service.deps.profiles.byId(profileId)!;
    expect(p.type === 'PERSON' && p.data.document).toMatchObject({ type: 'NATIONAL_ID', issuedCountryCode: 'SG' });
  });

  it('POST /document/confirm?documentId= stores every seed field; userModified sends it to manual review', async () => {
    const r = await h.post(
      `${KYC}/document/confirm?documentId=${documentId}`,
      { name: 'Alex Tan', idNumber: 'S1234567A', birthDate: '1990-01-01', expiryDate: '2030-12-31', issuer: 'ICA Singapore', nationality: 'SGP', userModified: true },
      token,
    );
    expect(r).toMatchObject({ code: 0, data: { documentId, userModified: true, expectedResult: 3 } });
    expect(r.message).toContain('manual review');
    // Each differs from what the OCR read, so each is a modification.
    expect(r.data.changedFields).toEqual(expect.arrayContaining(['name', 'idNumber', 'birthDate', 'nationality']));
    expect(r.data.changedFields).not.toContain('issuer');
    const p = h.t.service.deps.profiles.byId(profileId)!;
    expect(p.displayName).toBe('Alex Tan');
    expect(p.data).toMatchObject({ firstName: 'Alex', lastName: 'Tan', dateOfBirth: '1990-01-01', nationality: 'SG', document: { number: 'S1234567A', expiryDate: '2030-12-31', issuer: 'ICA Singapore' } });
  });

  it('POST /document/submit?documentId= answers status 3 (user-modified review) in data.status', async () => {
    const r = await h.post(`${KYC}/document/submit?documentId=${documentId}`, {}, token);
    expect(r).toMatchObject({ code: 0, data: { documentId, profileId, status: 3 } });
  });

  it('GET /status/{profileId}: data.status is a KycStatusDto object', async () => {
    const r = await h.get<{ status: Record<string, unknown> }>(`${KYC}/status/${profileId}`, token);
    expect(r.code).toBe(0);
    expect(typeof r.data.status).toBe('object');
    expect(r.data.status).toMatchObject({ profileId, documentId, userId: 'user_10001', status: 'SUBMITTED', submitResult: 3, kycLevel: 'L0' });
    expect(r.data.status).toHaveProperty('liveness');
    expect(r.data.status).toHaveProperty('faceMatch');
  });

  it('POST /callback/liveness takes the seed example and keeps it as a signal', async () => {
    const r = await h.post(`${KYC}/callback/liveness`, { profileId, sessionId: '550e8400-e29b-41d4-a716-446655440000', confidence: 96.2, result: 'success', errorMessage: 'timeout' }, token);
    expect(r).toMatchObject({ code: 0, data: { received: true, sessionId: '550e8400-e29b-41d4-a716-446655440000' } });
    const c = h.t.service.deps.cases.byProfileId(profileId)!;
    expect(h.t.service.deps.remoteLiveness.forCase(c.id)).toMatchObject([{ confidence: 96.2, result: 'success', errorMessage: 'timeout' }]);
    // "success" beside an error message is not read as a pass.
    expect(h.t.service.deps.remoteLiveness.forCase(c.id)[0]!.verdict).toBe('UNKNOWN');
  });

  it('POST /liveness/start?profileId= returns three randomized actions in a five-minute session; GET /liveness/session/{sessionId}', async () => {
    const r = await h.post<{ sessionId: string; actions: string[]; createdAt: string; expiresAt: string }>(`${KYC}/liveness/start?profileId=${profileId}`, {}, token);
    expect(r.code).toBe(0);
    expect(r.data.actions).toHaveLength(3);
    expect(new Set(r.data.actions).size).toBe(3);
    expect(Date.parse(r.data.expiresAt) - Date.parse(r.data.createdAt)).toBe(5 * 60_000);
    expect(await h.get(`${KYC}/liveness/session/${r.data.sessionId}`, token)).toMatchObject({ code: 0, data: { sessionId: r.data.sessionId, status: 'PENDING' } });
    // Missing or expired: an error message, not null data.
    const missing = await h.get(`${KYC}/liveness/session/550e8400-e29b-41d4-a716-446655440000`, token);
    expect(missing.code).not.toBe(0);
    expect(missing.message.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(shared))('POST /liveness/verify (sessionId, profileId, video1..3): on failure code 20001 with the results in data.list', async () => {
    const s = await h.post<{ sessionId: string; actions: string[] }>(`${KYC}/liveness/start?profileId=${profileId}`, {}, token);
    const clip = readFileSync(join(shared, 'liveness/videos/blink_dinoman_example.mp4'));
    const f = new FormData();
    f.append('sessionId', s.data.sessionId);
    f.append('profileId', profileId);
    f.append('video1', file(clip, 'video/mp4'), 'blink.mp4');
    f.append('video2', file(clip, 'video/mp4'), 'smile.mp4');
    f.append('video3', file(clip, 'video/mp4'), 'turn-left.mp4');
    const r = await h.multipart<{ list: { action: string; passed: boolean }[]; status: string }>(`${KYC}/liveness/verify`, f, token);
    // One clip cannot perform three different actions: the aggregate fails with 20001.
    expect(r.code).toBe(20001);
    expect(r.data.list.map((x) => x.action)).toEqual(s.data.actions);
    expect(r.data.status).toBe('FAILED');
  }, 180_000);

  it('POST /admin/kyc/list takes {profileIds, page, limit}; limit pages the list', async () => {
    // The seed example verbatim: ids this store has never seen.
    expect(await h.post('/admin/kyc/list', { profileIds: ['profile_123', 'profile_456'], page: 1, limit: 20 }, token)).toMatchObject({ code: 0, data: { total: 0, list: [] } });
    for (const userId of ['user_20001', 'user_20002', 'user_20003']) await h.post(`${KYC}/submit`, { userId, country: 'SG' }, token);
    const page = await h.post<{ list: unknown[]; total: number; limit: number }>('/admin/kyc/list', { page: 1, limit: 2 }, token);
    expect(page.data.list).toHaveLength(2);
    expect(page.data.total).toBe(4);
    expect(page.data.limit).toBe(2);
    expect((await h.post<{ list: unknown[] }>(`${KYC}/list`, { page: 2, limit: 2 }, token)).data.list).toHaveLength(2);
  });

  it('GET /admin/kyc/detail/{profileId} and its mirror carry document, liveness and face-match data', async () => {
    const r = await h.get<{ profileId: string; detail: { evidence: unknown[]; analysis: unknown } }>(`/admin/kyc/detail/${profileId}`, token);
    expect(r).toMatchObject({ code: 0, data: { profileId, documentId } });
    expect(r.data.detail.evidence.length).toBeGreaterThanOrEqual(2);
    expect((await h.get(`${KYC}/detail/${profileId}`, token)).data).toMatchObject({ profileId, documentId });
  });

  it('POST /admin/kyc/update-status {profileId, status: "2", remark} approves; the seed flow ends APPROVED', async () => {
    const r = await h.post<{ caseStatus: string }>('/admin/kyc/update-status', { profileId, status: '2', remark: 'Manual review passed' }, token);
    expect(r).toMatchObject({ code: 0, data: { profileId, remark: 'Manual review passed' } });
    if (r.data.caseStatus === 'AWAITING_SECOND_REVIEW') {
      // Four-eyes: approving against the engine's advice waits for a second senior officer.
      expect(r.data).toMatchObject({ status: 0 });
      const senior = await h.t.signInAs('senior_officer');
      const c = h.t.service.deps.cases.byProfileId(profileId)!;
      const pending = h.t.service.deps.decisions.forCase(c.id).at(-1)!;
      const confirmed = await h.t.service.call('cases.review', { decisionId: pending.id, verdict: 'confirm', comment: 'second pair of eyes', expectedVersion: c.version }, senior);
      expect(confirmed.ok).toBe(true);
    } else {
      expect(r.data).toMatchObject({ status: 2, caseStatus: 'APPROVED' });
    }
    const st = await h.get<{ status: Record<string, unknown> }>(`${KYC}/status/${profileId}`, token);
    // An officer approved it: the submit result stays 3, never "auto-approved".
    expect(st.data.status).toMatchObject({ status: 'APPROVED', reviewStatus: 2, submitResult: 3 });
    // The allowed values are -1, 0 and 2; the remark is optional; the mirror path answers alike.
    const other = String((await h.post(`${KYC}/submit`, { userId: 'user_30001', country: 'SG' }, token)).data.profileId);
    expect(await h.post(`${KYC}/status/update`, { profileId: other, status: '1' }, token)).toMatchObject({ status: 400, data: { field: 'status' } });
  });
});
