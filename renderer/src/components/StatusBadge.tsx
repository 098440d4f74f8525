import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/caseStatus';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}
