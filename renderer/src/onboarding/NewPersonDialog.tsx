import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { personInputSchema } from '../../../shared/schemas/profile';
import { FormProvider } from './fields';
import { cleanForm, setAt, validateWith, type FieldErrors, type FormValues } from './formModel';
import { PersonFields } from './PersonFields';
import { useEscapeKey } from '../components/useEscapeKey';
import { trapTab } from '../components/trapTab';
import { errorMessage } from '../api/errorMessage';
import { useIssueWords } from './useIssueWords';

/** Creates a new PERSON profile to be a company owner, with the same rules as any person. */
export function NewPersonDialog({ onClose, onCreated }: { onClose(): void; onCreated(id: string, name: string): void }) {
  const { t } = useTranslation();
  const words = useIssueWords();
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // Escape with something typed asks first: a whole person's details are not thrown away by one key.
  useEscapeKey(() => {
    if (Object.keys(values).length === 0 || window.confirm(t('onboarding.owners.discard'))) onClose();
  });
  // On mount only: taking the focus again when the form behind re-rendered sent what the user
  // was typing into the first field.
  useEffect(() => ref.current?.querySelector('input')?.focus(), []);

  const save = async () => {
    const { data, errors: found } = validateWith(personInputSchema(), cleanForm(values, ['address', 'document']), words);
    setErrors(found);
    if (!data) return;
    setBusy(true);
    const r = await api.call('profiles.createPerson', data);
    setBusy(false);
    if (r.ok) onCreated(r.value.id, r.value.displayName);
    else if (r.error.field) setErrors({ [r.error.field]: errorMessage(r.error) });
    else handleError(r.error);
  };

  return (
    <div className="overlay" role="presentation">
      <div className="overlay-card dialog-wide" role="dialog" aria-modal="true" aria-labelledby="new-person-title" ref={ref} onKeyDown={trapTab}>
        <h2 id="new-person-title">{t('onboarding.owners.createTitle')}</h2>
        <FormProvider state={{ values, errors, set: (path, v) => setValues((cur) => setAt(cur, path, v)) }}>
          <PersonFields values={values} />
        </FormProvider>
        <div className="button-row">
          <button type="button" className="button primary" onClick={() => void save()} disabled={busy}>
            {busy ? t('onboarding.common.saving') : t('onboarding.owners.create')}
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('onboarding.common.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
