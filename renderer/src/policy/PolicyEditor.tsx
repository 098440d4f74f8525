import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { ErrorCode } from '../../../shared/errorCodes';
import { faceMatchScore, policyBodySchema, type Policy } from '../../../shared/schemas/policy';
import { CHALLENGE_ACTIONS } from '../../../shared/schemas/liveness';
import type { TFunction } from 'i18next';
import { policyIssueWords, type PolicyIssue } from './policyIssueWords';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { FACE_THRESHOLD_KEY, POLICY_FIELD_GROUPS } from './policyFields';
import { changedKeys, fieldErrors, fieldKeyOf, formBody, toForm, type PolicyForm, type PolicyFormValue } from './policyForm';
import { PolicyFieldGroup } from './PolicyFieldGroup';
import { FaceThresholdRates } from './FaceThresholdRates';
import { errorMessage } from '../api/errorMessage';

const noteSchema = contract['policy.update'].input.shape.note;

/** What the schemas say is wrong with the form, in the UI's language: the body's issues by field, and the note's. */
function validate(values: PolicyForm, note: string, t: TFunction) {
  const form = formBody(values);
  const body = policyBodySchema.safeParse(form);
  const n = noteSchema.safeParse(note);
  const match = Number(values['faceMatch.matchThreshold']);
  const numbers = { maxDecline: Number.isFinite(match) ? faceMatchScore(match) : 100, actions: CHALLENGE_ACTIONS.length };
  const words = (i: PolicyIssue) => policyIssueWords(i, t, numbers);
  const errors = {
    ...(body.success ? {} : fieldErrors(body.error.issues.map((i) => ({ path: i.path, message: words(i as PolicyIssue) })))),
    ...(n.success ? {} : { note: words({ ...(n.error.issues[0] as PolicyIssue), path: ['note'] }) }),
  };
  return { body: body.success ? body.data : null, note: n.success ? n.data : null, errors };
}

interface Props {
  policy: Policy;
  /** Admins edit; everyone else reads the same form disabled. */
  canEdit: boolean;
  onSaved(p: Policy): void;
  /** Another admin saved a version since this one was shown (POLICY.0001): the page loads it. */
  onStale(): void;
}

/**
 * Every field of the current policy, grouped, editable by an administrator: the form is checked
 * with the policy's own schema before it is sent, and the service's coded refusal lands beside
 * the field it names. Saving makes a new version; nothing changed, nothing to save.
 */
export function PolicyEditor({ policy, canEdit, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => toForm(policy.body));
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ key: string | null; text: string } | null>(null);

  const changed = useMemo(() => new Set(changedKeys(values, policy.body)), [values, policy.body]);
  const checked = useMemo(() => validate(values, note, t), [values, note, t]);
  // Errors show once a save was tried, then follow the typing.
  const shown: Record<string, string> = tried ? { ...checked.errors } : {};
  const refusedField = refusal?.key && (refusal.key in values || refusal.key === 'note') ? refusal.key : null;
  if (refusal && refusedField) shown[refusedField] = refusal.text;

  const change = (key: string, value: PolicyFormValue) => {
    setValues((v) => ({ ...v, [key]: value }));
    setRefusal(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setRefusal(null);
    if (!checked.body || checked.note === null) return;
    setBusy(true);
    const r = await api.call('policy.update', { body: checked.body, note: checked.note, expectedVersion: policy.version });
    setBusy(false);
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    if (r.error.code === ErrorCode.SESSION_EXPIRED || r.error.code === ErrorCode.NOT_AUTHENTICATED) handleError(r.error);
    else if (r.error.code === ErrorCode.STALE_POLICY) onStale();
    else setRefusal({ key: fieldKeyOf(r.error.field), text: `${errorMessage(r.error)} (${r.error.code})` });
  };

  const invalid = tried && Object.keys(checked.errors).length > 0;
  return (
    <form className="policy-editor" onSubmit={(e) => void save(e)} noValidate aria-label={t('policy.title')}>
      <fieldset className="policy-fieldset" disabled={!canEdit || busy}>
        {POLICY_FIELD_GROUPS.map((g) => (
          <PolicyFieldGroup
            key={g.id}
            group={g}
            values={values}
            changed={changed}
            errors={shown}
            onChange={change}
            asideFor={(key) => (key === FACE_THRESHOLD_KEY ? <FaceThresholdRates value={values[key]} /> : null)}
          />
        ))}
      </fieldset>
      {canEdit && (
        <div className="panel policy-save-bar">
          <div className="policy-save-row">
            <label className="policy-note">
              <span>{t('policy.note')}</span>
              <textarea
                rows={1}
                value={note}
                maxLength={1000}
                placeholder={t('policy.notePlaceholder')}
                aria-invalid={shown.note ? true : undefined}
                disabled={busy}
                onChange={(e) => {
                  setNote(e.target.value);
                  setRefusal(null);
                }}
              />
            </label>
            <div className="policy-save-actions">
              <button type="submit" className="button primary" disabled={busy || changed.size === 0} aria-busy={busy}>
                {busy ? t('policy.saving') : t('policy.save')}
              </button>
              <span className="muted small" data-testid="policy-dirty">
                {changed.size === 0 ? t('policy.unchanged') : t('policy.unsaved', { count: changed.size })}
              </span>
            </div>
          </div>
          {shown.note && (
            <p className="form-error small" role="alert" data-testid="policy-error-note">
              {shown.note}
            </p>
          )}
          {invalid && (
            <p className="form-error small" role="alert">
              {t('policy.invalid')}
            </p>
          )}
          {refusal && !refusedField && (
            <p className="form-error small" role="alert" data-testid="policy-refusal">
              {refusal.text}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
