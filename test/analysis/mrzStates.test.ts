import { describe, expect, it } from 'vitest';
import { isState } from '../../electron/service/analysis/mrz/mrzText';

describe('issuing states in the MRZ', () => {
  it('knows the ICAO list and nothing added per document (no specimen state)', () => {
    expect(isState('D')).toBe(true);
    expect(isState('GBR')).toBe(true);
    expect(isState('UTO')).toBe(false);
  });
});
