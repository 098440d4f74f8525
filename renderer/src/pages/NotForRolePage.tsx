import { useTranslation } from 'react-i18next';
import { NAV_ITEMS } from '../navItems';
import type { Role } from '../../../shared/schemas/operator';
import { navigate } from '../useHashRoute';

/**
 * A section opened by its address by a role it is not for: said plainly, with the way to the
 * role's own start page, instead of a form whose every call the service would refuse.
 */
export function NotForRolePage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const home = NAV_ITEMS.find((n) => n.roles.includes(role));
  return (
    <main className="page">
      <div className="panel empty-state">
        <h1>{t('notForRole.title')}</h1>
        <span className="muted">{t('notForRole.hint', { role: t(`role.${role}`) })}</span>
        {home ? (
          <button type="button" className="button primary" onClick={() => navigate(home.route)}>
            {t('notForRole.goTo', { section: t(home.labelKey) })}
          </button>
        ) : null}
      </div>
    </main>
  );
}
