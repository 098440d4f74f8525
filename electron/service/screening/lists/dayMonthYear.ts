/** "28/04/1937" as 1937-04-28; "00/00/1951" (day and month unknown) as 1951, "00/04/1951" as 1951-04; null when not a date. */
export function dayMonthYear(value: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const [, d, mo, y] = m as unknown as [string, string, string, string];
  if (mo === '00') return y;
  if (Number(mo) > 12) return null;
  return d === '00' ? `${y}-${mo}` : Number(d) > 31 ? null : `${y}-${mo}-${d}`;
}
