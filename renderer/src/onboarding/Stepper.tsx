import { useTranslation } from 'react-i18next';
import type { IntakeStatus, WizardStep } from '../../../shared/schemas/intake';
import { livenessNotPassed, stepDone, stepLabelKey, wizardSteps } from './steps';

/** The LeapCat steps down the side: where the wizard is, what is done, and a way back to any step. */
export function Stepper({ status, current, onSelect }: { status: IntakeStatus; current: WizardStep; onSelect(step: WizardStep): void }) {
  const { t } = useTranslation();
  return (
    <nav className="stepper" aria-label={t('onboarding.stepper.label')}>
      <ol>
        {wizardSteps(status).map((step, i) => {
          const done = step !== 'status' && stepDone(step, status);
          const notPassed = step === 'liveness' && livenessNotPassed(status);
          return (
            <li key={step} className={`${step === current ? 'current' : ''}${notPassed ? ' not-passed' : done ? ' done' : ''}`}>
              <button type="button" onClick={() => onSelect(step)} aria-current={step === current ? 'step' : undefined}>
                <span className="step-index" aria-hidden="true">
                  {notPassed ? '!' : done ? '✓' : i + 1}
                </span>
                <span className="step-label">{t(stepLabelKey(step, status))}</span>
                {done ? <span className="visually-hidden">{t(notPassed ? 'onboarding.stepper.notPassed' : 'onboarding.stepper.done')}</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
