import { useTranslation } from 'react-i18next';
import { useSession } from '../store/sessionStore';
import { navigate, routeHash, useHashRoute } from '../useHashRoute';
import { NAV_ITEMS } from '../navItems';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncIndicator } from '../sync/SyncIndicator';
import { AboutButton } from './AboutDialog';
import { AdminMenu } from './AdminMenu';

export function AppHeader() {
  const { session, signOut } = useSession();
  const { t } = useTranslation();
  const route = useHashRoute();
  if (!session) return null;
  const mine = NAV_ITEMS.filter((item) => item.roles.includes(session.operator.role));
  return (
    <header className="app-header">
      <button type="button" className="brand link" onClick={() => navigate({ page: 'queue' })}>
        <span className="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
      </button>
      <nav aria-label="Main">
        {mine.filter((item) => !item.admin).map((item) => (
          <a
            key={item.route.page}
            href={routeHash(item.route)}
            className={`link nav-link${route.page === item.route.page ? ' active' : ''}`}
            aria-current={route.page === item.route.page ? 'page' : undefined}
          >
            {t(item.labelKey)}
          </a>
        ))}
        <AdminMenu items={mine.filter((item) => item.admin)} current={route.page} />
      </nav>
      <div className="header-user">
        <SyncIndicator />
        <AboutButton />
        <LanguageSwitch className="dark" />
        {/* Who is signed in, linking to their own account (the password is changed there). */}
        <a className="header-account" href={routeHash({ page: 'account' })} title={t('account.open')} aria-current={route.page === 'account' ? 'page' : undefined}>
          <span className="user-name">{session.operator.displayName}</span>
          <span className="role-chip" title={session.operator.displayName}>
            <span className="visually-hidden user-name-narrow">{session.operator.displayName} · </span>
            {t(`role.${session.operator.role}`)}
          </span>
        </a>
        <button type="button" className="button secondary" onClick={() => void signOut()}>
          {t('app.signOut')}
        </button>
      </div>
    </header>
  );
}
