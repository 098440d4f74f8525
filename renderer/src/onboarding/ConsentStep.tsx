import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeStatus, IntakeTexts } from '../../../shared/schemas/intake';
import { callOrToast } from '../api/useOperation';
import { LegalTextView } from './LegalTextView';
import { formatDateTime } from '../format/formatDateTime';

/** Step 2: the customer's consent, recorded with the time, the operator and the text's version. */
export function ConsentStep({ status, texts, onDone }: { status: IntakeStatus; texts: IntakeTexts; onDone(s: IntakeStatus): void }) {
  const { t } = useTranslation();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const current = status.consent && !status.consent.outdated ? status.consent : null;
  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title">{t('onboarding.consent.title')}</h2>
      <p className="muted">{t('onboarding.consent.intro')}</p>
      <LegalTextView text={texts.consent} />
      {status.consent?.outdated ? <p className="notice warn">{t('onboarding.consent.outdated', { version: status.consent.version })}</p> : null}
      {current ? (
        <p className="notice ok" role="status">
          {t('onboarding.consent.recorded', { version: current.version, name: current.operatorName, at: formatDateTime(current.at) })}
        </p>
      ) : (
        <label className="check confirm">
          <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} disabled={!status.editable} />
          {t('onboarding.consent.confirm', { version: texts.consent.version })}
        </label>
      )}
      <div className="button-row">
        {current ? (
          <button type="button" className="button primary" onClick={() => onDone(status)}>
            {t('onboarding.common.next')}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={!agreed || busy || !status.editable}
            onClick={() => {
              setBusy(true);
              void callOrToast('intake.recordConsent', { profileId: status.profileId, consentVersion: texts.consent.version }).then((s) => {
                setBusy(false);
                if (s) onDone(s);
              });
            }}
          >
            {busy ? t('onboarding.common.saving') : t('onboarding.consent.record')}
          </button>
        )}
      </div>
    </section>
  );
}
