import { describe, expect, it } from 'vitest';
import { exportFiltersSchema } from '../../shared/schemas/report';
import { toServiceError } from '../../shared/zodErrors';

describe('export filters', () => {
  const base = { from: '2026-01-01', to: '2026-12-31' };
  it('takes country codes in any case and refuses one that names no country, by its value', () => {
    expect(exportFiltersSchema.parse({ ...base, countries: ['co', ' MX '] }).countries).toEqual(['CO', 'MX']);
    const r = exportFiltersSchema.safeParse({ ...base, countries: ['CO', 'XX'] });
    expect(r.success).toBe(false);
    expect(toServiceError(r.error!, { ...base, countries: ['CO', 'XX'] })).toEqual({
      code: 'VALIDATION.0002',
      field: 'countries.1',
      message: 'countries.1: XX is not a country code (ISO 3166-1 alpha-2, such as CO or MX)',
    });
  });
});
