import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, TEST_PASSWORD, type TempService } from '../helpers/tempService';
import { ensureFirstAdmin } from '../../electron/service/bootstrap/ensureFirstAdmin';

describe('operators and sessions', () => {
  let t: TempService;
  let now: Date;
  beforeEach(() => {
    now = new Date('2026-11-22T09:00:00Z');
    t = openTempService({ clock: () => new Date(now) });
  });
  afterEach(() => t.cleanup());
  const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

  it('stores passwords as scrypt hashes and tokens only as hashes', async () => {
    const token = await t.signInAs('officer', 'olivia@bank.test');
    const op = t.service.deps.db.prepare('SELECT password_hash FROM operators WHERE email = ?').get('olivia@bank.test') as { password_hash: string };
    expect(op.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(op.password_hash).not.toContain(TEST_PASSWORD);
    const rows = t.service.deps.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    await t.signInAs('officer', 'olivia@bank.test');
    const wrong = await t.service.call('auth.signIn', { email: 'olivia@bank.test', password: 'wrong-password!' }, null);
    const unknown = await t.service.call('auth.signIn', { email: 'nobody@bank.test', password: 'wrong-password!' }, null);
    expect(wrong).toEqual(unknown);
    expect(wrong.ok ? null : wrong.error.code).toBe(ErrorCode.BAD_CREDENTIALS);
  });

  it('ends a session after the idle timeout, and activity keeps it alive', async () => {
    const token = await t.signInAs('officer');
    advance(14);
    expect((await t.service.call('auth.me', {}, token)).ok).toBe(true);
    advance(14);
    expect((await t.service.call('auth.me', {}, token)).ok).toBe(true);
    advance(16);
    const r = await t.service.call('auth.me', {}, token);
    expect(r.ok ? null : r.error.code).toBe(ErrorCode.SESSION_EXPIRED);
  });

  it('uses the idle timeout from the settings', async () => {
    const admin = await t.signInAs('admin');
    expect((await t.service.call('settings.update', { sessionIdleMinutes: 5 }, admin)).ok).toBe(true);
    const token = await t.signInAs('officer');
    advance(6);
    expect((await t.service.call('auth.me', {}, token)).ok).toBe(false);
  });

  it('signs out for good', async () => {
    const token = await t.signInAs('auditor');
    expect(await t.service.call('auth.signOut', {}, token)).toEqual({ ok: true, value: { signedOut: true } });
    const r = await t.service.call('auth.me', {}, token);
    expect(r.ok ? null : r.error.code).toBe(ErrorCode.SESSION_EXPIRED);
    expect((await t.service.call('auth.me', {}, 'made-up-token')).ok).toBe(false);
  });

  it('lets an admin create and disable operators; a disabled operator loses its sessions', async () => {
    const admin = await t.signInAs('admin');
    const created = await t.service.call('operators.create', { email: 'New.Officer@Bank.test', displayName: 'New Officer', role: 'officer', password: 'long-enough-pw' }, admin);
    expect(created.ok && created.value).toMatchObject({ email: 'new.officer@bank.test', role: 'officer', active: true });
    const dup = await t.service.call('operators.create', { email: 'new.officer@bank.test', displayName: 'Dup', role: 'officer', password: 'long-enough-pw' }, admin);
    expect(dup.ok ? null : dup.error).toMatchObject({ code: ErrorCode.OPERATOR_EXISTS, field: 'email' });
    const short = await t.service.call('operators.create', { email: 'x@bank.test', displayName: 'X', role: 'officer', password: 'short' }, admin);
    expect(short.ok ? null : short.error.field).toBe('password');

    const session = await t.service.call('auth.signIn', { email: 'new.officer@bank.test', password: 'long-enough-pw' }, null);
    expect(session.ok).toBe(true);
    if (!created.ok || !session.ok) return;
    expect((await t.service.call('operators.setActive', { id: created.value.id, active: false }, admin)).ok).toBe(true);
    expect((await t.service.call('auth.me', {}, session.value.token)).ok).toBe(false);
    const again = await t.service.call('auth.signIn', { email: 'new.officer@bank.test', password: 'long-enough-pw' }, null);
    expect(again.ok ? null : again.error.code).toBe(ErrorCode.BAD_CREDENTIALS);
    const types = t.service.deps.auditRows.list({ limit: 50 }).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['operator.created', 'operator.disabled', 'auth.signed_in']));
  });

  it('an admin cannot lock themselves out', async () => {
    const admin = await t.signInAs('admin');
    const me = await t.service.call('auth.me', {}, admin);
    if (!me.ok) throw new Error('no admin');
    const r = await t.service.call('operators.setActive', { id: me.value.id, active: false }, admin);
    expect(r.ok ? null : r.error.code).toBe(ErrorCode.FORBIDDEN);
  });

  it('creates the first admin on a store without accounts, only then', async () => {
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(await ensureFirstAdmin(t.service.deps, { interactive: false, out })).toBe(false);
    expect(await ensureFirstAdmin(t.service.deps, { email: 'root@bank.test', password: 'first-admin-pw', interactive: false, out })).toBe(true);
    expect(t.service.deps.operators.list()).toMatchObject([{ email: 'root@bank.test', role: 'admin' }]);
    expect(await ensureFirstAdmin(t.service.deps, { email: 'second@bank.test', password: 'first-admin-pw', interactive: false, out })).toBe(true);
    expect(t.service.deps.operators.count()).toBe(1);
    expect(lines.join('\n')).not.toContain('first-admin-pw');
  });
});
