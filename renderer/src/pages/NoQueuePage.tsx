import { useTranslation } from 'react-i18next';

/** Roles without the review queue (branch staff) land here instead of on a refused request. */
export function NoQueuePage() {
  const { t } = useTranslation();
  return (
    <main className="page">
      <div className="panel empty-state">
        <strong>{t('queue.noQueueTitle')}</strong>
        <span className="muted">{t('queue.noQueueHint')}</span>
      </div>
    </main>
  );
}
