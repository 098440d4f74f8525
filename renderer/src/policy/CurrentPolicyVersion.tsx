import { useTranslation } from 'react-i18next';
import type { Policy } from '../../../shared/schemas/policy';
import { formatDateTime } from '../format/formatDateTime';
import { policyAuthorship } from './policyAuthorship';

/** The version in force: its number, who made it, when, and why. */
export function CurrentPolicyVersion({ policy, savedNow }: { policy: Policy; savedNow: boolean }) {
  const { t } = useTranslation();
  const authorship = policyAuthorship(policy, t);
  return (
    <section className="panel policy-current" aria-labelledby="policy-current-title" data-testid="policy-current">
      <h2 id="policy-current-title" className="sr-only">
        {t('policy.current.heading')}
      </h2>
      <div className="policy-current-head">
        <span className="muted">{t('policy.current.heading')}</span>
        <span className="policy-version-badge" data-testid="policy-current-version">
          {t('policy.current.version', { version: policy.version })}
        </span>
        <span>{authorship.by}</span>
        <time className="muted" dateTime={policy.createdAt}>
          {formatDateTime(policy.createdAt)}
        </time>
      </div>
      <p className="policy-note-text">{authorship.note}</p>
      {savedNow && (
        <p className="policy-saved" role="status" data-testid="policy-saved">
          {t('policy.saved', { version: policy.version })}
        </p>
      )}
    </section>
  );
}
