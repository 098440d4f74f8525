/**
 * A country's name in the UI language, from the browser's own ICU data (nothing to ship or
 * fetch); the code itself where the runtime has no name for it.
 */
export function regionName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
