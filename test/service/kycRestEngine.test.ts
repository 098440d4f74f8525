import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInput } from '../helpers/profileFixtures';
import { makeTempDir } from '../helpers/tempService';
import { startRestHarness, type RestHarness } from './kycRestHarness';

const KYC = '/api/web/kycService';
const qualityFixtures = join(import.meta.dirname, '../../../shared/fixtures/quality/images');
const haveQuality = existsSync(qualityFixtures);
if (!haveQuality) process.stderr.write(`Skipping the poor-quality upload check: no fixtures at ${qualityFixtures}\n`);
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

function file(data: Buffer): Blob {
  return new Blob([new Uint8Array(data)]);
}

/** The REST layer over the real verification engine: OCR and quality on upload, the submit result, liveness 20001. */
describe('kycService REST API with the verification engine', () => {
  let h: RestHarness;
  let token: string;
  let profileId: string;
  let documentId: number;
  beforeAll(async () => {
    h = await startRestHarness({ analysisWaitMs: 170_000 });
    await h.t.service.startAnalysis();
    token = await h.apiToken('engine-suite', 'officer');
    const r = await h.post(`${KYC}/submit`, personInput({ firstName: 'Erika', lastName: 'Mustermann', document: { type: 'PASSPORT', number: 'C01X00T47', issuedCountryCode: 'DE' } as never }), token);
    if (r.code !== 0) throw new Error(`submit failed: ${r.message}`);
    profileId = String(r.data.profileId);
    documentId = Number(r.data.documentId);
  }, 180_000);
  afterAll(() => h.close());

  it('document/upload answers the quality scores and the OCR read from the MRZ', async () => {
    const f = new FormData();
    f.append('profileId', profileId);
    f.append('front', file(readFileSync(join(import.meta.dirname, '../../resources/demo/pe_100_pass-bdr.jpg'))), 'front.jpg');
    const r = await h.multipart<{ analysis: string; quality: { front: { acceptable: boolean; scores: Record<string, number> } }; ocr: Record<string, string> | null }>(`${KYC}/document/upload`, f, token);
    expect(r.code, r.message).toBe(0);
    expect(r.data.analysis).toBe('succeeded');
    expect(r.data.quality.front.acceptable).toBe(true);
    expect(Object.keys(r.data.quality.front.scores)).toEqual(expect.arrayContaining(['resolution', 'sharpness', 'glare']));
    expect(r.data.ocr?.lastName).toBe('MUSTERMANN');
  }, 180_000);

  it.runIf(haveQuality)('a poor capture fails the upload with errorCode, the quality scores and the errors', async () => {
    const f = new FormData();
    f.append('profileId', profileId);
    f.append('front', file(readFileSync(join(qualityFixtures, 'pe_100_pass-uto__lowres.jpg'))), 'front.jpg');
    const r = await h.multipart<{ errorCode: string; errors: { side: string; reason: string }[]; quality: { front: { acceptable: boolean; scores: Record<string, number> } } }>(`${KYC}/document/upload`, f, token);
    expect(r.code).toBe(30001);
    expect(r.data.errorCode).toBe('QUALITY');
    expect(r.data.quality.front.acceptable).toBe(false);
    expect(r.data.errors).toContainEqual({ side: 'front', reason: 'LOW_RESOLUTION' });
  }, 180_000);

  it('liveness/verify: clips without a face fail with code 20001 and the results in data.list', async () => {
    const started = await h.post<{ sessionId: string; actions: string[] }>(`${KYC}/liveness/start?profileId=${profileId}`, {}, token);
    expect(started.code).toBe(0);
    const clipPath = join(makeTempDir('kyc-clip-'), 'gray.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=320x240:d=1:r=10', '-pix_fmt', 'yuv420p', clipPath]);
    const clip = readFileSync(clipPath);
    const f = new FormData();
    f.append('sessionId', started.data.sessionId);
    f.append('profileId', profileId);
    for (const part of ['video1', 'video2', 'video3']) f.append(part, file(clip), `${part}.mp4`);
    const r = await h.multipart<{ status: string; list: { action: string; passed: boolean; confidence: number }[] }>(`${KYC}/liveness/verify`, f, token);
    expect(r.code).toBe(20001);
    expect(r.data.status).toBe('FAILED');
    expect(r.data.list.map((x) => x.action)).toEqual(started.data.actions);
    expect(r.data.list.every((x) => !x.passed)).toBe(true);
    // The status object carries it; the callback is taken once.
    expect((await h.get(`${KYC}/status/${profileId}`, token)).data).toMatchObject({ status: { liveness: { sessionId: started.data.sessionId, status: 'FAILED', passedActions: 0 } } });
    // A provider reporting the same failure agrees with us: no conflict.
    const cb = await h.post(`${KYC}/callback/liveness`, { profileId, sessionId: started.data.sessionId, result: 'failed', errorMessage: 'no face' }, token);
    expect(cb).toMatchObject({ code: 0, data: { verdict: 'FAILED', localStatus: 'FAILED', conflict: false } });
  }, 180_000);

  it('document/submit waits for the engine and answers result 2 or 3 (never 1 once the customer modified fields)', async () => {
    const c = await h.post(`${KYC}/document/confirm?documentId=${documentId}`, { userModified: true }, token);
    expect(c.code).toBe(0);
    const r = await h.post<{ status: number; analysis: string; recommendation: string | null }>(`${KYC}/document/submit?documentId=${documentId}`, {}, token);
    expect(r.code, r.message).toBe(0);
    expect(r.data.analysis).toBe('succeeded');
    expect(r.data.recommendation).not.toBeNull();
    expect(r.data.status).toBe(3);
  }, 180_000);
});
