import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeStatus, IntakeTexts } from '../../../shared/schemas/intake';
import { callOrToast } from '../api/useOperation';
import { LegalTextView } from './LegalTextView';

/** Step 7: each agreement and disclosure, accepted at the version shown. */
export function AgreementsStep({ status, texts, onDone }: { status: IntakeStatus; texts: IntakeTexts; onDone(s: IntakeStatus): void }) {
  const { t } = useTranslation();
  const acceptedNow = (id: string, version: number) => status.agreements.accepted.some((a) => a.id === id && a.version === version);
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const open = texts.agreements.filter((a) => !acceptedNow(a.id, a.version));
  const all = open.every((a) => checked[a.id]);
  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title">{t('onboarding.agreements.title')}</h2>
      <p className="muted">{t('onboarding.agreements.intro')}</p>
      {texts.agreements.map((a) => {
        const done = acceptedNow(a.id, a.version);
        return (
          <div key={a.id} className="agreement">
            <LegalTextView text={a} />
            {done ? (
              <p className="notice ok">{t('onboarding.agreements.accepted', { version: a.version })}</p>
            ) : (
              <label className="check confirm">
                <input type="checkbox" checked={!!checked[a.id]} onChange={(e) => setChecked((c) => ({ ...c, [a.id]: e.target.checked }))} disabled={!status.editable} />
                {t('onboarding.agreements.confirm', { kind: t(`onboarding.agreements.kind.${a.kind}`), version: a.version })}
              </label>
            )}
          </div>
        );
      })}
      <div className="button-row">
        {open.length === 0 ? (
          <button type="button" className="button primary" onClick={() => onDone(status)}>
            {t('onboarding.common.next')}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={!all || busy || !status.editable}
            onClick={() => {
              setBusy(true);
              void callOrToast('intake.acceptAgreements', { profileId: status.profileId, accepted: open.map((a) => ({ id: a.id, version: a.version })) }).then((s) => {
                setBusy(false);
                if (s) onDone(s);
              });
            }}
          >
            {busy ? t('onboarding.common.saving') : t('onboarding.agreements.accept')}
          </button>
        )}
      </div>
    </section>
  );
}
