import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { makeTempDir } from '../helpers/tempService';

const KYC = '/api/web/kycService';
const FRONT = readFileSync(join(import.meta.dirname, '../../resources/demo/pe_100_pass-cze.jpg'));
const MULTIPART_ROUTES = [`${KYC}/document/upload`, `${KYC}/liveness/verify`] as const;

/** Every file under the evidence store: a half-received upload must leave none behind. */
function evidenceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(join(dir, 'evidence'));
  return out.sort();
}

/**
 * Sends raw bytes on one connection and reads whatever comes back. `hangUp` closes the
 * sending side mid-body, as a phone losing its connection does; `destroy` drops it outright.
 */
function raw(url: string, head: string, body: Buffer, mode: 'whole' | 'hangUp' | 'destroy' = 'whole'): Promise<{ status: number | null; json: { code?: number } | null }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      socket.write(body);
      if (mode === 'hangUp') socket.end();
      if (mode === 'destroy') {
        socket.destroy();
        resolve({ status: null, json: null });
      }
    });
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    const done = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const jsonText = text.slice(text.indexOf('\r\n\r\n') + 4);
      let json: { code?: number } | null = null;
      try {
        json = JSON.parse(jsonText) as { code?: number };
      } catch {
        json = null;
      }
      resolve({ status: status ? Number(status) : null, json });
    };
    socket.on('close', done);
    socket.on('error', done);
    socket.setTimeout(20_000, () => socket.destroy());
  });
}

describe('multipart bodies that break: every route answers a code and keeps serving, nothing is stored', () => {
  let server: RunningServer;
  let dataDir: string;
  let token: string;
  let profileId: string;

  beforeAll(async () => {
    dataDir = makeTempDir('kyc-multipart-');
    server = await startServe(['--data', dataDir, '--demo', '--no-analysis']);
    token = /demo API token: (kyc_\S+)/.exec(server.output())![1]!;
    const r = await fetch(`${server.url}${KYC}/submit`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'multipart-robustness', country: 'SG' }) });
    profileId = ((await r.json()) as { data: { profileId: string } }).data.profileId;
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const head = (path: string, contentType: string, length: number | null, extra = '') =>
    `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\ncontent-type: ${contentType}\r\n${length === null ? 'transfer-encoding: chunked' : `content-length: ${length}`}\r\n${extra}connection: close\r\n\r\n`;
  const part = (name: string, value: string | Buffer, fileName?: string) =>
    Buffer.concat([
      Buffer.from(`--BOUNDARY\r\ncontent-disposition: form-data; name="${name}"${fileName ? `; filename="${fileName}"\r\ncontent-type: application/octet-stream` : ''}\r\n\r\n`),
      typeof value === 'string' ? Buffer.from(value) : value,
      Buffer.from('\r\n'),
    ]);

  for (const route of MULTIPART_ROUTES) {
    it(`${route}: cut short, boundary-less, wrong boundary, oversized part headers, dropped connections`, async () => {
      const before = evidenceFiles(dataDir);
      const fields = Buffer.concat([part('profileId', profileId), part('sessionId', 'no-session')]);
      // The closing boundary never comes: the file part is cut mid-way.
      const truncated = Buffer.concat([fields, part(route.endsWith('upload') ? 'frontImage' : 'video1', FRONT.subarray(0, 20_000), 'front.jpg').subarray(0, 20_100)]);
      const cases: { name: string; contentType: string; body: Buffer; mode?: 'hangUp' | 'destroy'; length?: number | null; expect: number[] }[] = [
        { name: 'truncated', contentType: 'multipart/form-data; boundary=BOUNDARY', body: truncated, expect: [10006] },
        { name: 'truncated, then the client hangs up', contentType: 'multipart/form-data; boundary=BOUNDARY', body: truncated, mode: 'hangUp', length: truncated.length + 5_000, expect: [] },
        { name: 'boundary-less', contentType: 'multipart/form-data', body: Buffer.concat([fields, Buffer.from('--BOUNDARY--\r\n')]), expect: [10006] },
        { name: 'wrong boundary', contentType: 'multipart/form-data; boundary=OTHER', body: Buffer.concat([fields, Buffer.from('--BOUNDARY--\r\n')]), expect: [10006] },
        {
          name: 'oversized part header',
          contentType: 'multipart/form-data; boundary=BOUNDARY',
          body: Buffer.concat([Buffer.from(`--BOUNDARY\r\ncontent-disposition: form-data; name="profileId"\r\nx-padding: ${'a'.repeat(200_000)}\r\n\r\n${profileId}\r\n`), Buffer.from('--BOUNDARY--\r\n')]),
          expect: [10006, 10004, 10001],
        },
        { name: 'garbage instead of parts', contentType: 'multipart/form-data; boundary=BOUNDARY', body: Buffer.from('\x00\xff'.repeat(5_000), 'latin1'), expect: [10006] },
        { name: 'connection dropped mid-body', contentType: 'multipart/form-data; boundary=BOUNDARY', body: truncated, mode: 'destroy', length: truncated.length + 5_000, expect: [] },
      ];
      for (const c of cases) {
        const length = c.length === undefined ? c.body.length : c.length;
        const r = await raw(server.url, head(route, c.contentType, length), c.body, c.mode);
        if (c.expect.length) {
          expect({ name: c.name, status: r.status, code: r.json?.code }).toMatchObject({ name: c.name, status: 400 });
          expect(c.expect, c.name).toContain(r.json?.code);
        }
        // The server is still there after every one of them.
        const health = await fetch(`${server.url}/api/health`);
        expect(health.status, c.name).toBe(200);
      }
      // An oversized HTTP header is Node's to refuse: a 431, or the connection reset when the
      // refusal overtakes the rest of the header still being sent. Either way the server stays up.
      const huge = await raw(server.url, `POST ${route} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-padding: ${'b'.repeat(70_000)}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`, Buffer.alloc(0));
      expect([431, null]).toContain(huge.status);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      // Nothing of any half-received upload was kept.
      expect(evidenceFiles(dataDir)).toEqual(before);
      const status = await fetch(`${server.url}${KYC}/status/${profileId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await status.json()) as { data: { status: { documents: unknown[] } } }).data.status.documents).toEqual([]);
    }, 120_000);
  }

  it('a whole, well-formed upload still works afterwards', async () => {
    const f = new FormData();
    f.append('profileId', profileId);
    f.append('frontImage', new Blob([new Uint8Array(FRONT)], { type: 'image/jpeg' }), 'front.jpg');
    const r = await fetch(`${server.url}${KYC}/document/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: f });
    expect(((await r.json()) as { code: number }).code).toBe(0);
  });
});
