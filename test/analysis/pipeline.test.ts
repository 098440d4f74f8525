import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KycService } from '../../electron/service/KycService';
import { openTempService, type TempService } from '../helpers/tempService';
import { demoImage, submittedCase } from '../helpers/analysisSetup';
import { personInput } from '../helpers/profileFixtures';
import { analysisResultSchema } from '../../shared/schemas/analysis';
import { testKeys } from '../helpers/testKeys';
import { storedFaceScore } from '../../electron/service/analysis/face/storedFaceScore';
import { FACE_DESCRIPTION_VERSION } from '../../shared/faceDescriptionVersion';

const guard = pathToFileURL(join(import.meta.dirname, '../helpers/networkGuard.mjs')).href;
const networkLog = join(mkdtempSync(join(tmpdir(), 'kyc-net-')), 'attempts.log');
process.env.KYC_NETWORK_LOG = networkLog;
await import('../helpers/networkGuard.mjs');

const doe = () => personInput({ firstName: 'John', middleName: 'Lee', lastName: 'Doe', address: { street1: '1200 Rue Sainte-Catherine O', city: 'Montréal', state: 'QC', zipCode: 'H3B 1K9', countryCode: 'CA' }, document: { type: 'DRIVER_LICENSE', number: 'D1234-150687-09', issuedCountryCode: 'CA' } });

describe('the verification pipeline, offline, on real images', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  const progress: { step: string; fraction: number }[] = [];

  beforeAll(async () => {
    writeFileSync(networkLog, '');
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    await t.service.startAnalysis({ extraExecArgv: ['--import', guard], warmUp: true });
    t.service.deps.engine!.runner.on('progress', (e) => progress.push(e));
  }, 120_000);
  afterAll(async () => {
    await t.service.shutdown();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('the offline guard itself catches an outgoing request', async () => {
    await expect(fetch('http://example.com/')).rejects.toThrow(/offline guard/);
    expect(readFileSync(networkLog, 'utf8')).toContain('fetch http://example.com/');
    writeFileSync(networkLog, '');
  });

  it('analyses a submitted case in the workers, with progress, timings and the policy version', async () => {
    const caseId = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), DOCUMENT_BACK: demoImage('set1_doc_back.png'), SELFIE: demoImage('set1_selfie.png') }, doe());
    await t.service.deps.engine!.runner.idle();
    const status = await t.service.call('analysis.status', { caseId }, officer);
    if (!status.ok) throw new Error(status.error.message);
    const [job] = status.value.jobs;
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, progress: 1 });
    expect(Object.keys(job!.timings)).toEqual(expect.arrayContaining(['quality', 'faceMatch', 'total']));
    const result = analysisResultSchema.parse(status.value.result);
    expect(result.policyVersion).toBe(1);
    expect(result.faceMatch).toMatchObject({ outcome: 'MATCH' });
    // The decline band the score was judged by is kept with it, on the score's 0-1 scale.
    expect(result.faceMatch?.declineBelow).toBe(DEFAULT_POLICY.face_match_score_decline_threshold / 100);
    // Screening keeps both descriptions of the selfie, so duplicates are read by the fused score too.
    const stored = t.service.deps.screening.faceOf(caseId);
    expect(stored?.descriptor).toHaveLength(128);
    expect(stored?.mobileFace).toHaveLength(256);
    expect(stored?.version).toBe(FACE_DESCRIPTION_VERSION);
    expect(storedFaceScore(stored!, stored!)?.basis).toBe('fused');
    expect(result.quality.front?.acceptable).toBeTypeOf('boolean');
    // A driving licence without an MRZ: never garbage, a plain "none found".
    expect(result.mrz).toBeNull();
    expect(result.checks.find((c) => c.check === 'mrz')?.outcome).toBe('WARN');
    expect(['MANUAL_REVIEW', 'DECLINE']).toContain(result.recommendation);
    expect(result.submitResult).toBe(2);
    expect(progress.length).toBeGreaterThan(2);
    const detail = await t.service.call('cases.get', { id: caseId }, officer);
    expect(detail.ok && detail.value.case.recommendation).toBe(result.recommendation);
    expect(detail.ok && detail.value.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['analysis.requested', 'analysis.completed']));
  }, 60_000);

  it('reads a passport MRZ and cross-checks it against the profile', async () => {
    const erika = personInput({ firstName: 'Erika', lastName: 'Mustermann', dateOfBirth: '1964-08-12', nationality: 'DE', document: { type: 'PASSPORT', number: 'C01X00T47', issuedCountryCode: 'DE' } });
    const caseId = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('pe_100_pass-bdr.jpg') }, erika);
    await t.service.deps.engine!.runner.idle();
    const r = t.service.deps.analyses.latestForCase(caseId)!;
    expect(r.mrz?.fields.surname.value).toBe('MUSTERMANN');
    const byCode = Object.fromEntries(r.crossChecks.map((c) => [c.code, c]));
    expect(byCode.NAME_MISMATCH?.outcome).toBe('PASS');
    expect(byCode.BIRTH_DATE_MISMATCH?.outcome).toBe('PASS');
    // The specimen's number differs from the one entered, and the specimen expired in 2018.
    expect(byCode.DOCUMENT_NUMBER_MISMATCH?.outcome).toBe('FAIL');
    expect(byCode.DOCUMENT_EXPIRED?.outcome).toBe('FAIL');
    expect(r.recommendation).toBe('MANUAL_REVIEW');
  }, 60_000);

  it('screens the number read from the MRZ too: a blocklisted passport presented under another typed number is flagged', async () => {
    // The specimen's MRZ reads CA000000 (check digit verified); the case that first showed it is blocklisted.
    const shown = await t.service.call('profiles.createPerson', personInput({ firstName: 'Erika', lastName: 'Mustermann', document: { type: 'PASSPORT', number: 'CA000000', issuedCountryCode: 'DE' } }), staff);
    if (!shown.ok) throw new Error(shown.error.message);
    const source = t.service.deps.cases.byProfileId(shown.value.id)!.id;
    const added = await t.service.call('blocklist.add', { caseId: source, face: false, document: true, reason: 'specimen reported stolen' }, officer);
    expect(added.ok).toBe(true);
    // Someone else presents that passport but types another number.
    const other = personInput({ firstName: 'Anna', lastName: 'Schmidt', document: { type: 'PASSPORT', number: 'C99X00T11', issuedCountryCode: 'DE' } });
    const caseId = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('pe_100_pass-bdr.jpg') }, other);
    expect(t.service.deps.screening.flagsFor(caseId).filter((f) => f.kind === 'BLOCKLIST_DOCUMENT')).toEqual([]);
    await t.service.deps.engine!.runner.idle();
    expect(t.service.deps.analyses.latestForCase(caseId)!.mrz?.fields.documentNumber).toMatchObject({ value: 'CA000000', checkDigitValid: true });
    const flags = t.service.deps.screening.flagsFor(caseId);
    const hit = flags.find((f) => f.kind === 'BLOCKLIST_DOCUMENT');
    expect(hit).toMatchObject({ otherCaseId: source, detail: "document CA000000, read from this document's MRZ, is on the blocklist" });
    expect(flags.filter((f) => f.kind === 'DUPLICATE_DOCUMENT').map((f) => f.otherCaseId)).toEqual([source]);
    // A blocklist hit is never approved by the engine.
    expect(t.service.deps.analyses.latestForCase(caseId)!.recommendation).not.toBe('AUTO_APPROVE');
  }, 60_000);

  it('answers bad files with a check that has no result, never a crash or a stuck job', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF');
    const corrupt = Buffer.concat([demoImage('pe_100_pass-cze.jpg').subarray(0, 2000)]);
    const huge = await sharp({ create: { width: 8000, height: 6250, channels: 3, background: '#888' } }).png().toBuffer();
    const cases = [
      await submittedCase(t, staff, { DOCUMENT_FRONT: pdf }),
      await submittedCase(t, staff, { DOCUMENT_FRONT: corrupt }),
      await submittedCase(t, staff, { DOCUMENT_FRONT: huge }),
    ];
    await t.service.deps.engine!.runner.idle();
    const codes = cases.map((id) => {
      const job = t.service.deps.jobs.forCase(id)[0]!;
      expect(job.status).toBe('succeeded');
      const r = t.service.deps.analyses.latestForCase(id)!;
      expect(r.checks.find((c) => c.check === 'mrz')?.outcome).toBe('NOT_RUN');
      return r.checks.find((c) => c.check === 'mrz')?.reasons[0]?.message ?? '';
    });
    expect(codes[0]).toContain('ANALYSIS.0004');
    expect(codes[1]).toContain('ANALYSIS.0001');
    expect(codes[2]).toContain('ANALYSIS.0002');
  }, 90_000);

  it('cancels a queued job before it runs', async () => {
    await t.service.deps.engine!.runner.stop();
    const caseId = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('pe_100_id-che.jpg') });
    const job = t.service.deps.jobs.forCase(caseId)[0]!;
    const r = await t.service.call('analysis.cancel', { jobId: job.id }, staff);
    expect(r).toEqual({ ok: true, value: { cancelled: true } });
    expect(t.service.deps.jobs.byId(job.id)?.status).toBe('cancelled');
    expect(t.service.deps.analyses.latestForCase(caseId)).toBeUndefined();
  });

  it('made no network request, in the test process or any worker', () => {
    expect(readFileSync(networkLog, 'utf8')).toBe('');
  });
});

describe('persistent jobs', () => {
  it('survive a restart of the service, including one that was running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kyc-restart-'));
    let service = KycService.open({ dataDir, keys: testKeys(dataDir) });
    const t = { service, dataDir, signInAs: async () => '', cleanup() {} } as unknown as TempService;
    const { createOperator } = await import('../../electron/service/bootstrap/createOperator');
    await createOperator(service.deps, { email: 'b@t.local', displayName: 'B', role: 'branch_staff', password: 'branch-password' });
    const token = (await service.call('auth.signIn', { email: 'b@t.local', password: 'branch-password' }, null)) as { ok: true; value: { token: string } };
    const a = await submittedCase(t, token.value.token, { DOCUMENT_FRONT: demoImage('pe_100_id-che.jpg') });
    const b = await submittedCase(t, token.value.token, { DOCUMENT_FRONT: demoImage('pe_98_pass-nld.jpg') });
    // Case b's job was mid-run when the process died.
    service.deps.db.prepare("UPDATE jobs SET status = 'running', attempts = 1 WHERE case_id = ?").run(b);
    service.close();

    service = KycService.open({ dataDir, keys: testKeys(dataDir) });
    expect(service.deps.jobs.forCase(a)[0]?.status).toBe('queued');
    await service.startAnalysis();
    await service.deps.engine!.runner.idle();
    expect(service.deps.jobs.forCase(a)[0]?.status).toBe('succeeded');
    expect(service.deps.jobs.forCase(b)[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(service.deps.analyses.latestForCase(b)?.mrz?.fields.surname.value).toBe('MEULENDIJK');
    await service.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('replace a crashed worker and retry its job', async () => {
    const t = openTempService();
    const staff = await t.signInAs('branch_staff');
    await t.service.startAnalysis({ warmUp: true });
    const caseId = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('set1_selfie.png') });
    const pool = t.service.deps.engine!.pool;
    // Kill the face worker while it holds this case's task.
    for (let i = 0; i < 200 && !(await pool.killBusyWorker('face')); i++) await new Promise((r) => setTimeout(r, 10));
    await t.service.deps.engine!.runner.idle();
    const job = t.service.deps.jobs.forCase(caseId)[0]!;
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(t.service.deps.analyses.latestForCase(caseId)?.faceMatch?.outcome).toBe('MATCH');
    await t.service.shutdown();
    rmSync(t.dataDir, { recursive: true, force: true });
  }, 120_000);
});
