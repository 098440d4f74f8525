import { errorIsHistory } from './errorIsHistory';
import { useTranslation } from 'react-i18next';
import type { ConnectorStatus } from '../../../shared/schemas/sync';
import { formatDateTime } from '../format/formatDateTime';

/** A connector's live status from `sync.status`: what the runner knows about that remote now. */
export function ConnectorStatusList({ status }: { status: ConnectorStatus | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  const resolved = errorIsHistory(status);
  const when = (iso: string | null, none: 'never' | 'none') => (iso ? formatDateTime(iso) : <span className="muted">{t(`sync.status.${none}`)}</span>);
  return (
    <div className="sync-status">
      <h3>{t('sync.status.heading')}</h3>
      <dl className="sync-status-grid">
        <div>
          <dt>{t('sync.status.state')}</dt>
          <dd>
            <span className={`badge sync-state-${status.state}`}>{t(`sync.status.states.${status.state}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('sync.status.breaker')}</dt>
          <dd className={status.breaker === 'closed' ? undefined : 'sync-warn'}>{t(`sync.status.breakers.${status.breaker}`)}</dd>
        </div>
        <div>
          <dt>{t('sync.status.pending')}</dt>
          <dd className="num" data-testid="status-pending">{status.pending}</dd>
        </div>
        <div>
          <dt>{t('sync.status.dead')}</dt>
          <dd className={`num${status.dead ? ' sync-bad' : ''}`} data-testid="status-dead">{status.dead}</dd>
        </div>
        <div>
          <dt>{t('sync.status.delivered')}</dt>
          <dd className="num" data-testid="status-delivered">{status.deliveredTotal}</dd>
        </div>
        <div>
          <dt>{t('sync.status.lastSuccess')}</dt>
          <dd>{when(status.lastSuccessAt, 'never')}</dd>
        </div>
        <div className="sync-status-wide">
          <dt>{t('sync.status.lastError')}</dt>
          <dd>
            {when(status.lastErrorAt, 'none')}
            {status.lastError && (
              // An error older than the last delivery is history: shown, but not as the state now.
              <span className={resolved ? 'muted' : 'sync-error-text'}>
                {status.lastError}
                {resolved && ` (${t('sync.status.errorResolved')})`}
              </span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
