import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';

// Registering the locale here (not at each call site) keeps one source of country names.
countries.registerLocale(en);

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function countryName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}

/** ICAO MRZs carry alpha-3 codes; profiles carry alpha-2. */
export function alpha3ToAlpha2(code: string): string | undefined {
  return countries.alpha3ToAlpha2(code) ?? undefined;
}

export function alpha2ToAlpha3(code: string): string | undefined {
  return countries.alpha2ToAlpha3(code) ?? undefined;
}
