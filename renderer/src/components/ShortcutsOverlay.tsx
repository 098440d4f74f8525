import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../useHashRoute';
import { isDialogOpen } from './isDialogOpen';

const SHORTCUTS: [keys: string, label: string][] = [
  ['j', 'keys.next'],
  ['k', 'keys.previous'],
  ['Enter', 'keys.open'],
  ['n', 'keys.takeNext'],
  ['/', 'keys.search'],
  ['a', 'keys.approve'],
  ['r', 'keys.reject'],
  ['s', 'keys.resubmit'],
  ['Esc', 'keys.back'],
  ['?', 'keys.help'],
];

/** `?` opens the list of shortcuts; Escape closes it, or goes back to the queue from a case. */
export function ShortcutsOverlay() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
      // Another dialog (an image viewer, a form) has the keys while it is open.
      const otherDialog = !open && isDialogOpen();
      if (typing || otherDialog) return;
      if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === 'Escape') {
        if (open) setOpen(false);
        else if (window.location.hash.startsWith('#/case/') && !document.querySelector('.decision-form')) navigate({ page: 'queue' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="keys-title" onClick={() => setOpen(false)}>
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h2 id="keys-title">{t('keys.title')}</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([k, label]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
        <button ref={closeRef} type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('keys.close')}
        </button>
      </div>
    </div>
  );
}
