import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, TEST_PASSWORD, type TempService } from '../helpers/tempService';

const NEW_PASSWORD = 'copper-kettle-morning-9';

describe('passwords: an admin resets another account, anyone changes their own', () => {
  let t: TempService;
  let admin: string;
  let officer: string;
  beforeEach(async () => {
    t = openTempService();
    admin = await t.signInAs('admin', 'admin@pw.local');
    officer = await t.signInAs('officer', 'olga@pw.local');
  });
  afterEach(() => t.cleanup());

  const signIn = (password: string, email = 'olga@pw.local') => t.service.call('auth.signIn', { email, password }, null);
  const audit = (type: string) => (t.service.deps.db.prepare('SELECT p.body AS payload FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = ? ORDER BY e.seq').all(type) as { payload: string }[]).map((r) => r.payload);
  const olgaId = () => t.service.deps.operators.credentialsByEmail('olga@pw.local')!.operator.id;

  it('a reset ends the sessions the old password opened, lifts a lock-out, and is audited without the password', async () => {
    // Olga forgot hers and locked herself out.
    for (let i = 0; i < 5; i++) await signIn(`wrong-${i}`);
    expect(await signIn(TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: ErrorCode.LOCKED_OUT } });
    const r = await t.service.call('operators.resetPassword', { id: olgaId(), password: NEW_PASSWORD }, admin);
    expect(r).toMatchObject({ ok: true, value: { email: 'olga@pw.local' } });
    expect(await t.service.call('auth.me', {}, officer)).toMatchObject({ ok: false });
    expect(await signIn(TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: ErrorCode.BAD_CREDENTIALS } });
    expect((await signIn(NEW_PASSWORD)).ok).toBe(true);
    const events = audit('operator.password_reset');
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!)).toEqual({ operatorId: olgaId(), unlocked: true });
    expect(events[0]).not.toContain(NEW_PASSWORD);
  });

  it('refuses a reset of your own account, by a non-admin, to a short password, or of an unknown account', async () => {
    const adminId = t.service.deps.operators.credentialsByEmail('admin@pw.local')!.operator.id;
    expect(await t.service.call('operators.resetPassword', { id: adminId, password: NEW_PASSWORD }, admin)).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    expect(await t.service.call('operators.resetPassword', { id: olgaId(), password: NEW_PASSWORD }, officer)).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    expect(await t.service.call('operators.resetPassword', { id: olgaId(), password: 'short' }, admin)).toMatchObject({ ok: false, error: { field: 'password' } });
    expect(await t.service.call('operators.resetPassword', { id: 'nobody', password: NEW_PASSWORD }, admin)).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_FOUND } });
    // Nothing changed.
    expect((await signIn(TEST_PASSWORD)).ok).toBe(true);
  });

  it('a change needs the current password, keeps this session and ends the others', async () => {
    const elsewhere = await signIn(TEST_PASSWORD);
    if (!elsewhere.ok) throw new Error('sign-in');
    expect(await t.service.call('auth.changePassword', { currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD }, officer)).toMatchObject({ ok: false, error: { code: ErrorCode.BAD_CREDENTIALS, field: 'currentPassword' } });
    expect(await t.service.call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, officer)).toMatchObject({ ok: false, error: { field: 'newPassword' } });
    // A commonly breached one is refused on the field the form shows it under.
    expect(await t.service.call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'password123' }, officer)).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_INPUT, field: 'newPassword', message: expect.stringContaining('breached') } });
    expect(await t.service.call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, officer)).toEqual({ ok: true, value: { changed: true } });
    expect((await t.service.call('auth.me', {}, officer)).ok).toBe(true);
    expect(await t.service.call('auth.me', {}, elsewhere.value.token)).toMatchObject({ ok: false });
    expect(await signIn(TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: ErrorCode.BAD_CREDENTIALS } });
    expect((await signIn(NEW_PASSWORD)).ok).toBe(true);
    expect(audit('operator.password_changed').map((p) => JSON.parse(p))).toEqual([{ operatorId: olgaId() }]);
  });
});
