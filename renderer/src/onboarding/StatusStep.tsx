import { DiditSessionControl } from '../sync/DiditSessionControl';
import { useTranslation } from 'react-i18next';
import type { IntakeStatus, WizardStep } from '../../../shared/schemas/intake';
import { StatusSummary } from './StatusSummary';
import { ResubmissionNotice } from './ResubmissionNotice';
import { ExpiredNotice } from '../components/ExpiredNotice';
import { formatDateTime } from '../format/formatDateTime';
import { checklistLabelKey, checklistSteps, livenessNotPassed, stepLabelKey } from './steps';
import { discardApplication } from './discardApplication';
import { navigate } from '../useHashRoute';

/** Step 1: where the customer stands, what is done, and where to carry on. */
export function StatusStep({
  status,
  resumeStep,
  next,
  onGo,
  onRestarted,
}: {
  status: IntakeStatus;
  resumeStep: WizardStep | null;
  next: WizardStep;
  onGo(step: WizardStep): void;
  /** After an expired application was restarted: reload the status. */
  onRestarted(): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title">{t('onboarding.status.title')}</h2>
      <StatusSummary status={status} />
      <ResubmissionNotice status={status} />
      <ExpiredNotice caseId={status.caseId} status={status.caseStatus} closing={status.closing} onRestarted={onRestarted} />
      {status.editable && <DiditSessionControl caseId={status.caseId} />}
      <ul className="step-checklist">
        {checklistSteps(status).map((s) =>
          s === 'liveness' && livenessNotPassed(status) ? (
            <li key={s} className="not-passed">
              <span aria-hidden="true">!</span> {t('onboarding.checklist.livenessNotPassed')}
            </li>
          ) : (
            <li key={s} className={status.steps[s] ? 'done' : 'open'}>
              <span aria-hidden="true">{status.steps[s] ? '✓' : '○'}</span> {t(checklistLabelKey(s, status))}
              <span className="visually-hidden">{status.steps[s] ? t('onboarding.stepper.done') : t('onboarding.stepper.open')}</span>
            </li>
          ),
        )}
      </ul>
      {status.consent ? (
        <p className="muted small">
          {t('onboarding.status.consentBy', { version: status.consent.version, name: status.consent.operatorName, at: formatDateTime(status.consent.at) })}
        </p>
      ) : null}
      <div className="button-row">
        {status.editable ? (
          <>
            {/* Where the operator left off comes first: that is what someone coming back wants. */}
            {resumeStep && resumeStep !== next && resumeStep !== 'status' ? (
              <button type="button" className="button primary" onClick={() => onGo(resumeStep)}>
                {t('onboarding.status.resume', { step: t(stepLabelKey(resumeStep, status)) })}
              </button>
            ) : null}
            <button type="button" className={`button ${resumeStep && resumeStep !== next && resumeStep !== 'status' ? 'secondary' : 'primary'}`} onClick={() => onGo(next)}>
              {t('onboarding.status.continue', { step: t(stepLabelKey(next, status)) })}
            </button>
          </>
        ) : (
          <button type="button" className="button primary" onClick={() => onGo('submit')}>
            {t('onboarding.status.showProgress')}
          </button>
        )}
      </div>
      {/* Until the personal information is saved there is no customer on file, only what was begun. */}
      {status.editable && status.profile === null ? (
        <div className="discard-application">
          <p className="muted small">
            <strong>{t('onboarding.discard.title')}</strong> {t('onboarding.discard.hint')}
          </p>
          <button type="button" className="button secondary" onClick={() => void discardApplication(status.profileId, t).then((gone) => gone && navigate({ page: 'onboarding' }))}>
            {t('onboarding.discard.button')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
