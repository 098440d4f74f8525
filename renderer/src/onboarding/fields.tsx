import { createContext, useContext, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getAt, type FieldErrors, type FormValues } from './formModel';
import { useCountryOptions } from './countryOptions';

interface FormState {
  values: FormValues;
  errors: FieldErrors;
  set(path: string, value: unknown): void;
  disabled?: boolean;
  /** Fields filled from the document, marked for the operator to check. */
  highlighted?: string[];
}

const FormContext = createContext<FormState | null>(null);

export function FormProvider({ state, children }: { state: FormState; children: ReactNode }) {
  return <FormContext.Provider value={state}>{children}</FormContext.Provider>;
}

function useForm(): FormState {
  const f = useContext(FormContext);
  if (!f) throw new Error('field outside FormProvider');
  return f;
}

/** Label, control and the field's own error, wired for screen readers (aria-invalid, aria-describedby). */
function FieldShell({ path, label, hint, required, children }: { path: string; label: string; hint?: string | undefined; required?: boolean | undefined; children: (id: string, described: string | undefined, invalid: boolean) => ReactNode }) {
  const { errors, highlighted } = useForm();
  const { t } = useTranslation();
  const id = useId();
  const error = errors[path];
  const fromDocument = highlighted?.includes(path) ?? false;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  // While the field is in error the error says what to do (with its own example): the hint would say it twice.
  const showHint = hint && !error;
  const described = [error ? errorId : null, showHint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${error ? ' has-error' : ''}${fromDocument ? ' prefilled' : ''}`} data-field={path}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required-mark" aria-hidden="true"> *</span> : null}
        {fromDocument ? <span className="from-document">{t('onboarding.form.fromDocument')}</span> : null}
      </label>
      {children(id, described, !!error)}
      {showHint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TextField({ path, label, type = 'text', hint, required, autoComplete }: { path: string; label: string; type?: 'text' | 'email' | 'tel' | 'date'; hint?: string; required?: boolean; autoComplete?: string }) {
  const { values, set, disabled } = useForm();
  const value = getAt(values, path);
  return (
    <FieldShell path={path} label={label} hint={hint} required={required}>
      {(id, described, invalid) => (
        <input
          id={id}
          type={type}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(path, e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={described}
          aria-required={required || undefined}
          autoComplete={autoComplete ?? 'off'}
          disabled={disabled}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({ path, label, options, hint, required, placeholder }: { path: string; label: string; options: readonly { value: string; label: string }[]; hint?: string; required?: boolean; placeholder?: string }) {
  const { values, set, disabled } = useForm();
  const { t } = useTranslation();
  const value = getAt(values, path);
  return (
    <FieldShell path={path} label={label} hint={hint} required={required}>
      {(id, described, invalid) => (
        <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => set(path, e.target.value)} aria-invalid={invalid || undefined} aria-describedby={described} disabled={disabled}>
          <option value="">{placeholder ?? t('onboarding.form.choose')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function CountryField({ path, label, required }: { path: string; label: string; required?: boolean }) {
  const options = useCountryOptions();
  return <SelectField path={path} label={label} options={options} required={required ?? false} />;
}

/** A set of checkboxes for an array field (activities, jurisdictions). */
export function CheckboxGroup({ path, label, options, required }: { path: string; label: string; options: readonly { value: string; label: string }[]; required?: boolean }) {
  const { values, errors, set, disabled } = useForm();
  const selected = (getAt(values, path) as string[] | undefined) ?? [];
  const id = useId();
  const error = errors[path];
  return (
    <fieldset className={`form-field checkbox-group${error ? ' has-error' : ''}`} data-field={path} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {label}
        {required ? <span className="required-mark" aria-hidden="true"> *</span> : null}
      </legend>
      <div className="checkbox-options">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              disabled={disabled}
              onChange={(e) => set(path, e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

/** Several countries, chosen one at a time from a picker and shown as removable chips. */
export function CountryListField({ path, label, required }: { path: string; label: string; required?: boolean }) {
  const { values, errors, set, disabled } = useForm();
  const { t } = useTranslation();
  const options = useCountryOptions();
  const selected = (getAt(values, path) as string[] | undefined) ?? [];
  const id = useId();
  const error = errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];
  return (
    <div className={`form-field${error ? ' has-error' : ''}`} data-field={path}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required-mark" aria-hidden="true"> *</span> : null}
      </label>
      <select id={id} value="" disabled={disabled} onChange={(e) => e.target.value && !selected.includes(e.target.value) && set(path, [...selected, e.target.value])} aria-invalid={!!error || undefined}>
        <option value="">{t('onboarding.form.addCountry')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {selected.length > 0 ? (
        <ul className="chip-list">
          {selected.map((code) => (
            <li key={code} className="chip">
              {options.find((o) => o.value === code)?.label ?? code}
              <button type="button" className="link" aria-label={t('onboarding.form.remove', { name: code })} onClick={() => set(path, selected.filter((c) => c !== code))} disabled={disabled}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
