import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { CaseStatus } from '../../../shared/caseStatus';
import type { ClosingChange } from '../../../shared/closingChange';
import { formatDateTime } from '../format/formatDateTime';
import { callOrToast, useOperation } from '../api/useOperation';
import { useSession } from '../store/sessionStore';
import { toast } from '../store/toastStore';

/**
 * Shown on an EXPIRED application (case page and onboarding): why it expired (Didit's word when
 * Didit expired it, else the policy's idle period), and for the roles that may (onboarding staff
 * and reviewers) a button that restarts it, EXPIRED -> IN_PROGRESS.
 */
export function ExpiredNotice({ caseId, status, closing = null, onRestarted }: { caseId: string | null; status: CaseStatus; closing?: ClosingChange | null; onRestarted(): void }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const [busy, setBusy] = useState(false);
  const expired = status === 'EXPIRED' && caseId !== null;
  // The period is the current policy's; only fetched for an expired application.
  const policy = useOperation('policy.get', expired ? {} : null);
  if (!expired) return null;
  const canRestart = role !== undefined && (contract['cases.restart'].roles as readonly string[]).includes(role);
  const days = policy.data?.body.applicationExpiryDays;

  const why = () => {
    if (closing?.via === 'didit') {
      const words = { id: closing.remoteId ?? '', at: formatDateTime(closing.at) };
      return t(closing.remoteStatus === 'Kyc Expired' ? 'expiry.diditKycExpired' : 'expiry.diditExpired', words);
    }
    return days === undefined ? t('expiry.explainNoDays') : t('expiry.explain', { days });
  };

  const restart = async () => {
    setBusy(true);
    const done = await callOrToast('cases.restart', { id: caseId });
    setBusy(false);
    if (done) {
      toast(t('expiry.restarted'));
      onRestarted();
    }
  };

  return (
    <div className="expired-notice" role="status">
      <div>
        <strong>{t('expiry.title')}</strong>
        <p>{why()}</p>
      </div>
      {canRestart ? (
        <button type="button" className="button primary" disabled={busy} onClick={() => void restart()}>
          {t('expiry.restart')}
        </button>
      ) : null}
    </div>
  );
}
