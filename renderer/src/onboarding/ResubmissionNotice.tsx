import { useTranslation } from 'react-i18next';
import type { IntakeStatus } from '../../../shared/schemas/intake';

/** What the reviewer asked for, in the reviewer's own words, while the case waits for it. */
export function ResubmissionNotice({ status }: { status: IntakeStatus }) {
  const { t } = useTranslation();
  const r = status.resubmission;
  if (!r) return null;
  return (
    <div className="notice warn" role="status">
      <strong>{t('onboarding.resubmission.title')}</strong>
      <p>
        {t('onboarding.resubmission.items')}
        {t('case.colon')}
        {r.items.map((i) => t(`onboarding.resubmission.item.${i}`)).join(t('case.listSeparator'))}
      </p>
      {r.customerMessage ? <p className="quote">“{r.customerMessage}”</p> : null}
      {r.reasonCode ? <p className="muted small">{t('onboarding.resubmission.reason', { reason: t(`onboarding.reason.${r.reasonCode}`) })}</p> : null}
    </div>
  );
}
