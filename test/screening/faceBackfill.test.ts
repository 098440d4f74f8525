import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { demoImage, submittedCase } from '../helpers/analysisSetup';
import { personInput } from '../helpers/profileFixtures';
import { FACE_BACKFILL_JOB, runFaceBackfill } from '../../electron/service/screening/faceBackfillJob';

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

  it('adds the MobileFace embedding from the selfie on file when it is the face stored, to the case and its blocklist entries, leaves the rest on the fallback, and resumes where a closing app stopped it', async () => {
    const { deps } = t.service;
    const same = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('set1_selfie.png') }, doc('1111111111'));
    const other = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('pe_100_pass-uto.jpg') }, doc('2222222222'));
    const tampered = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('pe_79_pass-can.jpg') }, doc('4444444444'));
    await deps.engine!.runner.idle();
    const analysed = deps.screening.faceOf(same)!;
    const uto = deps.screening.faceOf(other)!;
    expect(analysed.mobileFace).toHaveLength(256);
    expect(uto.mobileFace).toHaveLength(256);
    for (const caseId of [same, other]) {
      const blocked = await t.service.call('blocklist.add', { caseId, face: true, document: false, reason: 'presentation attack seen at the branch' }, officer);
      expect(blocked.ok).toBe(true);
    }

    // The store as migration 31 finds it: descriptors only. `other` now holds a descriptor its
    // selfie on file does not give (another photo was analysed), though its blocklist entry still
    // holds that selfie's face; `tampered`'s selfie file no longer opens; `gone` has no selfie left at all.
    deps.db.exec('UPDATE face_descriptors SET mobile_face = NULL; UPDATE blocklist SET mobile_face = NULL');
    deps.db.prepare('UPDATE face_descriptors SET descriptor = (SELECT descriptor FROM face_descriptors WHERE case_id = ?) WHERE case_id = ?').run(same, other);
    const tamperedSelfie = deps.evidenceRows.forCase(tampered).find((e) => e.kind === 'SELFIE')!;
    writeFileSync(deps.evidenceFiles.pathOf(tamperedSelfie.sha256), 'not what was stored');
    const gone = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png') }, doc('3333333333'));
    await deps.engine!.runner.idle();
    deps.screening.saveFace(gone, { descriptor: analysed.descriptor, mobileFace: null }, new Date().toISOString());
    const faceIds = () => deps.screening.facesWithoutEmbedding(0, 100).map((f) => f.caseId);
    expect(faceIds()).toEqual([same, other, tampered, gone]);
    expect(deps.screening.entriesWithoutEmbedding(0, 100)).toHaveLength(2);

    // A first run stopped by a closing app after one face: the rest is queued as a new job from there.
    // (Run by hand here: the job row is taken out of the queue at once, so the runner leaves it alone.)
    deps.jobs.insert({ id: 'sweep-1', type: FACE_BACKFILL_JOB, caseId: null, payload: {}, maxAttempts: 3, now: new Date().toISOString(), createdBy: null, lane: 'background' });
    deps.jobs.cancel('sweep-1', new Date().toISOString());
    let asked = 0;
    await runFaceBackfill(deps, deps.engine!.pool, { job: deps.jobs.byId('sweep-1')!, progress: () => undefined, cancelled: () => false, stopping: () => asked++ > 0 });
    expect(faceIds()).toEqual([other, tampered, gone]);
    const next = deps.db.prepare("SELECT payload FROM jobs WHERE type = ? AND status = 'queued'").all(FACE_BACKFILL_JOB) as { payload: string }[];
    expect(next).toHaveLength(1);
    expect(JSON.parse(next[0]!.payload)).toMatchObject({ faceAfter: expect.any(Number), entryAfter: 0, counts: { faces: 1, embedded: 1 } });

    // The runner takes the continuation up: the other faces, then the entries.
    deps.engine!.runner.wake();
    await deps.engine!.runner.idle();
    const again = deps.screening.faceOf(same)!;
    expect(Array.from(again.descriptor)).toEqual(Array.from(analysed.descriptor));
    // The same image through the same model: the embedding the analysis stored.
    Array.from(again.mobileFace!).forEach((v, i) => expect(v).toBeCloseTo(analysed.mobileFace![i]!, 4));
    expect(faceIds()).toEqual([other, tampered, gone]);
    // Both entries are filled: `same`'s with its case's face, `other`'s from its selfie on file.
    expect(deps.screening.entriesWithoutEmbedding(0, 100)).toEqual([]);
    const entry = deps.screening.faceEntries().find((e) => e.sourceCaseId === other)!;
    Array.from(entry.face.mobileFace!).forEach((v, i) => expect(v).toBeCloseTo(uto.mobileFace![i]!, 4));
    const audited = deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'screening.faces_described'").all() as { body: string }[];
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!.body)).toMatchObject({ faces: 4, entries: 1, embedded: 2, noSelfie: 1, unreadable: 1, otherFace: 1, cancelled: false });
  }, 180_000);

});
