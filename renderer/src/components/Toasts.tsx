import { useTranslation } from 'react-i18next';
import { useToasts } from '../store/toastStore';
import { serviceErrorHeadline } from '../api/serviceErrorHeadline';

/** What a service error's code means, in the UI's language, above its message; nothing for a code this build does not know. */
function ToastHeadline({ code }: { code: string | undefined }) {
  const { t } = useTranslation();
  const headline = serviceErrorHeadline(code, t);
  return headline === null ? null : <strong className="toast-title">{headline}</strong>;
}

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" role="alert">
          <span>
            <ToastHeadline code={toast.code} />
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
