import type { IntakeStatus, WizardStep } from '../../../shared/schemas/intake';
import { INTAKE_STEPS, WIZARD_STEPS, type IntakeStep } from '../../../shared/schemas/intake';

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

/**
 * The screens of this customer's wizard: a company has no document pre-fill (company documents
 * are not read) and no selfie or liveness check (its owners are verified in their own cases).
 */
export function wizardSteps(s: IntakeStatus): readonly WizardStep[] {
  return s.type === 'COMPANY' ? WIZARD_STEPS.filter((w) => w !== 'prefill' && w !== 'liveness') : WIZARD_STEPS;
}

/** The stored steps a checklist shows for this customer (a company has no liveness check). */
export function checklistSteps(s: IntakeStatus): readonly IntakeStep[] {
  return s.type === 'COMPANY' ? INTAKE_STEPS.filter((x) => x !== 'liveness') : INTAKE_STEPS;
}

/** A checklist line's words: a company's information is not personal either. */
export function checklistLabelKey(step: IntakeStep, s: IntakeStatus): string {
  return step === 'personalInfo' && s.type === 'COMPANY' ? 'onboarding.checklist.companyInfo' : `onboarding.checklist.${step}`;
}

/** A screen's name: a company's information is not personal. */
export function stepLabelKey(step: WizardStep, s: IntakeStatus): string {
  return step === 'personalInfo' && s.type === 'COMPANY' ? 'onboarding.steps.companyInfo' : `onboarding.steps.${step}`;
}

/** The first screen with work left; the submit screen (which shows the status) once all is done. */
export function nextOpenStep(s: IntakeStatus): WizardStep {
  if (!s.editable) return 'submit';
  return wizardSteps(s).find((w) => w !== 'status' && !stepDone(w, s)) ?? 'submit';
}

export function stepAfter(step: WizardStep, s: IntakeStatus): WizardStep {
  const steps = wizardSteps(s);
  const i = WIZARD_STEPS.indexOf(step);
  // The next of this customer's screens after `step` (which may itself be one they skip).
  return WIZARD_STEPS.slice(i + 1).find((w) => steps.includes(w)) ?? 'submit';
}
