import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeStatus, WizardStep } from '../../../shared/schemas/intake';
import { SkeletonBlock } from '../components/Skeleton';
import { navigate } from '../useHashRoute';
import { Stepper } from './Stepper';
import { StatusStep } from './StatusStep';
import { ConsentStep } from './ConsentStep';
import { DocumentsStep } from './DocumentsStep';
import { PrefillStep } from './PrefillStep';
import { PersonalInfoStep, profileToForm } from './PersonalInfoStep';
import { LivenessStep } from './LivenessStep';
import { AgreementsStep } from './AgreementsStep';
import { SubmitStep } from './SubmitStep';
import { nextOpenStep, stepAfter, stepDone } from './steps';
import { useIntakeSession, type DraftData } from './useIntakeSession';
import { setAt, type FormValues } from './formModel';

/**
 * The assisted-onboarding wizard for one customer. Every screen works from the stored status;
 * the step and the unsaved form values go to a server-side draft, so the wizard can be left
 * (or the browser closed) and resumed where it was.
 */
export function OnboardingWizard({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const session = useIntakeSession(profileId);
  const { status, texts, draft, limits, refresh, setStatus, saveDraft } = session;
  const [step, setStep] = useState<WizardStep>('status');
  const [form, setForm] = useState<FormValues | null>(null);
  /** Typed but not saved yet: only then does the draft carry the form (else the stored profile is the truth). */
  const [dirty, setDirty] = useState(false);
  const [prefilled, setPrefilled] = useState<string[]>([]);
  const heading = useRef<HTMLDivElement>(null);

  // The form starts from the draft (unsaved typing wins), else from the stored profile.
  useEffect(() => {
    if (!status || form !== null) return;
    setForm(draft?.data.personalInfo ?? (status.profile ? profileToForm(status.profile) : {}));
    setDirty(draft?.data.personalInfo !== undefined);
    setPrefilled(draft?.data.prefilled ?? []);
  }, [status, draft, form]);

  const data = useCallback((patch: Partial<DraftData> = {}): DraftData => ({ ...(dirty && form ? { personalInfo: form } : {}), prefilled, ...patch }), [dirty, form, prefilled]);

  const go = useCallback(
    (next: WizardStep, draftData?: DraftData) => {
      setStep(next);
      if (status?.editable) saveDraft(next, draftData ?? data(), true);
      // Focus moves to the new step's heading, so keyboard and screen-reader users follow along.
      requestAnimationFrame(() => {
        const h = heading.current?.querySelector<HTMLElement>('h2');
        h?.setAttribute('tabindex', '-1');
        h?.focus();
      });
    },
    [status?.editable, saveDraft, data],
  );

  const advance = (s: IntakeStatus, from: WizardStep) => {
    setStatus(s);
    go(stepAfter(from, s));
  };

  if (session.loadError && !status) {
    return (
      <div className="panel empty-state">
        <strong>{t('onboarding.wizard.notFound')}</strong>
        <span className="muted">{session.loadError.message}</span>
        <button type="button" className="button secondary" onClick={() => navigate({ page: 'onboarding' })}>
          {t('onboarding.wizard.backToList')}
        </button>
      </div>
    );
  }
  if (!status || !texts || form === null) return <SkeletonBlock lines={8} />;

  // Resuming is offered where work was left: a screen not done yet, or unsaved typing in the draft.
  const resumeStep = draft && (!stepDone(draft.step, status) || draft.data.personalInfo !== undefined) ? draft.step : null;
  const screen = (() => {
    switch (step) {
      case 'status':
        return <StatusStep status={status} resumeStep={resumeStep} next={nextOpenStep(status)} onGo={go} onRestarted={() => void refresh()} />;
      case 'consent':
        return <ConsentStep status={status} texts={texts} onDone={(s) => advance(s, 'consent')} />;
      case 'documents':
        return <DocumentsStep status={status} limits={limits} onChanged={() => void refresh()} onNext={() => go(stepAfter('documents', status))} />;
      case 'prefill':
        return (
          <PrefillStep
            status={status}
            onSkip={() => go('personalInfo')}
            onApply={(fields) => {
              const next = Object.entries(fields).reduce<FormValues>((v, [path, value]) => setAt(v, path, value), form);
              const paths = Object.keys(fields);
              setForm(next);
              setDirty(true);
              setPrefilled(paths);
              setStep('personalInfo');
              saveDraft('personalInfo', data({ personalInfo: next, prefilled: paths }), true);
            }}
          />
        );
      case 'personalInfo':
        return (
          <PersonalInfoStep
            status={status}
            values={form}
            prefilled={prefilled}
            onChange={(v) => {
              setForm(v);
              setDirty(true);
              saveDraft('personalInfo', data({ personalInfo: v }));
            }}
            onSaved={(profile) => {
              // Saved: the stored profile is the truth again, and the draft stops carrying the form.
              setForm(profileToForm(profile));
              setDirty(false);
              setPrefilled([]);
              void refresh().then((s) => go(s ? stepAfter('personalInfo', s) : 'liveness', { prefilled: [] }));
            }}
          />
        );
      case 'liveness':
        return <LivenessStep status={status} limits={limits} onChanged={refresh} onNext={() => go('agreements')} onGoPersonal={() => go('personalInfo')} />;
      case 'agreements':
        return <AgreementsStep status={status} texts={texts} onDone={(s) => advance(s, 'agreements')} />;
      case 'submit':
        return <SubmitStep status={status} texts={texts} onStatus={setStatus} onGo={go} />;
    }
  })();

  return (
    <div className="wizard">
      <Stepper status={status} current={step} onSelect={go} />
      <div className="wizard-main panel" ref={heading} data-step={step}>
        {!status.editable && step !== 'submit' && step !== 'status' ? <p className="notice">{t('onboarding.wizard.readOnly', { status: t(`status.${status.caseStatus}`) })}</p> : null}
        {screen}
      </div>
    </div>
  );
}
