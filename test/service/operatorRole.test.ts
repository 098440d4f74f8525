import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, TEST_PASSWORD, type TempService } from '../helpers/tempService';

describe('changing an account role rotates its sessions', () => {
  let t: TempService;
  let admin: string;
  beforeEach(async () => {
    t = openTempService();
    admin = await t.signInAs('admin', 'root@role.local');
  });
  afterEach(() => t.cleanup());

  it('ends the sessions opened under the old role; the next sign-in carries the new one; audited', async () => {
    const officerToken = await t.signInAs('officer', 'olga@role.local');
    const olga = t.service.deps.operators.credentialsByEmail('olga@role.local')!.operator;
    expect((await t.service.call('cases.counts', {}, officerToken)).ok).toBe(true);

    const r = await t.service.call('operators.setRole', { id: olga.id, role: 'auditor' }, admin);
    expect(r).toMatchObject({ ok: true, value: { id: olga.id, role: 'auditor' } });
    expect(await t.service.call('cases.counts', {}, officerToken)).toMatchObject({ ok: false, error: { code: ErrorCode.SESSION_EXPIRED } });
    const again = await t.service.call('auth.signIn', { email: 'olga@role.local', password: TEST_PASSWORD }, null);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.operator.role).toBe('auditor');
    expect(again.value.token).not.toBe(officerToken);
    // The new role's rights, not the old ones: an auditor may not decide.
    expect(await t.service.call('cases.takeNext', {}, again.value.token)).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    const audit = t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'operator.role_changed'").all() as { body: string }[];
    expect(audit.map((a) => JSON.parse(a.body) as unknown)).toEqual([{ operatorId: olga.id, from: 'officer', to: 'auditor' }]);
  });

  it('refuses your own role, an unknown account, and non-admins', async () => {
    const me = t.service.deps.operators.credentialsByEmail('root@role.local')!.operator;
    expect(await t.service.call('operators.setRole', { id: me.id, role: 'officer' }, admin)).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    expect(await t.service.call('operators.setRole', { id: 'nobody', role: 'officer' }, admin)).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_FOUND } });
    expect(await t.service.call('operators.setRole', { id: me.id, role: 'boss' as never }, admin)).toMatchObject({ ok: false, error: { field: 'role' } });
    const senior = await t.signInAs('senior_officer');
    expect(await t.service.call('operators.setRole', { id: me.id, role: 'officer' }, senior)).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    expect(t.service.deps.operators.byId(me.id)!.role).toBe('admin');
  });
});
