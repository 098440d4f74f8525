import type { InputOf, OperationName, OutputOf } from './contract';
import type { Result } from './result';

/**
 * The only thing the desktop preload exposes to the page (`window.kyc`). The session token
 * travels with each call so the service, not the window, decides who is asking.
 */
export interface KycBridge {
  call<K extends OperationName>(operation: K, input: InputOf<K>, token: string | null): Promise<Result<OutputOf<K>>>;
}

export const IPC_CHANNEL = 'kyc:call';
