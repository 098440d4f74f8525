import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../electron/service/server/httpServer';
import { parseServeArgs, UsageError } from '../../electron/service/server/parseServeArgs';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';

/** A raw request, so Host and Origin are exactly what a rebinding page's browser would send. */
function send(port: number, path: string, headers: Record<string, string>, method = 'POST', body = '{}'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, method, headers: { 'content-type': 'application/json', ...headers }, setHost: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    r.on('error', reject);
    r.end(method === 'POST' ? body : undefined);
  });
}

describe('the loopback server refuses DNS rebinding and other sites', () => {
  let t: TempService;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    t = openTempService();
    await t.signInAs('admin', 'admin@guard.local');
    server = createHttpServer(t.service, { allowedHosts: ['hooks.bank.example'] });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  const signIn = JSON.stringify({ email: 'admin@guard.local', password: 'correct-horse-battery' });

  it('answers requests addressed to 127.0.0.1, localhost or [::1] on its port, with or without its own Origin', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await send(port, '/rpc/auth.signIn', { host }, 'POST', signIn)).status, host).toBe(200);
    }
    expect((await send(port, '/rpc/auth.signIn', { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }, 'POST', signIn)).status).toBe(200);
    expect((await send(port, '/api/health', { host: `localhost:${port}` }, 'GET')).status).toBe(200);
  });

  it('refuses a rebound host name, a wrong port, and another site’s Origin with a coded 403, before anything runs', async () => {
    const cases: Record<string, string>[] = [
      { host: `evil.example:${port}` },
      { host: 'evil.example' },
      { host: `127.0.0.1:${port + 1}` },
      { host: `127.0.0.1:${port}`, origin: 'https://evil.example' },
      { host: `127.0.0.1:${port}`, origin: `http://evil.example:${port}` },
      { host: `127.0.0.1:${port}`, origin: 'null' },
      // Another program's page on this machine is another site.
      { host: `127.0.0.1:${port}`, origin: 'http://127.0.0.1' },
      { host: `127.0.0.1:${port}`, origin: `http://localhost:${port + 1}` },
    ];
    for (const headers of cases) {
      const r = await send(port, '/rpc/auth.signIn', headers, 'POST', signIn);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: ErrorCode.HOST_REFUSED } });
    }
    // None of them signed in: the sign-ins are the helper's and the four accepted above.
    const signedIn = (t.service.deps.db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'auth.signed_in'").get() as { n: number }).n;
    expect(signedIn).toBe(5);
  });

  it('lets an admin allow a reverse proxy’s host name (for webhooks), on any port', async () => {
    expect((await send(port, '/api/health', { host: 'hooks.bank.example' }, 'GET')).status).toBe(200);
    expect((await send(port, '/api/health', { host: 'hooks.bank.example:443' }, 'GET')).status).toBe(200);
    expect((await send(port, '/api/health', { host: 'hooks.bank.example.evil.example' }, 'GET')).status).toBe(403);
    expect(parseServeArgs(['--allow-host', 'hooks.bank.example', '--allow-host', 'b.example'], {}).allowHosts).toEqual(['hooks.bank.example', 'b.example']);
    expect(() => parseServeArgs(['--allow-host', 'http://x/'], {})).toThrow(UsageError);
  });
});
