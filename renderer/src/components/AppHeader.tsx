import { useTranslation } from 'react-i18next';
import { useSession } from '../store/sessionStore';
import { navigate } from '../useHashRoute';
import { LanguageSwitch } from './LanguageSwitch';

export function AppHeader() {
  const { session, signOut } = useSession();
  const { t } = useTranslation();
  if (!session) return null;
  return (
    <header className="app-header">
      <button type="button" className="brand link" onClick={() => navigate({ page: 'queue' })}>
        <span className="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
      </button>
      <nav aria-label="Main">
        <button type="button" className="link nav-link" onClick={() => navigate({ page: 'queue' })}>
          {t('app.queue')}
        </button>
      </nav>
      <div className="header-user">
        <LanguageSwitch className="dark" />
        <span className="user-name">{session.operator.displayName}</span>
        <span className="role-chip">{t(`role.${session.operator.role}`)}</span>
        <button type="button" className="button secondary" onClick={() => void signOut()}>
          {t('app.signOut')}
        </button>
      </div>
    </header>
  );
}
