import type { KycBridge } from '../../../shared/bridge';
import type { InputOf, OperationName, OutputOf } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

/**
 * The renderer's only door to the service, and the only code that knows which shell it is
 * in: the Electron preload's `window.kyc` bridge, or HTTP `POST /rpc/<operation>`.
 */
export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  setToken(token: string | null): void;
}

declare global {
  interface Window {
    kyc?: KycBridge;
  }
}

/** Below the 64 KB browsers allow for keepalive requests in flight, with room for a second one. */
const KEEPALIVE_MAX_CHARS = 30_000;

function networkError<T>(message: string): Result<T> {
  return { ok: false, error: { code: 'NET.0001', message } };
}

export function createApiClient(): ApiClient {
  let token: string | null = null;
  const bridge = window.kyc;
  if (bridge) {
    return {
      transport: 'ipc',
      setToken: (t) => (token = t),
      call: (operation, input) => bridge.call(operation, input, token),
    };
  }
  return {
    transport: 'http',
    setToken: (t) => (token = t),
    async call(operation, input) {
      let res: Response;
      const body = JSON.stringify(input);
      try {
        res = await fetch(`/rpc/${operation}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body,
          // A small request outlives a page closed or reloaded under it (a draft saved on the way
          // out); the browser allows this only below 64 KB in flight, so uploads go without it.
          keepalive: body.length < KEEPALIVE_MAX_CHARS,
        });
      } catch {
        return networkError('the workstation service cannot be reached');
      }
      try {
        return (await res.json()) as Result<OutputOf<typeof operation>>;
      } catch {
        return networkError(`the service answered ${res.status} without a result`);
      }
    },
  };
}

export const api = createApiClient();
