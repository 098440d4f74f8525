import { useTranslation } from 'react-i18next';
import { useToasts } from '../store/toastStore';

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" role="alert">
          <span>{toast.message}</span>
          {toast.code && <code className="toast-code">{toast.code}</code>}
          <button type="button" className="link" aria-label={t('toast.dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
