import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyFieldSpec } from './policyFields';
import type { PolicyFormValue } from './policyForm';

interface Props {
  field: PolicyFieldSpec;
  value: PolicyFormValue | undefined;
  /** Differs from the current version. */
  changed: boolean;
  error: string | undefined;
  onChange(key: string, value: PolicyFormValue): void;
  /** Shown under the field's help (the face threshold's measured error rates). */
  aside?: ReactNode;
}

/** One policy field: a switch or a number box, its label, what it does, and what is wrong with it. */
export function PolicyFieldInput({ field, value, changed, error, onChange, aside }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const helpId = `${uid}-help`;
  const errorId = `${uid}-error`;
  const describedBy = error ? `${helpId} ${errorId}` : helpId;
  const label = t(`policy.fields.${field.key}.label`);
  return (
    <div className={`policy-field${changed ? ' policy-field-changed' : ''}`} data-field={field.key}>
      {field.kind === 'toggle' ? (
        <label className="policy-switch">
          <input
            type="checkbox"
            role="switch"
            checked={value === true}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange(field.key, e.target.checked)}
          />
          <span className="policy-switch-track" aria-hidden="true" />
          <span className="policy-field-label">{label}</span>
        </label>
      ) : (
        <label className="policy-number">
          <span className="policy-field-label">{label}</span>
          <input
            type="number"
            inputMode="decimal"
            min={field.min}
            max={field.max}
            step={field.step}
            value={typeof value === 'string' ? value : ''}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange(field.key, e.target.value)}
          />
        </label>
      )}
      <small id={helpId} className="muted policy-help">
        {t(`policy.fields.${field.key}.help`)}
      </small>
      {error && (
        <p id={errorId} className="form-error small" role="alert" data-testid={`policy-error-${field.key}`}>
          {error}
        </p>
      )}
      {aside}
    </div>
  );
}
