import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiditSessionState } from '../../../shared/schemas/didit';
import { callOrToast } from '../api/useOperation';
import { useSyncStatus } from './syncStatusStore';

/**
 * Branch staff hand a customer Didit's hosted verification: the session is created through the
 * outbox (so it also works when Didit answers later), and its link is shown to open or send.
 * Shown only while the Didit connector is switched on; before the customer's details are saved it
 * says when it will be offered.
 */
export function DiditSessionControl({ caseId }: { caseId: string | null }) {
  const { t } = useTranslation();
  const didit = useSyncStatus((s) => s.status?.connectors.find((c) => c.id === 'didit'));
  const [session, setSession] = useState<DiditSessionState | null>(null);
  const [busy, setBusy] = useState(false);
  if (!didit?.enabled) return null;
  // The session carries the customer's details for Didit to check against (expected_details):
  // there is no case to open it for until they are saved.
  if (!caseId) {
    return (
      <div className="panel didit-session" data-testid="didit-session">
        <h3>{t('sync.didit.sessionTitle')}</h3>
        <p className="muted small" data-testid="didit-session-later">
          {t('sync.didit.sessionAfterDetails')}
        </p>
      </div>
    );
  }
  const ask = async () => {
    setBusy(true);
    const r = await callOrToast('sync.diditSession', { caseId });
    setBusy(false);
    if (r) setSession(r);
  };
  return (
    <div className="panel didit-session" data-testid="didit-session">
      <h3>{t('sync.didit.sessionTitle')}</h3>
      <p className="muted small">{t('sync.didit.sessionHint')}</p>
      {session?.url ? (
        <p>
          <a href={session.url} target="_blank" rel="noreferrer noopener" data-testid="didit-session-url">
            {session.url}
          </a>{' '}
          <span className="muted small">{session.status ?? ''}</span>
        </p>
      ) : session?.state === 'queued' ? (
        <p className="muted small">{t('sync.didit.sessionQueued')}</p>
      ) : session?.state === 'failed' ? (
        <p className="form-error small">{t('sync.didit.sessionFailed', { error: session.error ?? '' })}</p>
      ) : null}
      <button type="button" className="button secondary" onClick={() => void ask()} disabled={busy} aria-busy={busy}>
        {session ? t('sync.didit.sessionRefresh') : t('sync.didit.sessionCreate')}
      </button>
    </div>
  );
}
