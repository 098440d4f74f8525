import type { IntakeStatus, WizardStep } from '../../../shared/schemas/intake';
import { WIZARD_STEPS } from '../../../shared/schemas/intake';

/** Whether a screen's work is done, from the stored state (screens without a stored step follow their neighbours). */
export function stepDone(step: WizardStep, s: IntakeStatus): boolean {
  switch (step) {
    case 'status':
      return true;
    case 'consent':
      return s.steps.consent;
    case 'documents':
      return s.steps.documents;
    case 'prefill':
      return s.steps.personalInfo;
    case 'personalInfo':
      return s.steps.personalInfo;
    case 'liveness':
      return s.steps.liveness;
    case 'agreements':
      return s.steps.agreements;
    case 'submit':
      return s.steps.submitted;
  }
}

/**
 * A liveness check done but not passed is done (it does not block the submission), yet must not
 * read as a success: the checklists and the stepper mark it apart.
 */
export function livenessNotPassed(s: IntakeStatus): boolean {
  return s.steps.liveness && s.liveness?.status === 'FAILED';
}

/** The first screen with work left; the submit screen (which shows the status) once all is done. */
export function nextOpenStep(s: IntakeStatus): WizardStep {
  if (!s.editable) return 'submit';
  return WIZARD_STEPS.find((w) => w !== 'status' && !stepDone(w, s)) ?? 'submit';
}

export function stepAfter(step: WizardStep): WizardStep {
  const i = WIZARD_STEPS.indexOf(step);
  return WIZARD_STEPS[Math.min(WIZARD_STEPS.length - 1, i + 1)]!;
}
