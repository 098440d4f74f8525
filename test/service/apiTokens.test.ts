import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { hashToken } from '../../electron/service/auth/sessionTokens';
import { issueDemoApiToken } from '../../electron/service/apiTokens/issueDemoApiToken';
import { personInput } from '../helpers/profileFixtures';
import { startRestHarness, type RestHarness } from './kycRestHarness';

describe('API tokens', () => {
  let h: RestHarness;
  beforeAll(async () => {
    h = await startRestHarness();
  });
  afterAll(() => h.close());

  it('an admin creates a token shown once; only its hash is stored', async () => {
    const h1 = await startRestHarness();
    const created = await h1.t.service.call('apiTokens.create', { name: 'crm-sync', role: 'branch_staff' }, h1.adminToken);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { token, apiToken } = created.value;
    expect(token).toMatch(/^kyc_[A-Za-z0-9_-]{40,}$/);
    expect(apiToken).toMatchObject({ name: 'crm-sync', role: 'branch_staff', revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(apiToken)).not.toContain(token);
    const row = h1.t.service.deps.db.prepare('SELECT token_hash FROM api_tokens WHERE id = ?').get(apiToken.id) as { token_hash: string };
    expect(row.token_hash).toBe(hashToken(token));
    // The raw token appears in no row of any table (the file itself is encrypted).
    const db = h1.t.service.deps.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const dump = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
    expect(dump.includes(token)).toBe(false);
    expect(dump.includes(hashToken(token))).toBe(true);
    // Its service operator is not a person's account: not listed with them, not changed there.
    const accounts = await h1.t.service.call('operators.list', {}, h1.adminToken);
    expect(accounts.ok && accounts.value.map((o) => o.email).filter((e) => e.endsWith('@tokens.invalid'))).toEqual([]);
    const tokenOperator = h1.t.service.deps.operators.list().find((o) => o.displayName === 'API token: crm-sync')!;
    for (const r of [
      await h1.t.service.call('operators.setActive', { id: tokenOperator.id, active: false }, h1.adminToken),
      await h1.t.service.call('operators.setRole', { id: tokenOperator.id, role: 'admin' }, h1.adminToken),
    ]) {
      expect(r.ok ? null : r.error.code).toBe(ErrorCode.NOT_FOUND);
    }
    expect(h1.t.service.deps.operators.byId(tokenOperator.id)).toMatchObject({ active: true, role: 'branch_staff' });
    h1.t.service.close();
    await h1.close();
  });

  it('refuses non-admins, duplicate active names and bad names', async () => {
    const staff = await h.t.signInAs('branch_staff');
    const denied = await h.t.service.call('apiTokens.create', { name: 'x', role: 'officer' }, staff);
    expect(denied.ok || denied.error.code).toBe(ErrorCode.FORBIDDEN);
    const listDenied = await h.t.service.call('apiTokens.list', {}, staff);
    expect(listDenied.ok || listDenied.error.code).toBe(ErrorCode.FORBIDDEN);
    await h.apiToken('dup');
    const again = await h.t.service.call('apiTokens.create', { name: 'dup', role: 'officer' }, h.adminToken);
    expect(again.ok || again.error.code).toBe(ErrorCode.OPERATOR_EXISTS);
    const bad = await h.t.service.call('apiTokens.create', { name: '../etc', role: 'officer' }, h.adminToken);
    expect(bad.ok || bad.error.field).toBe('name');
    const list = await h.t.service.call('apiTokens.list', {}, h.adminToken);
    expect(list.ok && list.value.map((t) => t.name)).toEqual(['dup']);
  });

  it('authenticates REST calls, audits them under the token name, records last use, and never idles out', async () => {
    const token = await h.apiToken('teller-desk', 'branch_staff');
    const r = await h.post('/api/web/kycService/submit', personInput(), token);
    expect(r.code).toBe(0);
    const profileId = String(r.data.profileId);
    const events = h.t.service.deps.db.prepare("SELECT type, actor_name, profile_id FROM audit_events WHERE actor_name = 'API token: teller-desk' ORDER BY seq").all() as { type: string; actor_name: string; profile_id: string | null }[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['profile.created', 'case.status_changed', 'api.request']));
    expect(events.find((e) => e.type === 'api.request')?.profile_id).toBe(profileId);
    const listed = await h.t.service.call('apiTokens.list', {}, h.adminToken);
    expect(listed.ok && listed.value.find((t) => t.name === 'teller-desk')?.lastUsedAt).toBeTruthy();
    // A day later (well past the session idle limit) the token still works.
    h.clock.pin(new Date(Date.now() + 24 * 3600_000));
    const later = await h.get(`/api/web/kycService/status/${profileId}`, token);
    expect(later.code).toBe(0);
    h.clock.pin(null);
    // Roles still apply: an intake token cannot use the review endpoints.
    const forbidden = await h.post('/admin/kyc/update-status', { profileId, status: 2, remark: 'x' }, token);
    expect([forbidden.status, forbidden.code]).toEqual([403, 40300]);
  });

  it('a revoked token is refused at once, and its service account cannot sign in', async () => {
    const token = await h.apiToken('to-revoke', 'officer');
    expect((await h.post('/admin/kyc/list', {}, token)).code).toBe(0);
    const list = await h.t.service.call('apiTokens.list', {}, h.adminToken);
    const id = list.ok ? list.value.find((t) => t.name === 'to-revoke')!.id : '';
    const revoked = await h.t.service.call('apiTokens.revoke', { id }, h.adminToken);
    expect(revoked.ok && revoked.value.revokedAt).toBeTruthy();
    const after = await h.post('/admin/kyc/list', {}, token);
    expect([after.status, after.code]).toEqual([401, 40100]);
    const rpc = await h.t.service.call('admin.kycList', {}, token);
    expect(rpc.ok || rpc.error.code).toBe(ErrorCode.SESSION_EXPIRED);
    const email = (h.t.service.deps.db.prepare("SELECT email FROM operators WHERE display_name = 'API token: to-revoke'").get() as { email: string }).email;
    const signIn = await h.t.service.call('auth.signIn', { email, password: 'api-token$no-password' }, null);
    expect(signIn.ok).toBe(false);
    // The name is free again once revoked.
    expect(await h.apiToken('to-revoke')).toMatch(/^kyc_/);
  });

  it('serve --demo gets a fresh demo token each start; the previous one stops working', async () => {
    const first = issueDemoApiToken(h.t.service.deps);
    expect((await h.post('/admin/kyc/list', {}, first)).code).toBe(0);
    const second = issueDemoApiToken(h.t.service.deps);
    expect((await h.post('/admin/kyc/list', {}, second)).code).toBe(0);
    expect((await h.post('/admin/kyc/list', {}, first)).code).toBe(40100);
  });
});
