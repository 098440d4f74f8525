import i18next from '../i18n/i18n';
/** A date and time as the UI language writes them (the operating system's locale may be another). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString(i18next.language, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** A calendar day (yyyy-mm-dd, or an ISO time's local day) as the UI language writes dates. */
export function formatDate(dayOrIso: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(dayOrIso) ? `${dayOrIso}T00:00:00` : dayOrIso);
  return d.toLocaleDateString(i18next.language, { year: 'numeric', month: 'short', day: '2-digit' });
}
