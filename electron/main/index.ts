import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import { join } from 'node:path';
import { KycService } from '../service/KycService';
import { createStderrLogger } from '../service/core/Logger';
import { resolveDataDir } from '../service/config/resolveDataDir';
import { AdjustableClock } from '../service/core/AdjustableClock';
import { ServiceFailure } from '../service/core/ServiceFailure';
import { applySecurityPolicy } from './security';
import { bindContract } from './ipc';
import { safeStorageKeyProvider } from './safeStorageKey';
import { desktopKeyWrapper } from '../service/crypto/resolveKeyWrapper';
import { demoDir } from '../service/runtime/resourcePaths';
import { APP_ORIGIN, isAppUrl } from '../service/runtime/appProtocolFile';
import { registerAppScheme, serveAppProtocol } from './appProtocol';

// Thin by design: everything that decides anything lives in the service, tested in Node.
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
// The dev server (electron-vite dev) or the app's own origin; nothing else is ever "own".
const isOwnUrl = (url: string) => (rendererUrl ? url.startsWith(rendererUrl) : isAppUrl(url));

function dataDirFromArgs(): string {
  const i = process.argv.indexOf('--data');
  const flag = i >= 0 ? process.argv[i + 1] : undefined;
  // The same rule as serve (named after the product, not package.json's name), so a desktop
  // started from source and `npm run serve` open the same folder.
  return resolveDataDir(flag);
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = dataDirFromArgs();
  let service: KycService;
  const clock = new AdjustableClock();
  try {
    service = KycService.open({ dataDir, keys: desktopKeyWrapper(dataDir, safeStorage), owner: 'the desktop app', clock: clock.now, log: createStderrLogger(), secrets: safeStorageKeyProvider(dataDir), demo: { dir: demoDir(), clock } });
  } catch (e) {
    // Another process (serve, a maintenance command) owns the folder: say who, then quit.
    if (e instanceof ServiceFailure) dialog.showErrorBox('KYC Workstation cannot open its data folder', `${e.message} (${e.code})`);
    throw e;
  }
  serveAppProtocol(rendererDir);
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
      // A middle click must not open a link in a new window (the window-open handler denies it too).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // A second launch focuses this window instead of opening the store twice.
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  if (rendererUrl) await win.loadURL(rendererUrl);
  else await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    void service.shutdown().finally(() => app.quit());
  });
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  // The running instance got 'second-instance' and shows itself; this one leaves at once.
  app.quit();
} else {
  start().catch((e: unknown) => {
    process.stderr.write(`KYC Workstation failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    app.exit(1);
  });
}
