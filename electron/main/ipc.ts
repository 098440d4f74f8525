import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL } from '../../shared/bridge';
import { ErrorCode } from '../../shared/errorCodes';
import type { Result } from '../../shared/result';
import type { KycService } from '../service/KycService';

/**
 * Binds the contract to one IPC channel. The service parses the input and checks the session
 * and role; here we only refuse calls that do not come from our own window's main frame.
 */
export function bindContract(service: KycService, isOwnUrl: (url: string) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, operation: unknown, input: unknown, token: unknown): Promise<Result<unknown>> => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (event.senderFrame !== event.sender.mainFrame || !isOwnUrl(frameUrl)) {
      return { ok: false, error: { code: ErrorCode.FORBIDDEN, message: 'call from an unknown frame refused' } };
    }
    if (typeof operation !== 'string' || (token !== null && typeof token !== 'string')) {
      return { ok: false, error: { code: ErrorCode.INVALID_INPUT, message: 'malformed call' } };
    }
    return service.callUntyped(operation, input, token, 'desktop app');
  });
}
