import { useTranslation } from 'react-i18next';
import { navigate } from '../useHashRoute';

/** Roles without the review queue land here: branch staff are pointed to onboarding. */
export function NoQueuePage() {
  const { t } = useTranslation();
  return (
    <main className="page">
      <div className="panel empty-state">
        <strong>{t('onboarding.landing.title')}</strong>
        <span className="muted">{t('onboarding.landing.hint')}</span>
        <button type="button" className="button primary" onClick={() => navigate({ page: 'onboarding' })}>
          {t('onboarding.landing.start')}
        </button>
        <span className="muted small">{t('queue.noQueueTitle')}</span>
      </div>
    </main>
  );
}
