import { describe, expect, it } from 'vitest';
import { chooseReading, type Attempt } from '../../electron/service/analysis/mrz/mrzChoice';
import { LAYOUTS } from '../../electron/service/analysis/mrz/mrzLayouts';
import { buildCandidate } from '../../electron/service/analysis/mrz/mrzText';

/** ICAO 9303's TD2 example, with valid check digits. */
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const layout = LAYOUTS.find((l) => l.format === 'TD2')!;
const attempt = (lines: string[], source: Attempt['source']): Attempt => ({ candidate: buildCandidate(lines, layout), confidence: 0.8, source });
/** The same zone with the composite check digit wrong: one failing check. */
const oneFailing = [TD2[0]!, `${TD2[1]!.slice(0, 35)}7`];
/** A names line the glyphs read differently (no check digit covers it). */
const otherNames = [TD2[0]!.replace('ANNA', 'AMNA'), TD2[1]!];

describe('chooseReading', () => {
  it('is given readings that fail none and one check digit', () => {
    expect(attempt(TD2, 'ocr').candidate.checks.filter((c) => !c.valid)).toHaveLength(0);
    expect(attempt(oneFailing, 'ocr').candidate.checks.filter((c) => !c.valid).map((c) => c.name)).toEqual(['composite']);
  });

  it('keeps the engines\' reading when the glyphs fail as many check digits', () => {
    const chosen = chooseReading([attempt(TD2, 'ocr'), attempt(otherNames, 'glyphs')]);
    expect(chosen!.source).toBe('ocr');
    expect(chosen!.candidate.lines).toEqual(TD2);
  });

  it('takes the glyph reading when it fails fewer check digits, and not when it fails more', () => {
    expect(chooseReading([attempt(oneFailing, 'ocr'), attempt(TD2, 'glyphs')])!.source).toBe('glyphs');
    expect(chooseReading([attempt(TD2, 'ocr'), attempt(oneFailing, 'glyphs')])!.source).toBe('ocr');
  });

  it('counts passed check digits when two layouts fail as many: a passport read as a visa loses to its passport reading', () => {
    // ICAO 9303's TD3 example. Read as an MRV-A visa (44 characters a line too) it passes the
    // visa's three check digits and fails none: on failures alone it ties the passport reading.
    const td3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
    const as = (format: string, source: Attempt['source']): Attempt => ({ candidate: buildCandidate(td3, LAYOUTS.find((l) => l.format === format)!), confidence: 0.8, source });
    expect(as('MRVA', 'ocr').candidate.checks.map((c) => c.valid)).toEqual([true, true, true]);
    expect(as('TD3', 'glyphs').candidate.checks.map((c) => c.valid)).toEqual([true, true, true, true, true]);
    expect(chooseReading([as('MRVA', 'ocr'), as('TD3', 'glyphs')])!.candidate.format).toBe('TD3');
    // The other way round, the visa reading with fewer checks never displaces the engines'.
    expect(chooseReading([as('TD3', 'ocr'), as('MRVA', 'glyphs')])!.candidate.format).toBe('TD3');
  });

  it('lets the glyph reading stand alone when the engines read no MRZ, and has nothing without a reading', () => {
    const alone = attempt(oneFailing, 'glyphs');
    expect(chooseReading([alone])).toBe(alone);
    expect(chooseReading([])).toBeNull();
  });

  it('compares each source\'s best-scoring reading', () => {
    // The engines' valid reading outscores their misread one, and ties the glyphs' on checks.
    const valid = attempt(TD2, 'ocr');
    expect(chooseReading([attempt(oneFailing, 'ocr'), valid, attempt(TD2, 'glyphs')])).toBe(valid);
    expect(chooseReading([valid, attempt(oneFailing, 'ocr'), attempt(TD2, 'glyphs')])).toBe(valid);
  });
});
