import countries from 'i18n-iso-countries';

/** Every ISO 3166-1 alpha-2 code the validators accept, for country pickers. */
export function countryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes()).sort();
}
