import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, type KycBridge } from '../../shared/bridge';

// The page gets one function, never ipcRenderer itself.
const bridge: KycBridge = {
  call: (operation, input, token) => ipcRenderer.invoke(IPC_CHANNEL, operation, input, token),
};

contextBridge.exposeInMainWorld('kyc', bridge);
