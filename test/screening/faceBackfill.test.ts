import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { demoImage, submittedCase } from '../helpers/analysisSetup';
import { personInput } from '../helpers/profileFixtures';
import { FACE_BACKFILL_JOB } from '../../electron/service/screening/faceBackfillJob';

const doc = (number: string) => personInput({ document: { type: 'NUIP', number, issuedCountryCode: 'CO' } });

describe('the sweep that describes faces stored before migration 31 again', () => {
  let t: TempService;
  let staff: string;
  let officer: string;

  beforeAll(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    await t.service.startAnalysis({ warmUp: true });
  }, 120_000);
  afterAll(async () => {
    await t.service.shutdown();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('adds the MobileFace embedding from the selfie on file when it is the face stored, to the case and its blocklist entry, and leaves the rest on the fallback', async () => {
    const { deps } = t.service;
    const same = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('set1_selfie.png') }, doc('1111111111'));
    const other = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('pe_100_pass-uto.jpg') }, doc('2222222222'));
    await deps.engine!.runner.idle();
    const analysed = deps.screening.faceOf(same)!;
    expect(analysed.mobileFace).toHaveLength(256);
    expect(deps.screening.faceOf(other)?.mobileFace).toHaveLength(256);
    const blocked = await t.service.call('blocklist.add', { caseId: same, face: true, document: false, reason: 'presentation attack seen at the branch' }, officer);
    expect(blocked.ok).toBe(true);

    // The store as migration 31 finds it: descriptors only. `other` holds a descriptor its selfie
    // on file does not give (another photo was analysed), and `gone` has no selfie left at all.
    deps.db.exec('UPDATE face_descriptors SET mobile_face = NULL; UPDATE blocklist SET mobile_face = NULL');
    deps.db.prepare('UPDATE face_descriptors SET descriptor = (SELECT descriptor FROM face_descriptors WHERE case_id = ?) WHERE case_id = ?').run(same, other);
    const gone = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png') }, doc('3333333333'));
    await deps.engine!.runner.idle();
    deps.screening.saveFace(gone, { descriptor: analysed.descriptor, mobileFace: null }, new Date().toISOString());
    expect(deps.screening.casesWithoutEmbedding().sort()).toEqual([same, other, gone].sort());

    deps.jobs.insert({ id: 'sweep-1', type: FACE_BACKFILL_JOB, caseId: null, payload: {}, maxAttempts: 3, now: new Date().toISOString(), createdBy: null, lane: 'background' });
    deps.engine!.runner.wake();
    await deps.engine!.runner.idle();

    expect(deps.jobs.byId('sweep-1')).toMatchObject({ status: 'succeeded', step: 'described 3 of 3 stored faces', progress: 1 });
    const again = deps.screening.faceOf(same)!;
    expect(Array.from(again.descriptor)).toEqual(Array.from(analysed.descriptor));
    // The same image through the same model: the embedding the analysis stored.
    Array.from(again.mobileFace!).forEach((v, i) => expect(v).toBeCloseTo(analysed.mobileFace![i]!, 4));
    expect(deps.screening.faceEntries().map((e) => [e.sourceCaseId, e.face.mobileFace?.length ?? null])).toEqual([[same, 256]]);
    expect(deps.screening.casesWithoutEmbedding().sort()).toEqual([other, gone].sort());
    const audited = deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'screening.faces_described'").all() as { body: string }[];
    expect(audited.map((r) => JSON.parse(r.body) as unknown)).toEqual([{ jobId: 'sweep-1', cases: 3, embedded: 1, noSelfie: 1, unreadable: 0, otherFace: 1, cancelled: false }]);
  }, 180_000);
});
