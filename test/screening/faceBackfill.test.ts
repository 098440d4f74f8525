import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { demoImage, submittedCase } from '../helpers/analysisSetup';
import { personInput } from '../helpers/profileFixtures';
import { FACE_BACKFILL_JOB, runFaceBackfill } from '../../electron/service/screening/faceBackfillJob';
import { FACE_DESCRIPTION_VERSION } from '../../shared/faceDescriptionVersion';
import type { DescribeTaskResult } from '../../electron/service/analysis/worker/protocol';

const doc = (number: string) => personInput({ document: { type: 'NUIP', number, issuedCountryCode: 'CO' } });

describe('the sweep that describes faces stored by an earlier face engine anew', () => {
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

  it('describes older faces anew from the selfie on file when it is the face stored, the case and its blocklist entries, leaves the rest as they were, and resumes where a closing app stopped it', async () => {
    const { deps } = t.service;
    const same = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('set1_selfie.png') }, doc('1111111111'));
    const other = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('pe_100_pass-uto.jpg') }, doc('2222222222'));
    const tampered = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('pe_79_pass-can.jpg') }, doc('4444444444'));
    await deps.engine!.runner.idle();
    const analysed = deps.screening.faceOf(same)!;
    const uto = deps.screening.faceOf(other)!;
    expect(analysed).toMatchObject({ version: FACE_DESCRIPTION_VERSION, mobileFace: expect.any(Float32Array) });
    expect(uto.mobileFace).toHaveLength(256);
    for (const caseId of [same, other]) {
      const blocked = await t.service.call('blocklist.add', { caseId, face: true, document: false, reason: 'presentation attack seen at the branch' }, officer);
      expect(blocked.ok).toBe(true);
    }
    // Each selfie as face description version 1 read it (face-api's own crop, not mirrored).
    const version1 = async (image: string) => {
      const r = await deps.engine!.pool.run<DescribeTaskResult>('face', { kind: 'describe', image: new Uint8Array(demoImage(image)), version1Descriptor: true }, undefined, true);
      return Buffer.from(Float32Array.from(r.face!.version1Descriptor!).buffer);
    };
    const v1Same = await version1('set1_selfie.png');
    const v1Uto = await version1('pe_100_pass-uto.jpg');
    const v1Can = await version1('pe_79_pass-can.jpg');

    // The store as migration 33 finds it: every face at version 1, some from before migration 31
    // (no embedding). `other` now holds a descriptor its selfie on file does not give (another photo
    // was analysed), though its blocklist entry still holds that selfie's face; `tampered`'s selfie
    // file no longer opens; `gone` has no selfie left at all.
    const setFace = deps.db.prepare('UPDATE face_descriptors SET descriptor = ?, mobile_face = NULL, face_version = 1 WHERE case_id = ?');
    const setEntry = deps.db.prepare("UPDATE blocklist SET descriptor = ?, mobile_face = NULL, face_version = 1 WHERE source_case_id = ? AND kind = 'FACE'");
    setFace.run(v1Same, same);
    setFace.run(v1Same, other);
    setFace.run(v1Can, tampered);
    setEntry.run(v1Same, same);
    setEntry.run(v1Uto, other);
    const tamperedSelfie = deps.evidenceRows.forCase(tampered).find((e) => e.kind === 'SELFIE')!;
    writeFileSync(deps.evidenceFiles.pathOf(tamperedSelfie.sha256), 'not what was stored');
    const gone = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png') }, doc('3333333333'));
    await deps.engine!.runner.idle();
    deps.screening.saveFace(gone, { descriptor: new Float32Array(v1Same.buffer.slice(v1Same.byteOffset, v1Same.byteOffset + v1Same.byteLength)), mobileFace: null, version: 1 }, new Date().toISOString());
    const faceIds = () => deps.screening.facesBefore(FACE_DESCRIPTION_VERSION, 0, 100).map((f) => f.caseId);
    expect(faceIds()).toEqual([same, other, tampered, gone]);

    // Before the sweep, a new applicant with `same`'s selfie: the analysis reads the selfie as version 1
    // too, so the older faces without an embedding are compared (face-api alone) and flagged for review.
    const again1 = await submittedCase(t, staff, { DOCUMENT_FRONT: demoImage('set1_doc_front.png'), SELFIE: demoImage('set1_selfie.png') }, doc('5555555555'));
    await deps.engine!.runner.idle();
    const hits = deps.screening.flagsFor(again1).filter((f) => f.kind.endsWith('_FACE'));
    expect(hits.map((f) => `${f.kind} ${f.otherCaseId}`).sort()).toEqual([`BLOCKLIST_FACE ${same}`, `DUPLICATE_FACE ${gone}`, `DUPLICATE_FACE ${other}`, `DUPLICATE_FACE ${same}`].sort());
    expect(hits.every((f) => f.singleModel && f.detail.includes('face-api similarity only'))).toBe(true);
    expect(deps.screening.faceOf(again1)!.version).toBe(FACE_DESCRIPTION_VERSION);
    expect(faceIds()).toEqual([same, other, tampered, gone]);
    expect(deps.screening.entriesBefore(FACE_DESCRIPTION_VERSION, 0, 100)).toHaveLength(2);

    // A first run stopped by a closing app after one face: the rest is queued as a new job from there.
    // (Run by hand here: the job row is taken out of the queue at once, so the runner leaves it alone.)
    deps.jobs.insert({ id: 'sweep-1', type: FACE_BACKFILL_JOB, caseId: null, payload: {}, maxAttempts: 3, now: new Date().toISOString(), createdBy: null, lane: 'background' });
    deps.jobs.cancel('sweep-1', new Date().toISOString());
    let asked = 0;
    await runFaceBackfill(deps, deps.engine!.pool, { job: deps.jobs.byId('sweep-1')!, progress: () => undefined, cancelled: () => false, stopping: () => asked++ > 0 });
    expect(faceIds()).toEqual([other, tampered, gone]);
    const next = deps.db.prepare("SELECT payload FROM jobs WHERE type = ? AND status = 'queued'").all(FACE_BACKFILL_JOB) as { payload: string }[];
    expect(next).toHaveLength(1);
    expect(JSON.parse(next[0]!.payload)).toMatchObject({ faceAfter: expect.any(Number), entryAfter: 0, counts: { faces: 1, described: 1 } });

    // The runner takes the continuation up: the other faces, then the entries.
    deps.engine!.runner.wake();
    await deps.engine!.runner.idle();
    // The same image through the same engine: the description the analysis stored, at the current version.
    const again = deps.screening.faceOf(same)!;
    expect(again.version).toBe(FACE_DESCRIPTION_VERSION);
    Array.from(again.descriptor).forEach((v, i) => expect(v).toBeCloseTo(analysed.descriptor[i]!, 4));
    Array.from(again.mobileFace!).forEach((v, i) => expect(v).toBeCloseTo(analysed.mobileFace![i]!, 4));
    expect(faceIds()).toEqual([other, tampered, gone]);
    // Both entries are described anew: `same`'s with its case's face, `other`'s from its selfie on file.
    expect(deps.screening.entriesBefore(FACE_DESCRIPTION_VERSION, 0, 100)).toEqual([]);
    const entry = deps.screening.faceEntries().find((e) => e.sourceCaseId === other)!;
    Array.from(entry.face.descriptor).forEach((v, i) => expect(v).toBeCloseTo(uto.descriptor[i]!, 4));
    Array.from(entry.face.mobileFace!).forEach((v, i) => expect(v).toBeCloseTo(uto.mobileFace![i]!, 4));
    const audited = deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'screening.faces_described'").all() as { body: string }[];
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!.body)).toMatchObject({ faces: 4, entries: 1, described: 2, noSelfie: 1, unreadable: 1, otherFace: 1, cancelled: false });
  }, 180_000);

});
