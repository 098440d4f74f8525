import { useTranslation } from 'react-i18next';
import type { CaseSummary, CompanyOwner } from '../../../shared/schemas/case';
import { routeHash } from '../useHashRoute';

/**
 * On an approved company whose owner is not approved in their own application now (reset,
 * rejected or expired since the company's approval): which owners, each linked to their case. The
 * approval is not undone by itself; whether it still holds is the officer's call (reset to review).
 */
export function OwnerAlertNotice({ summary, owners }: { summary: CaseSummary; owners: readonly CompanyOwner[] }) {
  const { t } = useTranslation();
  if (!summary.ownerAlert) return null;
  const open = owners.filter((o) => o.caseStatus !== 'APPROVED');
  return (
    <div className="owner-alert" role="status" data-testid="owner-alert">
      <strong>{t('case.ownerAlertTitle', { count: open.length })}</strong>
      <p>
        {t('case.ownerAlertExplain')}{' '}
        {open.map((o, i) => (
          <span key={o.profileId}>
            {i > 0 ? t('case.listSeparator') : null}
            {o.caseId ? <a className="link" href={routeHash({ page: 'case', caseId: o.caseId })}>{o.displayName ?? o.profileId.slice(0, 8)}</a> : (o.displayName ?? o.profileId.slice(0, 8))}{' '}
            ({o.caseStatus ? t(`status.${o.caseStatus}`) : t('case.ownerNoCase')})
          </span>
        ))}
      </p>
      <p>{t('case.ownerAlertAction')}</p>
    </div>
  );
}
