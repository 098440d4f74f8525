import { describe, expect, it } from 'vitest';
import { translator } from '../helpers/translator';
import { describeAuditEvent } from '../../renderer/src/components/describeAuditEvent';
import type { AuditEvent } from '../../shared/schemas/audit';

const event = (type: string, payload: Record<string, unknown>): AuditEvent => ({
  seq: 1,
  at: '2026-12-07T10:00:00.000Z',
  actorId: 'op-1',
  actorName: 'Olivia Ortega',
  type,
  caseId: 'c-1',
  profileId: 'p-1',
  payload,
  payloadHash: 'x',
  prevHash: 'y',
  hash: 'z',
});

describe('blocklist events say what was blocked', () => {
  it('names the face and the document number an addition blocked, and the reason', async () => {
    const t = await translator('en');
    expect(describeAuditEvent(event('blocklist.added', { entries: ['a', 'b'], face: true, document: true, documentType: 'DRIVER_LICENSE', documentNumber: 'L1234-123456-12', documentCountry: 'CA', reason: 'Licence reported forged' }), t)).toBe(
      'Added to the blocklist (face, document L1234-123456-12): Licence reported forged',
    );
    expect(describeAuditEvent(event('blocklist.added', { entries: ['a'], face: true, document: false, reason: 'Impostor' }), t)).toBe('Added to the blocklist (face): Impostor');
  });

  it('names the one entry a removal took off, and words it in Chinese', async () => {
    const en = await translator('en');
    expect(describeAuditEvent(event('blocklist.removed', { entry: 'a', kind: 'DOCUMENT', documentNumber: 'ZE000509', reason: 'Duplicate entry' }), en)).toBe('Removed from the blocklist (document ZE000509): Duplicate entry');
    const zh = await translator('zh-CN');
    expect(describeAuditEvent(event('blocklist.removed', { entry: 'a', kind: 'FACE', reason: '误加' }), zh)).toBe('已移出黑名单（人脸）: 误加');
    // An older event, recorded before payloads named the document, still reads.
    expect(describeAuditEvent(event('blocklist.added', { entries: ['a'], reason: 'again' }), en)).toBe('Added to the blocklist: again');
  });
});

describe("Didit approval events say where the approval stands", () => {
  it('held, confirmed, and disputed with the reasons the checks found', async () => {
    const t = await translator('en');
    expect(describeAuditEvent(event('sync.didit_approval', { sessionId: 's', outcome: 'held' }), t)).toBe('Didit approved: held until the checks of its capture are in');
    expect(describeAuditEvent(event('sync.didit_approval', { sessionId: 's', outcome: 'confirmed', objections: [] }), t)).toBe('Didit approval took effect: the checks found nothing against it');
    const disputed = describeAuditEvent(event('sync.didit_approval', { sessionId: 's', outcome: 'disputed', objections: ['FACE_MISMATCH', 'DUPLICATE_ACCOUNT'] }), t);
    expect(disputed).toMatch(/^Didit approval held for an officer; the checks found grounds to refuse \(.+\)$/);
    expect(disputed).not.toContain('FACE_MISMATCH');
    const zh = await translator('zh-CN');
    expect(describeAuditEvent(event('sync.didit_approval', { sessionId: 's', outcome: 'held' }), zh)).toBe('Didit 已批准：待其采集材料的检查完成后生效');
  });
});

describe("an owner's status change on the company's trail", () => {
  it('names the owner where the page knows them, and says whether the company is on owner alert', async () => {
    const en = await translator('en');
    const left = event('case.owner_status_changed', { ownerCaseId: 'c-owner', ownerProfileId: 'p-owner', from: 'APPROVED', to: 'IN_REVIEW', ownerAlert: true });
    expect(describeAuditEvent(left, en, { caseName: (id) => (id === 'c-owner' ? 'Jennifer Walsh' : undefined) })).toBe(
      'Jennifer Walsh: own case Approved → In review; this company is on owner alert (its approval stands until an officer reviews it)',
    );
    // The audit log page knows no owners: "An owner".
    expect(describeAuditEvent(left, en)).toBe('An owner: own case Approved → In review; this company is on owner alert (its approval stands until an officer reviews it)');
    const back = event('case.owner_status_changed', { ownerCaseId: 'c-owner', ownerProfileId: 'p-owner', from: 'IN_REVIEW', to: 'APPROVED', ownerAlert: false });
    expect(describeAuditEvent(back, en)).toBe('An owner: own case In review → Approved; every owner is approved again, the owner alert is cleared');
    const zh = await translator('zh-CN');
    expect(describeAuditEvent(back, zh, { caseName: () => '张伟' })).toMatch(/^张伟：自己的案件 .+ → .+；所有股东均已再次获批准/);
  });
});
