import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KycService } from '../service/KycService';
import { createStderrLogger } from '../service/core/Logger';
import { resolveDataDir } from '../service/config/resolveDataDir';
import { applySecurityPolicy } from './security';
import { bindContract } from './ipc';
import { safeStorageKeyProvider } from './safeStorageKey';

// Thin by design: everything that decides anything lives in the service, tested in Node.
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererIndex = join(import.meta.dirname, '../renderer/index.html');
const ownPrefix = rendererUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/')).href;
const isOwnUrl = (url: string) => url.startsWith(ownPrefix);

function dataDirFromArgs(): string {
  const i = process.argv.indexOf('--data');
  const flag = i >= 0 ? process.argv[i + 1] : undefined;
  // The desktop default is Electron's own user-data folder.
  return resolveDataDir(flag, { ...process.env, KYC_DATA_DIR: process.env.KYC_DATA_DIR ?? app.getPath('userData') });
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = dataDirFromArgs();
  const service = KycService.open({ dataDir, owner: 'the desktop app', log: createStderrLogger(), secrets: safeStorageKeyProvider(dataDir) });
  applySecurityPolicy(isOwnUrl);
  bindContract(service, isOwnUrl);
  // The verification engine runs in worker threads; queued jobs resume after a restart.
  await service.startAnalysis();
  // Exports interrupted by a quit resume now, not when someone next opens the Exports page.
  service.startExports();
  service.startSchedules();
  // Remote effects queued while offline (or before a quit) are delivered from now on.
  service.startSync();

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: 'KYC Workstation',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (rendererUrl) await win.loadURL(rendererUrl);
  else await win.loadFile(rendererIndex);

  app.on('window-all-closed', () => {
    void service.shutdown().finally(() => app.quit());
  });
}

start().catch((e: unknown) => {
  process.stderr.write(`KYC Workstation failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  app.exit(1);
});
