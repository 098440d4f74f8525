import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../electron/service/server/httpServer';
import { createOperator } from '../../electron/service/bootstrap/createOperator';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, makeTempDir, type TempService } from '../helpers/tempService';

describe('the HTTP shell over real loopback', () => {
  let t: TempService;
  let server: Server;
  let base: string;
  let token: string;
  beforeAll(async () => {
    t = openTempService();
    const staticDir = makeTempDir('kyc-static-');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>KYC</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    server = createHttpServer(t.service, { staticDir });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await createOperator(t.service.deps, { email: 'officer@bank.test', displayName: 'O', role: 'officer', password: 'officer-password' });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  const rpc = (op: string, body: unknown, auth?: string) =>
    fetch(`${base}/rpc/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) }, body: JSON.stringify(body) });

  it('answers the health check', async () => {
    const r = await fetch(`${base}/api/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
  });

  it('requires a session token, then serves the contract', async () => {
    const anon = await rpc('cases.list', {});
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_AUTHENTICATED } });

    const bad = await rpc('auth.signIn', { email: 'officer@bank.test', password: 'nope' });
    expect(bad.status).toBe(401);
    const signIn = await rpc('auth.signIn', { email: 'officer@bank.test', password: 'officer-password' });
    expect(signIn.status).toBe(200);
    const session = (await signIn.json()) as { ok: true; value: { token: string } };
    token = session.value.token;
    const list = await rpc('cases.list', { statuses: ['SUBMITTED'] }, token);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ ok: true, value: { rows: [], total: 0 } });
  });

  it('maps errors to HTTP statuses and always returns the coded error', async () => {
    const unknown = await rpc('cases.explode', {}, token);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: ErrorCode.UNKNOWN_OPERATION } });
    const forbidden = await rpc('operators.list', {}, token);
    expect(forbidden.status).toBe(403);
    const invalid = await rpc('cases.list', { limit: 'many' }, token);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: ErrorCode.INVALID_INPUT, field: 'limit' } });
    const notJson = await fetch(`${base}/rpc/cases.list`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: ErrorCode.INVALID_INPUT } });
    const get = await fetch(`${base}/rpc/cases.list`);
    expect(get.status).toBe(405);
  });

  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(await index.text()).toContain('<title>KYC</title>');
    const asset = await fetch(`${base}/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    const traversal = await fetch(`${base}/..%2f..%2fpackage.json`);
    expect(await traversal.text()).toContain('<title>KYC</title>');
  });

  it('listens on loopback only', () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });
});
