import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupStatus } from '../../../shared/contracts/setupContract';
import { api } from '../api/apiClient';
import { useSession } from '../store/sessionStore';
import { SignInTop } from '../components/SignInTop';
import { errorMessage } from '../api/errorMessage';

/**
 * First run, in either shell: the store has no operator, so the first admin is created here
 * (and signed in), optionally with the demo data. The service refuses this once any operator
 * exists, whatever this page shows.
 */
export function SetupPage({ status, onDone }: { status: SetupStatus; onDone: () => void }) {
  const { t } = useTranslation();
  const adopt = useSession((s) => s.adopt);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [loadDemo, setLoadDemo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) {
      setError(t('setup.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    const r = await api.call('setup.createAdmin', { email, displayName, password, loadDemo });
    setBusy(false);
    if (!r.ok) {
      setError(errorMessage(r.error));
      // Someone else finished setup meanwhile: back to sign-in.
      if (r.error.code === 'SETUP.0001') onDone();
      return;
    }
    adopt(r.value.session);
    onDone();
  }

  return (
    <main className="signin">
      <form className="signin-card setup-card" onSubmit={(e) => void submit(e)} aria-labelledby="setup-title">
        <SignInTop />
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        <label htmlFor="setup-name">{t('setup.displayName')}</label>
        <input id="setup-name" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoFocus />
        <label htmlFor="setup-email">{t('signIn.email')}</label>
        <input id="setup-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="setup-password">{t('signIn.password')}</label>
        <input id="setup-password" type="password" autoComplete="new-password" required minLength={status.minPasswordLength} value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="setup-password-rule" />
        <span id="setup-password-rule" className="muted small">
          {t('setup.passwordRule', { n: status.minPasswordLength })}
        </span>
        <label htmlFor="setup-repeat">{t('setup.repeat')}</label>
        <input id="setup-repeat" type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        {status.demoAvailable && (
          <label className="setup-demo">
            <input type="checkbox" checked={loadDemo} onChange={(e) => setLoadDemo(e.target.checked)} /> {t('setup.loadDemo')}
            <span className="muted small">{t('setup.demoWarning')}</span>
          </label>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? (loadDemo ? t('setup.busyDemo') : t('setup.busy')) : t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
