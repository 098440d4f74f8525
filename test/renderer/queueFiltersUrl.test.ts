import { describe, expect, it } from 'vitest';
import { filtersFromHash, queueHash } from '../../renderer/src/store/queueFiltersUrl';

describe('the queue filters in the address', () => {
  it('round-trips every kind of filter, in words a person can read', () => {
    const filters = {
      statuses: ['SUBMITTED' as const, 'IN_REVIEW' as const],
      search: 'Ana María & co',
      risks: ['HIGH' as const],
      countries: ['CO', 'PE'],
      assignee: 'me',
      overdue: true,
      hasWarnings: false,
      minAgeHours: 24,
      sort: 'name' as const,
      order: 'desc' as const,
    };
    const hash = queueHash(filters);
    expect(hash).toBe('#/queue?statuses=SUBMITTED%2CIN_REVIEW&search=Ana+Mar%C3%ADa+%26+co&risks=HIGH&countries=CO%2CPE&assignee=me&overdue=true&hasWarnings=false&minAgeHours=24&sort=name&order=desc');
    expect(filtersFromHash(hash)).toEqual(filters);
  });

  it('leaves out what is not a filter, and says none for a bare queue address', () => {
    expect(queueHash({ search: '', statuses: [], sort: 'age', order: 'asc' })).toBe('#/queue?sort=age&order=asc');
    expect(filtersFromHash('#/queue')).toBeNull();
    expect(filtersFromHash('#/case/abc?statuses=SUBMITTED')).toBeNull();
  });

  it('gives none for an address the schema refuses, and ignores keys it does not know', () => {
    expect(filtersFromHash('#/queue?statuses=NOT_A_STATUS')).toBeNull();
    expect(filtersFromHash('#/queue?minAgeHours=soon')).toBeNull();
    expect(filtersFromHash('#/queue?overdue=maybe')).toBeNull();
    expect(filtersFromHash('#/queue?sort=sideways')).toBeNull();
    // Unknown keys (an older or newer version's) are dropped; the defaults fill sort and order.
    expect(filtersFromHash('#/queue?colour=blue&search=ana')).toEqual({ search: 'ana', sort: 'age', order: 'asc' });
  });
});
