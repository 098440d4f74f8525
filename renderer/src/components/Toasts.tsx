import { useTranslation } from 'react-i18next';
import { useToasts } from '../store/toastStore';
import { ErrorCode } from '../../../shared/errorCodes';

// A code's meaning in the UI's language heads the service's own (English, specific) message.
const CODE_NAMES = new Map(Object.entries(ErrorCode).map(([name, code]) => [code as string, name]));

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" role="alert">
          <span>
            {toast.code && CODE_NAMES.has(toast.code) ? <strong className="toast-title">{t(`serviceError.${CODE_NAMES.get(toast.code)}`)}</strong> : null}
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
