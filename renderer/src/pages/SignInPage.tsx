import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../store/sessionStore';
import { SignInTop } from '../components/SignInTop';
import type { TFunction } from 'i18next';
import type { ServiceError } from '../../../shared/result';
import { ErrorCode } from '../../../shared/errorCodes';
import { errorMessage } from '../api/errorMessage';
import { formatDateTime } from '../format/formatDateTime';

/** A refused sign-in in the UI's language: a lockout with its local end time, wrong credentials in words. */
function signInRefusal(error: ServiceError, t: TFunction): string {
  if (error.code === ErrorCode.LOCKED_OUT && error.params?.until) {
    return t(error.params.scope === 'client' ? 'signIn.lockedClient' : 'signIn.lockedAccount', { time: formatDateTime(error.params.until) });
  }
  if (error.code === ErrorCode.BAD_CREDENTIALS) return t('serviceError.BAD_CREDENTIALS');
  return errorMessage(error);
}

export function SignInPage() {
  const { signIn, signingIn } = useSession();
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ServiceError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(await signIn(email, password));
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <SignInTop />
        <h1 id="signin-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <label htmlFor="email">{t('signIn.email')}</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && (
          <p className="form-error" role="alert">
            {signInRefusal(error, t)}
          </p>
        )}
        <button type="submit" className="button primary" disabled={signingIn}>
          {signingIn ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
