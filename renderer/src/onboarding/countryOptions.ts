import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryCodes } from '../../../shared/countryList';
import { regionName } from '../format/regionName';

const CODES = countryCodes();

/** Countries named in the UI language (the browser's ICU data), sorted by that name. */
export function useCountryOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  return useMemo(() => {
    return CODES.map((code) => ({ value: code, label: `${regionName(code, i18n.language)} (${code})` })).sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  }, [i18n.language]);
}
