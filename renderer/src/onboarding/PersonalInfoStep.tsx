import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { companyInputSchema, personInputSchema, type Profile } from '../../../shared/schemas/profile';
import type { IntakeStatus } from '../../../shared/schemas/intake';
import { FormProvider } from './fields';
import { cleanForm, setAt, validateWith, type FieldErrors, type FormValues } from './formModel';
import { PersonFields } from './PersonFields';
import { CompanyFields } from './CompanyFields';
import { OwnerPicker } from './OwnerPicker';
import { INCLUDE, InvestmentSection, KycProfileSection, withoutExcludedSections } from './FinancialSections';
import { errorMessage } from '../api/errorMessage';
import { useIssueWords } from './useIssueWords';
import type { IssueWords } from './formModel';

/** A stored profile as form values, with its optional sections switched on when present. */
export function profileToForm(profile: Profile): FormValues {
  const data = JSON.parse(JSON.stringify(profile.data)) as FormValues;
  return { ...data, [INCLUDE]: { investmentProfile: data.investmentProfile !== undefined, kycProfile: data.kycProfile !== undefined } };
}

function schemaInput(values: FormValues): FormValues {
  const included = Object.entries((values[INCLUDE] ?? {}) as Record<string, boolean>)
    .filter(([, on]) => on)
    .map(([k]) => k);
  return cleanForm(withoutExcludedSections(values), ['address', 'document', ...included]);
}

function validate(type: IntakeStatus['type'], values: FormValues, words: IssueWords): FieldErrors {
  const input = schemaInput(values);
  return type === 'PERSON' ? validateWith(personInputSchema(), input, words).errors : validateWith(companyInputSchema, input, words).errors;
}

/**
 * Step 5: the personal (or company) information, checked field by field with the service's
 * own schemas before it is sent; the service's answer lands on the field it names.
 */
export function PersonalInfoStep({
  status,
  values,
  prefilled,
  onChange,
  onSaved,
}: {
  status: IntakeStatus;
  values: FormValues;
  prefilled: string[];
  onChange(values: FormValues): void;
  onSaved(profile: Profile): void;
}) {
  const { t } = useTranslation();
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const words = useIssueWords();
  const errors = useMemo(() => (attempted ? { ...validate(status.type, values, words), ...serverErrors } : serverErrors), [attempted, values, status.type, words, serverErrors]);
  const set = (path: string, v: unknown) => {
    setServerErrors((e) => {
      if (!(path in e)) return e;
      return Object.fromEntries(Object.entries(e).filter(([k]) => k !== path));
    });
    onChange(setAt(values, path, v));
  };
  // OwnerPicker sets two fields at once; apply both to the same values.
  let pending = values;
  const setMany = (path: string, v: unknown) => {
    pending = setAt(pending, path, v);
    onChange(pending);
  };

  const save = async () => {
    setAttempted(true);
    const found = validate(status.type, values, words);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(Object.keys(found));
      return;
    }
    setBusy(true);
    const data = schemaInput(values);
    const r = await api.call('intake.savePersonalInfo', status.type === 'PERSON' ? { profileId: status.profileId, type: 'PERSON', data: data as never } : { profileId: status.profileId, type: 'COMPANY', data: data as never });
    setBusy(false);
    if (r.ok) {
      setServerErrors({});
      onSaved(r.value);
      return;
    }
    const field = r.error.field?.replace(/^data\./, '');
    if (field && field !== 'profileId') {
      setServerErrors({ [field]: errorMessage(r.error) });
      focusField(field);
    } else handleError(r.error);
  };

  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title">{status.type === 'PERSON' ? t('onboarding.personal.titlePerson') : t('onboarding.personal.titleCompany')}</h2>
      <p className="muted">{status.profile ? t('onboarding.personal.editing') : t('onboarding.personal.intro')}</p>
      {prefilled.length > 0 ? <p className="notice">{t('onboarding.personal.prefilled', { count: prefilled.length })}</p> : null}
      {attempted && Object.keys(errors).length > 0 ? (
        <p className="notice warn" role="alert">
          {t('onboarding.personal.fix', { count: Object.keys(errors).length })}
        </p>
      ) : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FormProvider state={{ values, errors, set, disabled: !status.editable || busy, highlighted: prefilled }}>
          {status.type === 'PERSON' ? <PersonFields values={values} /> : <CompanyFields values={values} />}
          {status.type === 'COMPANY' ? <OwnerPicker values={values} errors={errors} set={setMany} /> : null}
          <InvestmentSection values={values} set={set} />
          <KycProfileSection values={values} set={set} company={status.type === 'COMPANY'} />
        </FormProvider>
        {/* A decided application is read, not edited: no save button to wonder about, but a line saying why. */}
        {status.editable ? (
          <div className="button-row sticky-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? t('onboarding.common.saving') : status.profile ? t('onboarding.personal.saveChanges') : t('onboarding.personal.save')}
            </button>
          </div>
        ) : (
          <p className="muted small">{t('onboarding.personal.readOnly', { status: t(`status.${status.caseStatus}`) })}</p>
        )}
      </form>
    </section>
  );
}

/** The first field with an error in the order the form shows them (validation order is the schema's). */
function focusFirstInvalid(paths: string[]): void {
  const wanted = new Set(paths);
  const first = [...document.querySelectorAll<HTMLElement>('[data-field]')].find((el) => wanted.has(el.dataset.field ?? ''));
  focusField(first?.dataset.field ?? paths[0]!);
}

function focusField(path: string): void {
  const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"] input, [data-field="${CSS.escape(path)}"] select`);
  el?.focus();
  el?.scrollIntoView({ block: 'center' });
}
