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
      try {
        res = await fetch(`/rpc/${operation}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input),
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
