import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/caseStatus';
import type { ClosingChange } from '../../../shared/closingChange';
import { actorLabel } from '../format/actorLabel';
import { formatDateTime } from '../format/formatDateTime';

/**
 * In the decision history of a case that Didit, the central kycService, the engine or a schedule
 * closed: who or what closed it, from where, and when. Without it a closed case shows no decision
 * that closed it (or an older one that did not), as the PDF report's closing words would not.
 */
export function ClosedWithoutDecision({ status, change }: { status: CaseStatus; change: ClosingChange }) {
  const { t } = useTranslation();
  const words = { status: t(`status.${status}`), at: formatDateTime(change.at), id: change.remoteId ?? '' };
  const how = change.automatic
    ? t('decide.closedBy.engine', words)
    : change.via === 'didit' || change.via === 'central'
      ? t(change.remoteId ? `decide.closedBy.${change.via}` : `decide.closedBy.${change.via}NoId`, words)
      : t('decide.closedBy.actor', { ...words, name: actorLabel(change, t) });
  return (
    <p className="closed-by" role="note">
      <strong>{t('decide.closedBy.title')}</strong> {how}
    </p>
  );
}
