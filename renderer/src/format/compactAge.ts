/** The translate function's shape compactAge needs (i18next's t, or react-i18next's). */
type Translate = (key: 'age.minutes' | 'age.hours' | 'age.days', values: Record<string, number>) => string;

/** "3d 4h", "25m" (in Chinese "3 天 4 小时"): compact ages for a queue column, in the UI's language. */
export function compactAge(fromIso: string | null, t: Translate, now: Date = new Date()): string {
  if (!fromIso) return '—';
  const ms = Math.max(0, now.getTime() - Date.parse(fromIso));
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return t('age.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('age.hours', { h: hours, m: minutes % 60 });
  const days = Math.floor(hours / 24);
  return t('age.days', { d: days, h: hours % 24 });
}
