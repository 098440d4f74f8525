import { useTranslation } from 'react-i18next';
import type { IntakeStatus } from '../../../shared/schemas/intake';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime } from '../format/formatDateTime';

/** The customer, the application's status and when it was submitted; the reference on request. */
export function StatusSummary({ status, showCustomer = true, showReference = false }: { status: IntakeStatus; showCustomer?: boolean; showReference?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="status-summary">
      {showCustomer ? (
        <div>
          <span className="muted small">{t('onboarding.status.customer')}</span>
          <strong className="status-name">{status.displayName ?? t('onboarding.status.unnamed')}</strong>
          <span className={`type-chip type-${status.type.toLowerCase()}`}>{t(`onboarding.type.${status.type}`)}</span>
        </div>
      ) : null}
      <div>
        <span className="muted small">{t('onboarding.status.caseStatus')}</span>
        <span data-testid="case-status">
          <StatusBadge status={status.caseStatus} />
        </span>
      </div>
      {status.submittedAt ? (
        <div>
          <span className="muted small">{t('onboarding.status.submittedAt')}</span>
          <span>{formatDateTime(status.submittedAt)}</span>
        </div>
      ) : null}
      {showReference ? (
        <div>
          <span className="muted small">{t('onboarding.submit.reference')}</span>
          {/* The customer's own reference (the external ID they were registered under), not an internal id. */}
          <code data-testid="submission-reference">{status.profile?.externalId ?? status.profileId}</code>
        </div>
      ) : null}
    </div>
  );
}
