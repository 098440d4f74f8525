import { describe, expect, it } from 'vitest';
import { LAYOUT_FOR } from '../../electron/service/analysis/mrz/mrzLayouts';
import { buildCandidate, checkDigit } from '../../electron/service/analysis/mrz/mrzText';
import { mulberry32 } from '../../electron/service/cli/eval/stats';

/** ICAO 9303's TD3 example: birth date 740812, its check digit 2, at positions 13-19 of line 2. */
const L1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const withBirth = (birthAndCheck: string) => `L898902C36UTO${birthAndCheck}F1204159ZE184226B<<<<<10`;
const read = (birthAndCheck: string) => {
  const c = buildCandidate([L1, withBirth(birthAndCheck)], LAYOUT_FOR('TD3'));
  return { birth: c.lines[1]!.slice(13, 20), valid: c.checks.find((x) => x.name === 'birthDate')!.valid };
};
const verifies = (s: string) => checkDigit(s.slice(0, 6)) === Number(s[6]);

/** Digits the OCR confuses, as the repair tries them (mrzText.ts DIGIT_CONFUSABLE), written out. */
const MISREAD_AS: Record<string, string[]> = { '0': ['6', '8', '9'], '1': ['4', '7'], '2': ['3', '7'], '3': ['2', '5', '8', '9'], '4': ['1', '9'], '5': ['3', '6', '8'], '6': ['0', '5', '8'], '7': ['1', '2'], '8': ['0', '3', '5', '6', '9'], '9': ['0', '3', '4', '8'] };

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

describe('check-digit repair of a date', () => {
  it('leaves a misread date as read when two calendar dates verify equally well', () => {
    // 740812 with its 4 read as 0: changing the 0 to 9 (790812, check 7 read as 2) and the 8 to 9
    // (700912, likewise) both verify at the same cost; neither is evidence for the other.
    expect(['7908127', '7009127'].every(verifies)).toBe(true);
    expect(read('7008122')).toEqual({ birth: '7008122', valid: false });
  });

  it('does not count a month or day no calendar has as a rival repair', () => {
    // 740812 with its 0 read as 6: 740812 verifies, and so does 746012, whose month is 60. Counted
    // as a rival, it made the true date look ambiguous and the field stayed unread.
    expect(verifies('7460122')).toBe(true);
    expect(read('7468122')).toEqual({ birth: '7408122', valid: true });
  });

  it('repairs a date whose day is unknown (00), as it did before dates had to be valid', () => {
    // 740800 (day unknown, fillers read as 0; check 7) with its 8 read as 6.
    expect(verifies('7408007')).toBe(true);
    expect(read('7406007')).toEqual({ birth: '7408007', valid: true });
    // A 30th of April (check 8) with its 3 read as 8 comes back too.
    expect(read('7404808')).toEqual({ birth: '7404308', valid: true });
  });

  it('never turns one confusable misread into a wrong date that verifies', () => {
    const rnd = mulberry32(3);
    let restored = 0;
    let misreads = 0;
    for (let t = 0; t < 100; t++) {
      const pad = (n: number) => String(n).padStart(2, '0');
      const month = 1 + Math.floor(rnd() * 12);
      // Any day the month has, the 29th to 31st included (a two-digit year leaves February 29 possible).
      const date = pad(Math.floor(rnd() * 100)) + pad(month) + pad(1 + Math.floor(rnd() * DAYS_IN_MONTH[month - 1]!));
      const truth = date + String(checkDigit(date));
      for (let p = 0; p < 7; p++)
        for (const wrong of MISREAD_AS[truth[p]!]!) {
          const r = read(truth.slice(0, p) + wrong + truth.slice(p + 1));
          misreads++;
          // Either the true date comes back, or the field is left failing its check for a person to read.
          if (r.valid) expect(r.birth).toBe(truth);
          if (r.birth === truth) restored++;
        }
    }
    expect(misreads).toBeGreaterThan(1500);
    // Before calendar dates were required of rivals, about one in ten came back (820 of 8,036 over 400 dates).
    expect(restored / misreads).toBeGreaterThan(0.3);
  });
});
