import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHash, type Route } from '../useHashRoute';

/**
 * The administration sections under one header button (a disclosure menu): Escape or a click
 * elsewhere closes it, and choosing a section closes it too.
 */
export function AdminMenu({ items, current }: { items: readonly { route: Route; labelKey: string }[]; current: Route['page'] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Only the menu closes: page shortcuts (Escape back to the queue) must not see this key.
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  if (!items.length) return null;
  const here = items.some((i) => i.route.page === current);
  return (
    <div className="admin-menu" ref={root}>
      <button ref={button} type="button" className={`link nav-link${here ? ' active' : ''}`} aria-expanded={open} aria-controls={open ? 'admin-menu-list' : undefined} onClick={() => setOpen(!open)}>
        {t('app.administration')} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul id="admin-menu-list" className="admin-menu-list">
          {items.map((item) => (
            <li key={item.route.page}>
              <a href={routeHash(item.route)} className={`nav-link${item.route.page === current ? ' active' : ''}`} aria-current={item.route.page === current ? 'page' : undefined} onClick={() => setOpen(false)}>
                {t(item.labelKey)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
