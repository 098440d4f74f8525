import { useEffect, useRef } from 'react';

/**
 * Calls the latest `onEscape` when Escape is pressed, while the component is mounted. Parents pass
 * a new function on every render; the listener reads it through a ref, so nothing else a dialog
 * does on mount (taking the focus) runs again when the page behind it re-renders. It listens in the
 * capture phase and stops the key there: the Escape that closes a dialog must not also reach the
 * page's own Escape (on a case, back to the queue), whichever listener was added first.
 */
export function useEscapeKey(onEscape: () => void): void {
  const latest = useRef(onEscape);
  useEffect(() => {
    latest.current = onEscape;
  }, [onEscape]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      latest.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
