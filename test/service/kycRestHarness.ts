import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../electron/service/server/httpServer';
import type { KycRestOptions } from '../../electron/service/server/kycRest/restContext';
import { AdjustableClock } from '../../electron/service/core/AdjustableClock';
import { openTempService, type TempService } from '../helpers/tempService';
import type { ApiTokenRole } from '../../shared/contracts/apiTokenContract';

export interface Envelope<T = Record<string, unknown>> {
  status: number;
  code: number;
  message: string;
  data: T;
}

export interface RestHarness {
  t: TempService;
  clock: AdjustableClock;
  base: string;
  adminToken: string;
  /** Creates an API token through the admin operation (the way the app does). */
  apiToken(name: string, role?: ApiTokenRole): Promise<string>;
  get<T = Record<string, unknown>>(path: string, token?: string | null): Promise<Envelope<T>>;
  post<T = Record<string, unknown>>(path: string, body: unknown, token?: string | null): Promise<Envelope<T>>;
  multipart<T = Record<string, unknown>>(path: string, form: FormData, token?: string | null): Promise<Envelope<T>>;
  close(): Promise<void>;
}

/** A real service on a temp SQLite file behind the real HTTP server on 127.0.0.1. */
export async function startRestHarness(options: Partial<KycRestOptions> = {}): Promise<RestHarness> {
  const clock = new AdjustableClock();
  const t = openTempService({ clock: clock.now });
  const server: Server = createHttpServer(t.service, { kycRest: options });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const adminToken = await t.signInAs('admin');
  const send = async <T>(path: string, init: RequestInit, token: string | null | undefined): Promise<Envelope<T>> => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const r = await fetch(`${base}${path}`, { ...init, headers });
    const body = (await r.json()) as { code: number; message: string; data: T };
    return { status: r.status, ...body };
  };
  return {
    t,
    clock,
    base,
    adminToken,
    async apiToken(name, role = 'officer') {
      const r = await t.service.call('apiTokens.create', { name, role }, adminToken);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.token;
    },
    get: (path, token) => send(path, { method: 'GET' }, token),
    post: (path, body, token) => send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, token),
    multipart: (path, form, token) => send(path, { method: 'POST', body: form }, token),
    async close() {
      await new Promise((r) => server.close(r));
      await t.service.shutdown();
      t.cleanup();
    },
  };
}
