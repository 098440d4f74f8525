import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { INTAKE_STEPS, type IntakeStatus, type IntakeTexts, type WizardStep } from '../../../shared/schemas/intake';
import { StatusSummary } from './StatusSummary';
import { ResubmissionNotice } from './ResubmissionNotice';
import { SubmissionSummary } from './SubmissionSummary';
import { checklistLabelKey, checklistSteps, livenessNotPassed } from './steps';
import { errorMessage } from '../api/errorMessage';
import { routeHash } from '../useHashRoute';

const POLL_MS = 4000;
const FINAL = ['APPROVED', 'REJECTED', 'EXPIRED'];

const STEP_SCREEN: Record<(typeof INTAKE_STEPS)[number], WizardStep> = {
  consent: 'consent',
  documents: 'documents',
  personalInfo: 'personalInfo',
  liveness: 'liveness',
  agreements: 'agreements',
  submitted: 'submit',
};

/** Step 8: what will be sent, the submit itself, and then the case's status, polled until it is decided. */
export function SubmitStep({ status, texts, onStatus, onGo }: { status: IntakeStatus; texts: IntakeTexts; onStatus(s: IntakeStatus): void; onGo(step: WizardStep): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submitted = status.steps.submitted;
  const waiting = submitted && !FINAL.includes(status.caseStatus);

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      void api.call('intake.status', { profileId: status.profileId }).then((r) => (r.ok ? onStatus(r.value) : handleError(r.error)));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, status.profileId, onStatus]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('intake.submit', { profileId: status.profileId });
    setBusy(false);
    if (r.ok) {
      onStatus(r.value);
      // The submit button is gone once submitted: the focus goes to the heading that says so.
      requestAnimationFrame(() => document.getElementById('step-title')?.focus());
    } else {
      setError(errorMessage(r.error));
      handleError(r.error);
    }
  };

  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1}>{submitted ? t('onboarding.submit.titleDone') : t('onboarding.submit.title')}</h2>
      {submitted ? (
        <div className="submitted-panel" aria-live="polite">
          <StatusSummary status={status} showCustomer={false} showReference />
          <p className="muted">{waiting ? t('onboarding.submit.polling') : t(`onboarding.submit.final.${status.caseStatus}`, { defaultValue: '' })}</p>
          <div className="button-row">
            <a className="button secondary" href={routeHash({ page: 'onboarding' })}>
              {t('onboarding.submit.nextCustomer')}
            </a>
          </div>
        </div>
      ) : (
        <>
          <ResubmissionNotice status={status} />
          <SubmissionSummary status={status} texts={texts} />
          <ul className="step-checklist">
            {checklistSteps(status).filter((s) => s !== 'submitted').map((s) => {
              const needed = status.missingForSubmit.includes(s);
              if (s === 'liveness' && livenessNotPassed(status)) {
                return (
                  <li key={s} className="not-passed">
                    <span aria-hidden="true">!</span> {t('onboarding.checklist.livenessNotPassed')}
                  </li>
                );
              }
              return (
                <li key={s} className={status.steps[s] ? 'done' : needed ? 'missing' : 'open'}>
                  <span aria-hidden="true">{status.steps[s] ? '✓' : needed ? '!' : '○'}</span> {t(checklistLabelKey(s, status))}
                  {!status.steps[s] ? (
                    <>
                      {' '}
                      <button type="button" className="link small" onClick={() => onGo(STEP_SCREEN[s])}>
                        {t('onboarding.submit.goTo')}
                      </button>
                      {!needed ? <span className="muted small"> · {t('onboarding.submit.recommended')}</span> : null}
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => void submit()} disabled={busy || status.missingForSubmit.length > 0 || !status.editable}>
              {busy ? t('onboarding.common.saving') : status.resubmission ? t('onboarding.submit.resubmit') : t('onboarding.submit.submit')}
            </button>
            {status.missingForSubmit.length > 0 ? <span className="muted small">{t('onboarding.submit.missing')}</span> : null}
          </div>
        </>
      )}
    </section>
  );
}
