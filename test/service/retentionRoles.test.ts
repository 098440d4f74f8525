import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, contract, type OperationName } from '../../shared/contract';
import { retentionContract } from '../../shared/contracts/retentionContract';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { snapshotStore } from '../helpers/storeSnapshot';
import { approvedCase, movableClock, travelTo } from '../helpers/retentionSetup';

const retentionOps = Object.keys(retentionContract) as (keyof typeof retentionContract)[];
const mutating = retentionOps.filter((op) => retentionContract[op].mutates);

describe('the auditor can read retention but change nothing', () => {
  const clock = movableClock('2026-01-01T00:00:00.000Z');
  let t: TempService;
  let auditor: string;
  let admin: string;
  let caseId: string;
  let requestId: string;

  beforeAll(async () => {
    t = openTempService({ clock: clock.now });
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    auditor = await t.signInAs('auditor');
    admin = await t.signInAs('admin');
    caseId = (await approvedCase(t, staff, officer, 'roles')).caseId;
    const r = await t.service.call('retention.requestErasure', { caseId, reason: 'letter 12' }, admin);
    if (!r.ok) throw new Error(r.error.message);
    requestId = r.value.id;
    // The case is past retention, so a permitted purge would really delete it.
    travelTo(t, clock, '2032-01-01T00:00:00.000Z');
  }, 30_000);
  afterAll(() => t.cleanup());

  it('has mutating retention operations, none of them open to auditors', () => {
    expect(mutating.sort()).toEqual(['retention.clearLegalHold', 'retention.executeErasure', 'retention.purge', 'retention.requestErasure', 'retention.setLegalHold']);
    // Across the whole contract: no operation that changes state admits the auditor role, but for
    // changing their own password (their own credentials, no case or customer data).
    const open = OPERATION_NAMES.filter((op: OperationName) => contract[op].mutates && contract[op].roles !== 'public' && (contract[op].roles as readonly string[]).includes('auditor'));
    expect(open).toEqual(['auth.changePassword']);
  });

  // Valid inputs, so only the role can stop them.
  const inputs: Readonly<Record<string, () => unknown>> = {
    'retention.purge': () => ({}),
    'retention.setLegalHold': () => ({ caseId, reason: 'auditor tries' }),
    'retention.clearLegalHold': () => ({ caseId, reason: 'auditor tries' }),
    'retention.requestErasure': () => ({ caseId, reason: 'auditor tries' }),
    'retention.executeErasure': () => ({ id: requestId }),
  };

  it.each(mutating)('refuses %s to the auditor and writes nothing', async (op) => {
    const before = snapshotStore(t.service.deps.db);
    const input = inputs[op];
    if (!input) throw new Error(`no valid input written for ${op}`);
    const r = await t.service.callUntyped(op, input(), auditor);
    expect(r).toEqual({ ok: false, error: { code: ErrorCode.FORBIDDEN, message: expect.stringContaining('auditor') } });
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
    expect(t.service.deps.cases.byId(caseId)).toBeDefined();
  });

  it('lets the auditor read the preview, holds, requests and tombstones', async () => {
    const preview = await t.service.call('retention.preview', {}, auditor);
    expect(preview.ok && preview.value.due.map((d) => d.caseId)).toEqual([caseId]);
    for (const op of ['retention.legalHolds', 'retention.erasureRequests', 'retention.tombstones'] as const) {
      expect((await t.service.call(op, {}, auditor)).ok, op).toBe(true);
    }
  });

  it('keeps the purge for admins: officers and senior officers are refused', async () => {
    for (const role of ['officer', 'senior_officer', 'branch_staff'] as const) {
      const token = await t.signInAs(role);
      const r = await t.service.call('retention.purge', {}, token);
      expect(r.ok ? null : r.error.code, role).toBe(ErrorCode.FORBIDDEN);
    }
    expect(t.service.deps.cases.byId(caseId)).toBeDefined();
  });
});
