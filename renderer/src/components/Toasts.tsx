import { useToasts } from '../store/toastStore';

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className="toast" role="alert">
          <span>{t.message}</span>
          {t.code && <code className="toast-code">{t.code}</code>}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
