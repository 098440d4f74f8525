import { describe, expect, it } from 'vitest';
import { interpret } from '../../electron/service/analysis/mrz/mrzInterpret';
import { extractFields } from '../../electron/service/analysis/mrz/mrzFields';
import { alignLines, mergeReadings } from '../../electron/service/analysis/mrz/mrzVote';

/** Readings as the two tesseract engines gave them on real specimen crops (see mrzVote). */
describe('merging the legacy and LSTM readings of one MRZ crop', () => {
  it('aligns lines with an inserted character as a gap, not a shift', () => {
    const { columns } = alignLines('SPECIMEN<<VZOR', 'SPECIMEN<<KVZOR');
    expect(columns.filter(([l]) => l === null).map(([, s]) => s)).toEqual(['K']);
    expect(columns.filter(([l, s]) => l !== null && s !== null && l !== s)).toHaveLength(0);
  });

  it('takes the LSTM letters where the legacy engine read M and W as H, keeping the legacy fillers', () => {
    const legacy = interpret('P<POLKOHALSKA<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<\nZSOOOO1774POL7203305F1607130<<<<<<<<<<<<<<08')!;
    const lstm = 'P<POLKOWALSKACCANNACLCLLLLLLLLLLLLLLLLLLLLLLKL\nZS000D1774POL7203305F1607130<<<<<<<<<<<<<<0B';
    const merged = mergeReadings(legacy, lstm);
    const f = extractFields(merged);
    expect(f.surname).toBe('KOWALSKA');
    expect(f.givenNames).toBe('ANNA');
    // O/D against 0 in the document number: settled by its check digit.
    expect(f.documentNumber).toBe('ZS0000177');
    expect(merged.checks.every((c) => c.valid)).toBe(true);
  });

  it('settles a disagreement in a check-digit field by the check digit', () => {
    const legacy = interpret('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nDZ31458907UT07408122F1204159<<<<<<<6')!;
    const merged = mergeReadings(legacy, 'IKUTOERIKSSON<K<ANNA<KMARIALKLLLLLLLLKLKL\nD231458907UT07408122F1204159<<<K<K<K<K6');
    expect(extractFields(merged).documentNumber).toBe('D23145890');
    expect(merged.checks.every((c) => c.valid)).toBe(true);
  });

  it('takes a line whole from the LSTM when the legacy engine lost a character in it and the LSTM line verifies', () => {
    // Dutch specimen: the legacy engine dropped a character of the second line, so its fields sit
    // shifted; after repair its document number and birth date even verify by chance.
    const legacyText = 'P<NLOREULENDIJK<<LOEB<ALBEITIN2<<<<<<<<<<<<<\nXA000001IJFOLD7110195F060H21123Q S6782<<<<<02';
    const lstm = 'PENLOMEULENDIJK<<LOESSALBERTINELSSS<CCCCK\nXADOD00148NLD7110195F0604121123456782<<<<<02';
    const legacy = interpret(legacyText)!;
    expect(legacy.checks.every((c) => c.valid)).toBe(false);
    const merged = mergeReadings(legacy, lstm);
    expect(merged.lines[1]).toBe('XA00000148NLD7110195F0604121123456782<<<<<02');
    expect(merged.checks.every((c) => c.valid)).toBe(true);
    const f = extractFields(merged);
    expect([f.documentNumber, f.birthDate, f.expiryDate]).toEqual(['XA0000014', '711019', '060412']);
    // The name line has no check digit: it stays the merge's, never the LSTM's filler-mangled one.
    expect(merged.lines[0]).not.toContain('SSS');
    expect(f.surname).toBe('MEULENDIJK');
  });

  it('keeps the legacy reading when the LSTM saw nothing like an MRZ', () => {
    const legacy = interpret('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10')!;
    expect(mergeReadings(legacy, 'VALID THRU 12/23').lines).toEqual(legacy.lines);
    expect(mergeReadings(legacy, 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10').lines).toEqual(legacy.lines);
  });
});
