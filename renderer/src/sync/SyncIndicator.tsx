import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { useSession } from '../store/sessionStore';
import { routeHash } from '../useHashRoute';
import { CONNECTOR_NAMES } from './connectorNames';
import { drainProgress, enabledConnectors, overallState, useSyncStatus } from './syncStatusStore';
import { useActivePolling } from './useActivePolling';
import './sync.css';

/** Live while a remote is in use; with none switched on, only often enough to notice one being enabled. */
const POLL_MS = 5_000;
const DORMANT_POLL_MS = 60_000;

/**
 * The header's connection state: a dot and a word, how many effects wait while a remote is
 * down, and a progress bar while the backlog drains after the network returns. Hidden while
 * no connector is enabled: a workstation that syncs with nothing has no connection to show.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const { status, backlogBase, refresh } = useSyncStatus();
  const enabled = enabledConnectors(status);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useActivePolling(() => void refresh(), enabled.length > 0 ? POLL_MS : DORMANT_POLL_MS);
  if (!status || enabled.length === 0) return null;

  const state = overallState(enabled);
  const pending = status.backlog.pending;
  const dead = enabled.reduce((n, c) => n + c.dead, 0);
  const progress = drainProgress(status, backlogBase);
  const details = enabled.map((c) => `${CONNECTOR_NAMES[c.id]} ${t(`sync.status.states.${c.state}`)}${c.pending ? ` (${t('sync.header.waiting', { count: c.pending })})` : ''}`).join(' · ');
  const body = (
    <>
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-word">
        {t(`sync.header.${state}`)}
        {pending > 0 && state !== 'online' && state !== 'idle' && ` — ${t('sync.header.waiting', { count: pending })}`}
      </span>
      {progress && (
        <span className="sync-drain">
          <progress max={progress.total} value={progress.done} aria-label={t('sync.header.draining', progress)} />
          <span className="sync-drain-count">
            {progress.done}/{progress.total}
          </span>
        </span>
      )}
      {dead > 0 && <span className="sync-dead">{t('sync.header.failed', { count: dead })}</span>}
    </>
  );
  // aria-live rather than role="status": the admin's variant must keep its link role.
  const common = { className: `sync-indicator sync-${state}`, title: t('sync.header.title', { details }), 'data-state': state, 'aria-live': 'polite' as const };
  // Admins go straight to the settings and the dead letters; others only see the state.
  return (contract['sync.connectors'].roles as readonly string[]).includes(role ?? '') ? (
    <a {...common} href={routeHash({ page: 'sync' })}>
      {body}
    </a>
  ) : (
    <span {...common}>
      {body}
    </span>
  );
}
