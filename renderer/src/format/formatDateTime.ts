import i18next from '../i18n/i18n';
/** A date and time as the UI language writes them (the operating system's locale may be another). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString(i18next.language, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
