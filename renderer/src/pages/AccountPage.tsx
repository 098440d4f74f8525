import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/operator';
import type { ServiceError } from '../../../shared/result';
import { api } from '../api/apiClient';
import { errorMessage } from '../api/errorMessage';
import { handleError } from '../api/useOperation';
import { useSession } from '../store/sessionStore';
import { toast } from '../store/toastStore';
import './apiTokens.css';

/** Changing one's own password: the current one, and the new one twice; other sessions end. */
function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) {
      setError({ field: 'again', text: t('account.mismatch') });
      return;
    }
    setBusy(true);
    const r = await api.call('auth.changePassword', { currentPassword: current, newPassword: next });
    setBusy(false);
    if (r.ok) {
      setCurrent('');
      setNext('');
      setAgain('');
      setError(null);
      toast(t('account.changed'));
    } else if (r.error.field) setError({ field: r.error.field, text: refusal(r.error) });
    else handleError(r.error);
  };
  // The service names which rule refused the new one (too short, too common, the current one): its own words for the others.
  const refusal = (e: ServiceError) => (e.field === 'currentPassword' ? t('account.wrongCurrent') : e.field === 'newPassword' && next === current ? t('account.same') : errorMessage(e));
  const fieldError = (field: string) =>
    error?.field === field ? (
      <span id={`account-error-${field}`} className="field-error" role="alert">
        {error.text}
      </span>
    ) : null;
  const described = (field: string) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': `account-error-${field}` } : {});
  return (
    <form className="panel token-form" onSubmit={(e) => void submit(e)} aria-labelledby="password-title">
      <h2 id="password-title">{t('account.password')}</h2>
      <p className="muted small">{t('account.passwordNote', { min: MIN_PASSWORD_LENGTH })}</p>
      <div className="token-form-row">
        <label className="token-field">
          <span>{t('account.current')}</span>
          <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} {...described('currentPassword')} />
          {fieldError('currentPassword')}
        </label>
        <label className="token-field">
          <span>{t('account.new')}</span>
          <input type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={next} onChange={(e) => setNext(e.target.value)} {...described('newPassword')} />
          {fieldError('newPassword')}
        </label>
        <label className="token-field">
          <span>{t('account.again')}</span>
          <input type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={again} onChange={(e) => setAgain(e.target.value)} {...described('again')} />
          {fieldError('again')}
        </label>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {t('account.change')}
        </button>
      </div>
    </form>
  );
}

/** The signed-in person's own account: who they are here, and their password. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useSession((s) => s.session?.operator);
  if (!me) return null;
  return (
    <main className="page api-tokens-page">
      <div className="page-title">
        <h1>{t('account.title')}</h1>
      </div>
      <dl className="summary-list">
        <div>
          <dt>{t('operators.list.name')}</dt>
          <dd>{me.displayName}</dd>
        </div>
        <div>
          <dt>{t('operators.list.email')}</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>{t('operators.list.role')}</dt>
          <dd>{t(`role.${me.role}`)}</dd>
        </div>
      </dl>
      <ChangePasswordForm />
    </main>
  );
}
