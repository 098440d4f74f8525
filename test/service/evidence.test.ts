import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt, TINY_PNG } from '../helpers/caseSetup';
import { snapshotStore } from '../helpers/storeSnapshot';

describe('evidence store', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
  });
  afterEach(() => t.cleanup());

  const add = (caseId: string, over: Record<string, unknown> = {}) =>
    t.service.call('evidence.add', { caseId, kind: 'SELFIE', fileName: 'selfie.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64'), ...over } as never, staff);

  it('stores the same bytes once, under their SHA-256, and serves them back', async () => {
    const a = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const b = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const e1 = await add(a.caseId);
    const e2 = await add(b.caseId);
    if (!e1.ok || !e2.ok) throw new Error('add failed');
    expect(e1.value.sha256).toBe(e2.value.sha256);
    expect(e1.value.sha256).toBe(createHash('sha256').update(TINY_PNG).digest('hex'));
    const path = join(t.dataDir, 'evidence', e1.value.sha256.slice(0, 2), e1.value.sha256.slice(2, 4), e1.value.sha256);
    expect(existsSync(path)).toBe(true);
    const rows = t.service.deps.db.prepare('SELECT count(*) AS n, count(DISTINCT sha256) AS files FROM evidence WHERE kind = ?').get('SELFIE') as { n: number; files: number };
    expect(rows).toEqual({ n: 2, files: 1 });
    const got = await t.service.call('evidence.get', { caseId: a.caseId, sha256: e1.value.sha256 }, officer);
    expect(got.ok && Buffer.from(got.value.dataBase64, 'base64').equals(TINY_PNG)).toBe(true);
  });

  it.each([
    ['a PNG declared as JPEG', { mimeType: 'image/jpeg' }],
    ['text with an image name', { fileName: 'id.png', dataBase64: Buffer.from('hello, I am not an image').toString('base64') }],
    ['an empty file', { dataBase64: '' }],
    ['data that is not base64', { dataBase64: '@@@@' }],
    ['a truncated PNG header', { dataBase64: TINY_PNG.subarray(0, 3).toString('base64') }],
    ['an unsupported type', { mimeType: 'image/gif' }],
  ])('refuses %s with a coded error and writes nothing', async (_label, over) => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const before = snapshotStore(t.service.deps.db);
    const r = await add(caseId, over);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([ErrorCode.INVALID_EVIDENCE, ErrorCode.INVALID_INPUT]).toContain(r.error.code);
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  });

  it('refuses an oversized file before decoding it', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const huge = 'A'.repeat(36 * 1024 * 1024);
    const r = await add(caseId, { dataBase64: huge });
    expect(r.ok ? null : r.error).toMatchObject({ code: ErrorCode.INVALID_EVIDENCE, message: expect.stringContaining('larger than') });
  });

  it('takes no new evidence on a closed case', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: version }, officer);
    const r = await add(caseId);
    expect(r.ok ? null : r.error.code).toBe(ErrorCode.ILLEGAL_TRANSITION);
  });

  it('serves a file only through a case that references it', async () => {
    const a = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const b = await caseAt(t, staff, officer, 'NOT_STARTED');
    const e = await add(a.caseId);
    if (!e.ok) throw new Error('add');
    const r = await t.service.call('evidence.get', { caseId: b.caseId, sha256: e.value.sha256 }, officer);
    expect(r.ok ? null : r.error.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('raises the KYC level as evidence and approval accrue', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    expect(t.service.deps.cases.byId(caseId)?.kycLevel).toBe('L1');
    const r = await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: version }, officer);
    expect(r.ok).toBe(true);
    // Approved without a selfie: still L1, and the case says why.
    const d = await t.service.call('cases.get', { id: caseId }, officer);
    expect(d.ok && d.value.case.kycLevel).toBe('L1');
    expect(d.ok && d.value.kycLevelMissing).toEqual(['selfie']);
  });
});
