import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { ErrorCode } from '../../../shared/errorCodes';
import type { IntakeStatus, Prefill } from '../../../shared/schemas/intake';
import type { ServiceError } from '../../../shared/result';
import { formatDate } from '../format/formatDateTime';
import { SkeletonBlock } from '../components/Skeleton';

/** The form fields the MRZ can fill, in reading order. */
const FIELD_ORDER = ['firstName', 'middleName', 'lastName', 'dateOfBirth', 'nationality', 'document.type', 'document.number', 'document.issuedCountryCode', 'document.expiryDate'];

/**
 * Step 4: reads the document's MRZ on this workstation and offers the values for the
 * personal-information form. The operator checks them there; nothing is saved from here.
 */
export function PrefillStep({ status, onApply, onSkip }: { status: IntakeStatus; onApply(fields: Record<string, string>): void; onSkip(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Prefill | null>(null);
  const [error, setError] = useState<ServiceError | null>(null);

  if (status.type === 'COMPANY') {
    return (
      <section className="wizard-step" aria-labelledby="step-title">
        <h2 id="step-title">{t('onboarding.prefill.title')}</h2>
        <p className="notice">{t('onboarding.prefill.company')}</p>
        <div className="button-row">
          <button type="button" className="button primary" onClick={onSkip}>
            {t('onboarding.common.next')}
          </button>
        </div>
      </section>
    );
  }

  const read = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('intake.prefill', { profileId: status.profileId });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else {
      setError(r.error);
      if (r.error.code === ErrorCode.SESSION_EXPIRED) handleError(r.error);
    }
  };
  const found = result ? FIELD_ORDER.filter((f) => result.fields[f]) : [];
  // The engine flags an expired document (DOCUMENT_EXPIRED) for an officer: better said at the counter, before the rest is filled in.
  const expiry = result?.fields['document.expiryDate'];
  const expired = expiry !== undefined && expiry < new Date().toISOString().slice(0, 10);

  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title">{t('onboarding.prefill.title')}</h2>
      <p className="muted">{t('onboarding.prefill.intro')}</p>
      {!result && !busy ? (
        <div className="button-row">
          <button type="button" className="button primary" onClick={() => void read()} disabled={!status.steps.documents}>
            {t('onboarding.prefill.read')}
          </button>
          <button type="button" className="button secondary" onClick={onSkip}>
            {t('onboarding.prefill.byHand')}
          </button>
        </div>
      ) : null}
      {busy ? (
        <div aria-live="polite">
          <p className="muted">{t('onboarding.prefill.reading')}</p>
          <SkeletonBlock lines={6} />
        </div>
      ) : null}
      {error ? (
        <p className="notice warn" role="alert">
          {error.code === ErrorCode.ENGINE_OFF ? t('onboarding.prefill.engineOff') : error.message}
        </p>
      ) : null}
      {result ? (
        <div className="prefill-result">
          <p className={`notice ${result.mrzFound && result.mrzValid ? 'ok' : 'warn'}`} role="status">
            {!result.mrzFound ? t('onboarding.prefill.noMrz') : result.mrzValid ? t('onboarding.prefill.valid') : t('onboarding.prefill.checkDigits')}
          </p>
          {expired ? (
            <p className="notice warn" role="alert" data-testid="prefill-expired">
              {t('onboarding.prefill.expired', { date: formatDate(expiry) })}
            </p>
          ) : null}
          {result.quality.some((q) => !q.acceptable) ? (
            <p className="notice warn">
              {t('onboarding.prefill.quality')}
              {t('case.colon')}
              {result.quality.filter((q) => !q.acceptable).flatMap((q) => q.reasons.map((r) => t(`engine.term.${r}`))).join(t('case.listSeparator'))}
            </p>
          ) : null}
          {found.length > 0 ? (
            <table className="prefill-table">
              <thead>
                <tr>
                  <th scope="col">{t('onboarding.prefill.field')}</th>
                  <th scope="col">{t('onboarding.prefill.value')}</th>
                  <th scope="col">{t('onboarding.prefill.confidence')}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((f) => (
                  <tr key={f} className={f === 'document.expiryDate' && expired ? 'expired' : undefined}>
                    <td>{t(`onboarding.field.${f.replace('.', '_')}`)}</td>
                    <td>
                      <code>{result.fields[f]}</code>
                    </td>
                    <td className={(result.confidence[f] ?? 0) < 0.8 ? 'low' : ''}>{Math.round((result.confidence[f] ?? 0) * 100)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
      {result || error ? (
        <div className="button-row">
          {found.length > 0 ? (
            <button type="button" className="button primary" onClick={() => onApply(Object.fromEntries(found.map((f) => [f, result!.fields[f]!])))}>
              {t('onboarding.prefill.apply')}
            </button>
          ) : null}
          <button type="button" className={found.length > 0 ? 'button secondary' : 'button primary'} onClick={onSkip}>
            {t('onboarding.prefill.byHand')}
          </button>
          <button type="button" className="button secondary" onClick={() => void read()}>
            {t('onboarding.prefill.again')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
