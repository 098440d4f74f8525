import { useTranslation } from 'react-i18next';
import { useToasts } from '../store/toastStore';
import { serviceErrorHeadline } from '../api/serviceErrorHeadline';

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" role="alert">
          <span>
            {serviceErrorHeadline(toast.code, t) !== null ? <strong className="toast-title">{serviceErrorHeadline(toast.code, t)}</strong> : null}
            {/* The service writes its specific message in English: marked so, a screen reader reads it as English in the Chinese UI. */}
            <span className="toast-detail" lang={toast.lang}>
              {toast.message}
            </span>
          </span>
          {toast.code && <code className="toast-code">{toast.code}</code>}
          <button type="button" className="link" aria-label={t('toast.dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
