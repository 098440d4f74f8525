import { countryCodeOfName, isCountryCode } from '../../../../shared/countries';
import { ErrorCode } from '../../../../shared/errorCodes';
import { ServiceFailure } from '../../core/ServiceFailure';

/** A list file refused whole: nothing of it is imported. */
export const listInvalid = (file: string, why: string) => new ServiceFailure(ErrorCode.LIST_INVALID, `${file} cannot be imported: ${why}`, 'file');

/** Demonyms and short forms the lists use where a country name is expected. */
const COUNTRY_ALIASES: Record<string, string> = {
  palestinian: 'PS',
  'west bank': 'PS',
  'gaza strip': 'PS',
  russia: 'RU',
  'russian federation': 'RU',
  iran: 'IR',
  syria: 'SY',
  'north korea': 'KP',
  "democratic people's republic of korea": 'KP',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'democratic republic of the congo': 'CD',
  'united kingdom': 'GB',
  'united kingdom of great britain and northern ireland': 'GB',
  'united states': 'US',
  'united states of america': 'US',
  venezuela: 'VE',
  bolivia: 'BO',
  tanzania: 'TZ',
  'united republic of tanzania': 'TZ',
  'viet nam': 'VN',
  vietnam: 'VN',
  'lao people\'s democratic republic': 'LA',
  laos: 'LA',
  'iran (islamic republic of)': 'IR',
  'syrian arab republic': 'SY',
  'bosnia and herzegovina': 'BA',
  'libyan arab jamahiriya': 'LY',
  libya: 'LY',
  burma: 'MM',
  'cote d ivoire': 'CI',
  "cote d'ivoire": 'CI',
};

/** ISO 3166-1 alpha-2 of a country name or code as lists write them; null when unknown. */
export function countryCode(value: string): string | null {
  const v = value.trim();
  if (/^[A-Za-z]{2}$/.test(v)) return isCountryCode(v.toUpperCase()) ? v.toUpperCase() : null;
  const key = v.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ');
  return COUNTRY_ALIASES[key] ?? countryCodeOfName(v) ?? null;
}

const MONTHS: Record<string, string> = { jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12' };

/** "12 Jan 1960", "Jan 1960", "1960", "1960-01-12": as precise as given (YYYY-MM-DD, YYYY-MM, YYYY). */
export function listDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (m) return [m[1], m[2], m[3]].filter(Boolean).join('-');
  m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(v);
  if (m && MONTHS[m[2]!.toLowerCase()]) return `${m[3]}-${MONTHS[m[2]!.toLowerCase()]}-${m[1]!.padStart(2, '0')}`;
  m = /^([A-Za-z]{3})[a-z]* (\d{4})$/.exec(v);
  if (m && MONTHS[m[1]!.toLowerCase()]) return `${m[2]}-${MONTHS[m[1]!.toLowerCase()]}`;
  return null;
}

export const unique = (xs: (string | null | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()))];
