import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput } from '../helpers/profileFixtures';
import { screenCase } from '../../electron/service/screening/screenCase';

const euclid = { similarity: (a: Float32Array, b: Float32Array) => 1 - Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0)) / 2, threshold: 0.7 };
const face = (seed: number) => Float32Array.from({ length: 128 }, (_, i) => Math.sin(seed * 31 + i) / 11);

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
    t.service.deps.screening.saveDescriptor(a, face(1), new Date().toISOString());
    const added = await t.service.call('blocklist.add', { caseId: a, face: true, document: false, reason: 'presentation attack' }, officer);
    expect(added.ok && added.value[0]?.kind).toBe('FACE');
    const b = await newCase(doc('4444444444'));
    t.service.deps.screening.saveDescriptor(b, face(1).map((x) => x + 0.001), new Date().toISOString());
    const c = await newCase(doc('5555555555'));
    t.service.deps.screening.saveDescriptor(c, face(7), new Date().toISOString());
    const flagsB = t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), euclid))();
    expect(flagsB.map((f) => f.kind).sort()).toEqual(['BLOCKLIST_FACE', 'DUPLICATE_FACE']);
    expect(flagsB[0]?.score).toBeGreaterThan(0.9);
    expect(t.service.deps.db.transaction(() => screenCase(t.service.deps, c, new Date(), euclid))()).toEqual([]);
    // Screening twice raises nothing new.
    expect(t.service.deps.db.transaction(() => screenCase(t.service.deps, b, new Date(), euclid))()).toHaveLength(2);
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
