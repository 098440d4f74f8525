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

/**
 * An MRZ state or nationality code (fillers allowed) as alpha-2. ICAO 9303 uses a few codes that
 * are not ISO alpha-3: Germany is a single D.
 */
export function icaoToAlpha2(code: string): string | undefined {
  const c = code.replace(/[<\s]/g, '').toUpperCase();
  if (c === 'D') return 'DE';
  return alpha3ToAlpha2(c);
}

export function alpha2ToAlpha3(code: string): string | undefined {
  return countries.alpha2ToAlpha3(code) ?? undefined;
}

/** Alpha-2 of an English country name ("Saudi Arabia"), as sanctions lists write nationalities. */
export function countryCodeOfName(name: string): string | undefined {
  return countries.getAlpha2Code(name, 'en') ?? undefined;
}
