import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../shared/contracts/backupContract';
import { callOrToast, useOperation } from '../api/useOperation';
import { formatDateTime } from '../format/formatDateTime';
import { toast } from '../store/toastStore';
import './apiTokens.css';

function ScheduleForm({ status, onSaved }: { status: BackupStatus; onSaved(): void }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(status.enabled);
  const [dir, setDir] = useState(status.dir ?? '');
  const [keep, setKeep] = useState(status.keep);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setEnabled(status.enabled);
    setDir(status.dir ?? '');
    setKeep(status.keep);
  }, [status]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await callOrToast('backup.configure', { enabled, dir: dir.trim() || null, keep, ...(passphrase ? { passphrase } : {}) });
    setBusy(false);
    if (r) {
      setPassphrase('');
      onSaved();
    }
  };
  return (
    <form className="panel token-form" onSubmit={(e) => void submit(e)} aria-labelledby="backup-form-title">
      <h2 id="backup-form-title">{t('backups.schedule')}</h2>
      <div className="token-form-row">
        <label className="token-field">
          <span>{t('backups.dir')}</span>
          <input type="text" value={dir} placeholder="/media/backup-drive/kyc" onChange={(e) => setDir(e.target.value)} />
        </label>
        <label className="token-field">
          <span>{t('backups.keep')}</span>
          <input type="number" min={1} max={90} value={keep} onChange={(e) => setKeep(Number(e.target.value))} />
        </label>
        <label className="token-field">
          <span>{status.passphraseSet ? t('backups.passphraseReplace') : t('backups.passphrase')}</span>
          <input type="password" autoComplete="new-password" minLength={12} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </label>
        <label className="setup-demo">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('backups.daily')}
        </label>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {t('backups.save')}
        </button>
      </div>
      <p className="muted small">{t('backups.note')}</p>
    </form>
  );
}

/** Admins choose where and how often the store is backed up (encrypted), and can run one now. */
export function BackupsPage() {
  const { t } = useTranslation();
  const status = useOperation('backup.status', {});
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    const r = await callOrToast('backup.runNow', {});
    setRunning(false);
    // A backup that failed is said at once, not only in the Last backup line.
    if (r) toast(r.ok ? t('backups.doneToast', { file: r.file }) : t('backups.failedToast', { error: r.error }));
    status.reload();
  };
  const s = status.data;
  const ready = Boolean(s?.dir && s.passphraseSet);
  return (
    <main className="page api-tokens-page">
      <div className="page-title">
        <h1>{t('backups.title')}</h1>
      </div>
      <p className="muted intro">{t('backups.intro')}</p>
      {s && <ScheduleForm status={s} onSaved={status.reload} />}
      {s && (
        <section className="panel" aria-labelledby="backup-last-title">
          <h2 id="backup-last-title">{t('backups.last')}</h2>
          {s.lastRun && !s.lastRun.ok ? (
            // A failing backup is an operational risk: shown as an alert until a backup succeeds.
            <p data-testid="backup-last" className="form-error" role="alert">
              {t('backups.lastFailed', { at: formatDateTime(s.lastRun.at), error: s.lastRun.error })}
            </p>
          ) : (
            <p data-testid="backup-last">{s.lastRun ? t('backups.lastOk', { at: formatDateTime(s.lastRun.at), file: s.lastRun.file }) : t('backups.never')}</p>
          )}
          <button type="button" className="button secondary" onClick={() => void run()} disabled={running || !ready} aria-busy={running} aria-describedby={ready ? undefined : 'backup-not-ready'}>
            {running ? t('backups.running') : t('backups.runNow')}
          </button>
          {!ready && (
            <p id="backup-not-ready" className="muted small">
              {t('backups.notReady')}
            </p>
          )}
        </section>
      )}
    </main>
  );
}
