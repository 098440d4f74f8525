import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput } from '../helpers/profileFixtures';
import { screenCase } from '../../electron/service/screening/screenCase';
import { storedFaceScore } from '../../electron/service/analysis/face/storedFaceScore';
import { descriptorSimilarity } from '../../electron/service/analysis/descriptorSimilarity';
import { CALIBRATED_FACE_THRESHOLD } from '../../shared/shippedFaceCalibration';
import type { StoredFace } from '../../electron/service/repositories/ScreeningRepository';

// Screening as the analysis runs it: the fused score on stored faces, at the shipped threshold.
const screening = { score: storedFaceScore, threshold: CALIBRATED_FACE_THRESHOLD };
const wave = (seed: number, length: number, scale: number) => Float32Array.from({ length }, (_, i) => Math.sin(seed * 31 + i) * scale);
const face = (seed: number): StoredFace => ({ descriptor: wave(seed, 128, 1 / 11), mobileFace: wave(seed + 100, 256, 1) });
const nudged = (f: StoredFace): StoredFace => ({ descriptor: f.descriptor.map((x) => x + 0.001), mobileFace: f.mobileFace!.map((x) => x + 0.001) });

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
    // A different number is not flagged.
    const c = await newCase(doc('2222222222'));
    expect(t.service.deps.screening.flagsFor(c)).toEqual([]);
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

    const a = await newCase(doc('7777777777'));
    t.service.deps.screening.saveFace(a, { descriptor: base, mobileFace: unit(0) }, new Date().toISOString());
    const b = await newCase(doc('8888888888'));
    t.service.deps.screening.saveFace(b, { descriptor: other, mobileFace: unit(1) }, new Date().toISOString());
    const fused = storedFaceScore(t.service.deps.screening.faceOf(a)!, t.service.deps.screening.faceOf(b)!);
    expect(fused.fused).toBe(true);
    expect(fused.score).toBeLessThan(CALIBRATED_FACE_THRESHOLD);
    expect(t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), screening))()).toEqual([]);

    // A face stored before migration 31 has no MobileFace embedding: the pair falls back to face-api
    // alone, which flags it (an officer clears it), and the flag says which score it is.
    const c = await newCase(doc('9999999999'));
    t.service.deps.screening.saveFace(c, { descriptor: other, mobileFace: null }, new Date().toISOString());
    expect(t.service.deps.screening.faceOf(c)!.mobileFace).toBeNull();
    const flags = t.service.deps.db.transaction(() => screenCase(t.service.deps, c, new Date(), screening))();
    expect(flags.map((f) => `${f.kind} ${f.otherCaseId}`).sort()).toEqual([`DUPLICATE_FACE ${a}`, `DUPLICATE_FACE ${b}`].sort());
    expect(flags.every((f) => f.detail.includes('face-api similarity only') && f.faceApiOnly)).toBe(true);
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
    expect(hit?.faceApiOnly).toBe(false);
    expect(hit?.score).toBeGreaterThan(0.9);
  });

  it('fills a blocklist entry made before migration 31 when its case is analysed again with the same face', async () => {
    const a = await newCase(doc('5656565656'));
    const legacy = { descriptor: face(9).descriptor, mobileFace: null };
    t.service.deps.screening.saveFace(a, legacy, new Date().toISOString());
    expect((await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'fraud ring' }, officer)).ok).toBe(true);
    expect(t.service.deps.screening.entriesWithoutEmbedding(0, 10)).toHaveLength(1);
    // Another face stored for the case leaves the entry as it is; the same face fills it.
    t.service.deps.screening.saveFace(a, face(10), new Date().toISOString());
    expect(t.service.deps.screening.entriesWithoutEmbedding(0, 10)).toHaveLength(1);
    t.service.deps.screening.saveFace(a, face(9), new Date().toISOString());
    expect(t.service.deps.screening.entriesWithoutEmbedding(0, 10)).toEqual([]);
    expect(Array.from(t.service.deps.screening.faceEntries()[0]!.face.mobileFace!)).toEqual(Array.from(face(9).mobileFace!));
  });

  it('refuses a face entry without an analysed selfie, and lets only a senior officer remove entries', async () => {
    const a = await newCase(doc('6666666666'));
    const noFace = await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'x' }, officer);
    expect(noFace.ok ? null : noFace.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'face' });
    const nothing = await t.service.call('blocklist.add', { caseId: a, face: false, document: false, reason: 'x' }, officer);
    expect(nothing.ok ? null : nothing.error.field).toBe('face');
    const added = await t.service.call('blocklist.add', { caseId: a, face: false, document: true, reason: 'x' }, officer);
    if (!added.ok) throw new Error('add');
    const byOfficer = await t.service.call('blocklist.remove', { id: added.value[0]!.id }, officer);
    expect(byOfficer.ok ? null : byOfficer.error.code).toBe(ErrorCode.FORBIDDEN);
    expect(await t.service.call('blocklist.remove', { id: added.value[0]!.id }, senior)).toEqual({ ok: true, value: { removed: true } });
    expect(await t.service.call('blocklist.list', {}, officer)).toEqual({ ok: true, value: [] });
  });
});
