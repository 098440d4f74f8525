import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyFieldGroupSpec } from './policyFields';
import type { PolicyForm, PolicyFormValue } from './policyForm';
import { PolicyFieldInput } from './PolicyFieldInput';

interface Props {
  group: PolicyFieldGroupSpec;
  values: PolicyForm;
  changed: ReadonlySet<string>;
  errors: Readonly<Record<string, string>>;
  onChange(key: string, value: PolicyFormValue): void;
  asideFor(key: string): ReactNode;
}

/** One group of the policy (checks, capture quality, face match, ...) as a panel of fields. */
export function PolicyFieldGroup({ group, values, changed, errors, onChange, asideFor }: Props) {
  const { t } = useTranslation();
  const titleId = `policy-group-${group.id}`;
  return (
    <section className="panel policy-group" aria-labelledby={titleId} data-group={group.id}>
      <h2 id={titleId}>{t(`policy.groups.${group.id}.title`)}</h2>
      <p className="muted small policy-group-help">{t(`policy.groups.${group.id}.help`)}</p>
      <div className={`policy-fields policy-fields-${group.fields.every((f) => f.kind === 'toggle') ? 'toggles' : 'mixed'}`}>
        {group.fields.map((f) => (
          <PolicyFieldInput key={f.key} field={f} value={values[f.key]} changed={changed.has(f.key)} error={errors[f.key]} onChange={onChange} aside={asideFor(f.key)} />
        ))}
      </div>
    </section>
  );
}
