import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDemoApiToken } from '../../electron/service/apiTokens/issueDemoApiToken';
import { createHttpServer } from '../../electron/service/server/httpServer';
import { openTempService, type TempService } from '../helpers/tempService';

/**
 * The REST bodies (kycService seed 002, KillB seed 001) over real HTTP: arbitrary JSON, JSON of
 * the wrong shape, and bytes that are not JSON at all, with a valid token. Property: never a 5xx,
 * always a JSON answer, and the server keeps answering. `FUZZ_RUNS` as in contractFuzz.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const JSON_ROUTES = [
  '/api/web/kycService/submit',
  '/api/web/kycService/document',
  '/api/web/kycService/document/confirm',
  '/api/web/kycService/document/submit',
  '/api/web/kycService/liveness/start',
  '/api/web/kycService/liveness/verify',
  '/api/web/kycService/callback/liveness',
  '/api/web/kycService/list',
  '/api/web/kycService/status/update',
  '/admin/kyc/list',
  '/admin/kyc/update-status',
  '/api/v2/users',
  '/api/v2/auth/login',
  '/rpc/cases.list',
];

describe('REST body fuzzing', () => {
  let t: TempService;
  let server: Server;
  let base: string;
  let token: string;
  beforeAll(async () => {
    t = openTempService();
    await t.signInAs('admin');
    token = issueDemoApiToken(t.service.deps);
    server = createHttpServer(t.service);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.dictionary(fc.constantFrom('userId', 'country', 'docType', 'docNumber', 'documentId', 'profileId', 'status', 'remark', 'limit', 'type', 'data', 'email', 'password', 'sessionId', 'clips', 'frontImageUrl'), fc.jsonValue({ maxDepth: 2 })).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  );

  it.each(JSON_ROUTES)('%s: no 5xx, a JSON answer, whatever the body', async (path) => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async (text, type) => {
        const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body: text });
        const answer = await r.text();
        expect(r.status, `${path} ${text.slice(0, 120)} -> ${answer.slice(0, 200)}`).toBeLessThan(500);
        expect(() => JSON.parse(answer) as unknown).not.toThrow();
      }),
      { numRuns: RUNS, seed: 20261205 },
    );
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 120_000);
});
