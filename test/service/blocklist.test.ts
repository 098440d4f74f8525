import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput } from '../helpers/profileFixtures';
import { screenCase } from '../../electron/service/screening/screenCase';
import { storedFaceScore } from '../../electron/service/analysis/face/storedFaceScore';
import { descriptorSimilarity } from '../../electron/service/analysis/descriptorSimilarity';
import { CALIBRATED_FACE_THRESHOLD } from '../../shared/shippedFaceCalibration';
import type { StoredFace } from '../../electron/service/repositories/ScreeningRepository';
import { FACE_DESCRIPTION_VERSION } from '../../shared/faceDescriptionVersion';
import { FACE_BACKFILL_JOB } from '../../electron/service/screening/faceBackfillJob';

// Screening as the analysis runs it: the fused score on stored faces, at the shipped threshold.
const screening = { score: storedFaceScore, threshold: CALIBRATED_FACE_THRESHOLD };
const wave = (seed: number, length: number, scale: number) => Float32Array.from({ length }, (_, i) => Math.sin(seed * 31 + i) * scale);
const face = (seed: number): StoredFace => ({ descriptor: wave(seed, 128, 1 / 11), mobileFace: wave(seed + 100, 256, 1), version: FACE_DESCRIPTION_VERSION });
const nudged = (f: StoredFace): StoredFace => ({ ...f, descriptor: f.descriptor.map((x) => x + 0.001), mobileFace: f.mobileFace!.map((x) => x + 0.001) });

describe('blocklist and duplicates', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  let senior: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    senior = await t.signInAs('senior_officer');
  });
  afterEach(() => t.cleanup());

  const newCase = async (over = {}) => {
    const p = await t.service.call('profiles.createPerson', personInput(over), staff);
    if (!p.ok) throw new Error(p.error.message);
    return t.service.deps.cases.byProfileId(p.value.id)!.id;
  };
  const doc = (number: string) => ({ document: { type: 'NUIP' as const, number, issuedCountryCode: 'CO' } });

  it('flags a new case whose document is blocklisted, linking the source case', async () => {
    const a = await newCase(doc('1111111111'));
    const added = await t.service.call('blocklist.add', { caseId: a, face: false, document: true, reason: 'forged card seen at branch 12' }, officer);
    expect(added.ok && added.value).toMatchObject([{ kind: 'DOCUMENT', documentNumber: '1111111111', sourceCaseId: a }]);
    const b = await newCase(doc('1111111111'));
    const detail = await t.service.call('cases.get', { id: b }, officer);
    expect(detail.ok && detail.value.flags.map((f) => [f.kind, f.otherCaseId])).toEqual([
      ['BLOCKLIST_DOCUMENT', a],
      ['DUPLICATE_DOCUMENT', a],
    ]);
    expect(t.service.deps.auditRows.forCase(b).map((e) => e.type)).toContain('case.flagged');
    // The same document twice is refused: one entry, and the source case says it is blocklisted.
    const twice = await t.service.call('blocklist.add', { caseId: a, face: false, document: true, reason: 'again' }, officer);
    expect(twice.ok ? null : twice.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'document' });
    expect(twice.ok ? '' : twice.error.message).toMatch(/already on the blocklist \(added by .+ on \d{4}-\d{2}-\d{2}\)/);
    const source = await t.service.call('cases.get', { id: a }, officer);
    expect(source.ok && source.value.blocklisted.map((e) => [e.kind, e.documentNumber, e.reason])).toEqual([['DOCUMENT', '1111111111', 'forged card seen at branch 12']]);
    // The audit says what was blocked, not only an entry id.
    const [addedEvent] = t.service.deps.auditRows.list({ type: 'blocklist.added', caseId: a, limit: 1 });
    expect(addedEvent?.payload).toMatchObject({ documentType: 'NUIP', documentNumber: '1111111111', documentCountry: 'CO', reason: 'forged card seen at branch 12' });
    // So does the source case's PDF.
    const auditor = await t.signInAs('auditor');
    const pdf = await t.service.call('reports.casePdf', { caseId: a }, auditor);
    if (!pdf.ok) throw new Error(pdf.error.message);
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf.value.dataBase64, 'base64'), encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('On the blocklist from this case');
    expect(text).toMatch(/Document NUIP 1111111111 \(CO\)/);
    expect(text).toContain('forged card seen at branch 12');
    // A different number is not flagged.
    const c = await newCase(doc('2222222222'));
    expect(t.service.deps.screening.flagsFor(c)).toEqual([]);
  });

  it('screens a number read from the document by its issuer: the same number from another country is not the entry', async () => {
    const a = await newCase(doc('7777777777'));
    expect((await t.service.call('blocklist.add', { caseId: a, face: false, document: true, reason: 'stolen' }, officer)).ok).toBe(true);
    const b = await newCase(doc('8888888888'));
    const screen = (read: { number: string; country: string | null }) => t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), undefined, read))();
    expect(screen({ number: '7777777777', country: 'PE' }).filter((f) => f.kind === 'BLOCKLIST_DOCUMENT')).toEqual([]);
    expect(screen({ number: '7777777777', country: 'CO' }).filter((f) => f.kind === 'BLOCKLIST_DOCUMENT').map((f) => [f.otherCaseId, f.detail])).toEqual([
      [a, "document 7777777777, read from this document's MRZ, is on the blocklist"],
    ]);
    // The typed number, the same as the read one, is screened once.
    const c = await newCase(doc('7777777777'));
    const flagsC = t.service.deps.db.transaction(() => screenCase(t.service.deps, c, new Date(), undefined, { number: '7777777777', country: 'CO' }))();
    expect(flagsC.filter((f) => f.kind === 'BLOCKLIST_DOCUMENT').map((f) => f.detail)).toEqual(['document 7777777777 is on the blocklist']);
  });

  it('matches faces against the blocklist and other cases, above the threshold only', async () => {
    const a = await newCase(doc('3333333333'));
    t.service.deps.screening.saveFace(a, face(1), new Date().toISOString());
    const added = await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'presentation attack' }, officer);
    expect(added.ok && added.value[0]?.kind).toBe('FACE');
    const b = await newCase(doc('4444444444'));
    t.service.deps.screening.saveFace(b, nudged(face(1)), new Date().toISOString());
    const c = await newCase(doc('5555555555'));
    t.service.deps.screening.saveFace(c, face(7), new Date().toISOString());
    const flagsB = t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), screening))();
    expect(flagsB.map((f) => f.kind).sort()).toEqual(['BLOCKLIST_FACE', 'DUPLICATE_FACE']);
    expect(flagsB[0]?.score).toBeGreaterThan(0.9);
    expect(t.service.deps.db.transaction(() => screenCase(t.service.deps, c, new Date(), screening))()).toEqual([]);
    // Screening twice raises nothing new.
    expect(t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), screening))()).toHaveLength(2);
  });

  it('reads a pair by the fused score: face-api alone above the threshold is not a duplicate when MobileFace sees strangers', async () => {
    // face-api similarity 0.56 (above the fused threshold, as ~0.5 % of stranger pairs are); MobileFace cosine 0 (a typical stranger).
    const base = wave(3, 128, 1 / 11);
    const step = Float32Array.from({ length: 128 }, (_, i) => (i === 0 ? (1 - 0.56) * 1.2 : 0));
    const other = base.map((x, i) => x + step[i]!);
    const unit = (k: number) => Float32Array.from({ length: 256 }, (_, i) => (i === k ? 1 : 0));
    expect(descriptorSimilarity(base, other)).toBeCloseTo(0.56, 6);
    expect(descriptorSimilarity(base, other)).toBeGreaterThan(CALIBRATED_FACE_THRESHOLD);
    const v = FACE_DESCRIPTION_VERSION;

    const a = await newCase(doc('7777777777'));
    t.service.deps.screening.saveFace(a, { descriptor: base, mobileFace: unit(0), version: v }, new Date().toISOString());
    const b = await newCase(doc('8888888888'));
    t.service.deps.screening.saveFace(b, { descriptor: other, mobileFace: unit(1), version: v }, new Date().toISOString());
    const fused = storedFaceScore(t.service.deps.screening.faceOf(a)!, t.service.deps.screening.faceOf(b)!);
    expect(fused?.basis).toBe('fused');
    expect(fused!.score).toBeLessThan(CALIBRATED_FACE_THRESHOLD);
    expect(t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), screening))()).toEqual([]);
  });

  it('reads a face stored by an earlier face engine by the one model the pair shares, says so in the flag, and skips a pair that shares none', async () => {
    const base = wave(4, 128, 1 / 11);
    const near = base.map((x, i) => (i === 0 ? x + 0.3 : x));
    expect(descriptorSimilarity(base, near)).toBeCloseTo(0.75, 6);
    const unit = (k: number) => Float32Array.from({ length: 256 }, (_, i) => (i === k ? 1 : 0));
    const now = new Date().toISOString();
    const v = FACE_DESCRIPTION_VERSION;
    // A current face, and three version-1 faces: one with MobileFace's embedding (same as the current one's), two from before migration 31.
    const current = await newCase(doc('1010101010'));
    t.service.deps.screening.saveFace(current, { descriptor: base, mobileFace: unit(2), version: v }, now);
    const embedded = await newCase(doc('2020202020'));
    t.service.deps.screening.saveFace(embedded, { descriptor: near, mobileFace: unit(2), version: 1 }, now);
    const old1 = await newCase(doc('3030303030'));
    t.service.deps.screening.saveFace(old1, { descriptor: base, mobileFace: null, version: 1 }, now);
    const old2 = await newCase(doc('4040404040'));
    t.service.deps.screening.saveFace(old2, { descriptor: near, mobileFace: null, version: 1 }, now);
    const faceOf = (c: string) => t.service.deps.screening.faceOf(c)!;
    expect(faceOf(old1)).toMatchObject({ mobileFace: null, version: 1 });
    expect(faceOf(current).version).toBe(v);

    // Different versions, both embedded: MobileFace alone (cosine 1 here).
    expect(storedFaceScore(faceOf(current), faceOf(embedded))).toMatchObject({ basis: 'mobileface', score: expect.any(Number) });
    // Different versions, one without an embedding: the descriptors come from different crops and do not compare.
    expect(storedFaceScore(faceOf(current), faceOf(old2))).toBeNull();
    // One version, one without an embedding: face-api alone.
    expect(storedFaceScore(faceOf(old1), faceOf(old2))).toEqual({ score: descriptorSimilarity(base, near), basis: 'face-api' });

    const flags = t.service.deps.db.transaction(() => screenCase(t.service.deps, current, new Date(), screening))();
    expect(flags.map((f) => [f.otherCaseId, f.singleModel, f.detail])).toEqual([[embedded, true, expect.stringContaining('(MobileFace similarity only, a face stored by an earlier face engine ')]]);
    const older = t.service.deps.db.transaction(() => screenCase(t.service.deps, old2, new Date(), screening))();
    expect(older.map((f) => [f.otherCaseId, f.singleModel, f.detail]).sort()).toEqual(
      [
        [old1, true, expect.stringContaining('(face-api similarity only')],
        [embedded, true, expect.stringContaining('(face-api similarity only')],
      ].sort(),
    );

    // An analysis that also read its selfie as version 1 did compares it with every version-1 face by that reading:
    // fused as version 1 computed it where both have MobileFace's embedding, face-api alone where not.
    expect(storedFaceScore({ ...faceOf(current), version1Descriptor: near }, faceOf(old2))).toEqual({ score: 1, basis: 'face-api' });
    const asVersion1 = storedFaceScore({ ...faceOf(current), version1Descriptor: near }, faceOf(embedded))!;
    expect(asVersion1.basis).toBe('fused-v1');
    // face-api 1 and MobileFace 1 (the same embedding), each standardised by version 1's impostor statistics.
    const v1Fused = (faceApi: number, mobileFace: number) => 0.2912811505544369 + (0.07433010559648363 * ((faceApi - 0.2912811505544369) / 0.07433010559648363 + (mobileFace - 0.04832400633312009) / 0.12364745437284178)) / 2;
    expect(asVersion1.score).toBeCloseTo(v1Fused(1, 1), 6);
    const fresh = await newCase(doc('5050505050'));
    t.service.deps.screening.saveFace(fresh, { descriptor: wave(8, 128, 1 / 11), mobileFace: unit(3), version: v }, now);
    const read = t.service.deps.db.transaction(() => screenCase(t.service.deps, fresh, new Date(), { ...screening, mineVersion1: near }))();
    expect(read.map((f) => [f.otherCaseId, f.singleModel]).sort()).toEqual(
      [
        [old1, true],
        [old2, true],
        // face-api 1, MobileFace cosine 0 (a typical stranger): fused as version 1 did, 0.631.
        [embedded, false],
      ].sort(),
    );
    expect(read.find((f) => f.otherCaseId === embedded)!.detail).toContain('(face score as face description version 1 computed it');
    expect(read.find((f) => f.otherCaseId === embedded)!.score).toBeCloseTo(v1Fused(1, 0), 6);
    expect(read.filter((f) => f.otherCaseId !== embedded).every((f) => f.detail.includes('face-api similarity only'))).toBe(true);
    // Without that reading, they are not compared.
    const unread = await newCase(doc('6060606060'));
    t.service.deps.screening.saveFace(unread, { descriptor: wave(8, 128, 1 / 11), mobileFace: unit(3), version: v }, now);
    expect(t.service.deps.db.transaction(() => screenCase(t.service.deps, unread, new Date(), screening))().filter((f) => f.otherCaseId === old1 || f.otherCaseId === old2)).toEqual([]);
  });

  it('queues the face sweep when an older face is blocklisted, once', async () => {
    const a = await newCase(doc('7070707070'));
    t.service.deps.screening.saveFace(a, { descriptor: face(13).descriptor, mobileFace: null, version: 1 }, new Date().toISOString());
    const sweeps = () => t.service.deps.db.prepare("SELECT count(*) AS n FROM jobs WHERE type = ? AND status IN ('queued', 'running')").get(FACE_BACKFILL_JOB) as { n: number };
    expect(sweeps().n).toBe(0);
    expect((await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'fraud ring' }, officer)).ok).toBe(true);
    expect(sweeps().n).toBe(1);
    const b = await newCase(doc('8080808080'));
    t.service.deps.screening.saveFace(b, { descriptor: face(14).descriptor, mobileFace: null, version: 1 }, new Date().toISOString());
    expect((await t.service.call('blocklist.add', { caseId: b, face: true, document: false, reason: 'fraud ring' }, officer)).ok).toBe(true);
    expect(sweeps().n).toBe(1);
  });

  it('blocklists the selfie with both descriptions, so blocklist screening is fused too', async () => {
    const a = await newCase(doc('1212121212'));
    const stored = face(5);
    t.service.deps.screening.saveFace(a, stored, new Date().toISOString());
    const added = await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'fraud ring' }, officer);
    expect(added.ok).toBe(true);
    const [entry] = t.service.deps.screening.faceEntries();
    expect(Array.from(entry!.face.descriptor)).toEqual(Array.from(stored.descriptor));
    expect(Array.from(entry!.face.mobileFace!)).toEqual(Array.from(stored.mobileFace!));
    const b = await newCase(doc('3434343434'));
    t.service.deps.screening.saveFace(b, nudged(stored), new Date().toISOString());
    const flags = t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), screening))();
    const hit = flags.find((f) => f.kind === 'BLOCKLIST_FACE');
    expect(hit?.detail).toContain('(face score ');
    expect(hit?.singleModel).toBe(false);
    expect(hit?.score).toBeGreaterThan(0.9);
  });

  it('replaces an older face with its new description, and the blocklist entries made from it, only while it is the face stored', async () => {
    const a = await newCase(doc('5656565656'));
    const repo = t.service.deps.screening;
    repo.saveFace(a, { descriptor: face(9).descriptor, mobileFace: null, version: 1 }, new Date().toISOString());
    expect((await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'fraud ring' }, officer)).ok).toBe(true);
    const [older] = repo.facesBefore(FACE_DESCRIPTION_VERSION, 0, 10);
    expect(older).toMatchObject({ caseId: a, version: 1 });
    expect(repo.entriesBefore(FACE_DESCRIPTION_VERSION, 0, 10)).toHaveLength(1);
    // Recognised from another face than the one stored: nothing changes.
    expect(repo.redescribeFace(a, { ...older!, descriptor: face(10).descriptor }, face(11))).toBe(false);
    expect(repo.entriesBefore(FACE_DESCRIPTION_VERSION, 0, 10)).toHaveLength(1);
    expect(repo.redescribeFace(a, older!, face(11))).toBe(true);
    expect(repo.facesBefore(FACE_DESCRIPTION_VERSION, 0, 10)).toEqual([]);
    expect(repo.entriesBefore(FACE_DESCRIPTION_VERSION, 0, 10)).toEqual([]);
    const entry = repo.faceEntries().find((e) => e.sourceCaseId === a)!;
    expect(entry.face.version).toBe(FACE_DESCRIPTION_VERSION);
    expect(Array.from(entry.face.mobileFace!)).toEqual(Array.from(face(11).mobileFace!));
    // Done once: the stored face is no longer the older one.
    expect(repo.redescribeFace(a, older!, face(12))).toBe(false);
  });

  it('refuses a face entry without an analysed selfie, and lets only a senior officer remove entries', async () => {
    const a = await newCase(doc('6666666666'));
    const noFace = await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'x' }, officer);
    expect(noFace.ok ? null : noFace.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'face' });
    const nothing = await t.service.call('blocklist.add', { caseId: a, face: false, document: false, reason: 'x' }, officer);
    expect(nothing.ok ? null : nothing.error.field).toBe('face');
    const added = await t.service.call('blocklist.add', { caseId: a, face: false, document: true, reason: 'x' }, officer);
    if (!added.ok) throw new Error('add');
    const id = added.value[0]!.id;
    const byOfficer = await t.service.call('blocklist.remove', { id, reason: 'entered by mistake' }, officer);
    expect(byOfficer.ok ? null : byOfficer.error.code).toBe(ErrorCode.FORBIDDEN);
    // A removal says why: a blank reason is refused and the entry stays.
    const blank = await t.service.call('blocklist.remove', { id, reason: '   ' }, senior);
    expect(blank.ok ? null : blank.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'reason' });
    expect(await t.service.call('blocklist.list', {}, officer)).toMatchObject({ ok: true, value: [{ id }] });
    expect(await t.service.call('blocklist.remove', { id, reason: '  entered by mistake ' }, senior)).toEqual({ ok: true, value: { removed: true } });
    expect(await t.service.call('blocklist.list', {}, officer)).toEqual({ ok: true, value: [] });
    // The audit keeps who removed which entry, from which case, and why.
    const [removedEvent] = t.service.deps.auditRows.list({ type: 'blocklist.removed', limit: 1 });
    expect(removedEvent).toMatchObject({ caseId: a, payload: { entry: id, kind: 'DOCUMENT', reason: 'entered by mistake' } });
    // Twice is refused: the entry is no longer active.
    const again = await t.service.call('blocklist.remove', { id, reason: 'again' }, senior);
    expect(again.ok ? null : again.error.code).toBe(ErrorCode.NOT_FOUND);
  });
});
