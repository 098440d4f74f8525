import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEuCsv } from '../../electron/service/screening/lists/parseEuCsv';
import { parseEuXml } from '../../electron/service/screening/lists/parseEuXml';
import { parseOfacXml } from '../../electron/service/screening/lists/parseOfacXml';
import { parseUkCsv } from '../../electron/service/screening/lists/parseUkCsv';
import { parseListFile } from '../../electron/service/screening/parseListFile';
import { ErrorCode } from '../../shared/errorCodes';
import { makeTempDir } from '../helpers/tempService';
import { asyncRefusal } from '../helpers/refusal';

const fixtures = join(import.meta.dirname, 'fixtures');


/** Copies of a fixture: cut in the middle, cut just before its last line, and with a line broken. */
function damaged(name: string, breakLine: (text: string) => string): string[] {
  const dir = makeTempDir('kyc-lists-');
  const text = readFileSync(join(fixtures, name), 'utf8');
  const cut = join(dir, `cut-${name}`);
  writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
  const broken = join(dir, `broken-${name}`);
  writeFileSync(broken, breakLine(text));
  return [cut, broken];
}

describe('EU consolidated list', () => {
  it('reads the XML: every alias (any script), birth date, citizenship, document number and the generation date', async () => {
    const { entries, publishedAt } = await parseEuXml(join(fixtures, 'eu_fsf.xml'));
    expect(publishedAt).toBe('2026-11-30T17:02:11.000+01:00');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toEqual({
      list: 'eu_consolidated',
      entryId: '13',
      kind: 'individual',
      names: ['Saddam Hussein Al-Tikriti', 'Abu Ali', 'Abou Ali'],
      birthDates: ['1937-04-28'],
      nationalities: ['IQ'],
      documentNumbers: ['A1234567'],
      programs: ['EU.27.28', 'IRQ'],
    });
    expect(entries[1]).toMatchObject({ entryId: '5471', kind: 'entity', names: ['Commercial Bank of Syria', 'المصرف التجاري السوري'] });
    expect(entries[2]).toMatchObject({ names: ['Sergei Kuzhugetovich Shoigu', 'Сергей Кужугетович Шойгу'], birthDates: ['1955-05-21'], nationalities: ['RU'] });
  });

  it('reads the CSV (1.1): rows gathered by entity, the same facts as the XML', async () => {
    const { entries, publishedAt } = await parseEuCsv(join(fixtures, 'eu_fsf.csv'));
    expect(publishedAt).toBe('2026-11-30');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      list: 'eu_consolidated',
      entryId: '13',
      kind: 'individual',
      names: ['Saddam Hussein Al-Tikriti', 'Abu Ali'],
      birthDates: ['1937-04-28'],
      nationalities: ['IQ'],
      documentNumbers: ['A1234567'],
      programs: ['EU.27.28', 'IRQ'],
    });
    expect(entries[1]).toMatchObject({ entryId: '5471', kind: 'entity', names: ['Commercial Bank of Syria', 'المصرف التجاري السوري'] });
  });

  it('refuses a truncated or malformed EU file whole, with LIST.0001', async () => {
    for (const f of damaged('eu_fsf.xml', (t) => t.replace('<citizenship region=""', '<citizenship region="'))) {
      const e = await asyncRefusal(parseEuXml(f));
      expect(e.code).toBe(ErrorCode.LIST_INVALID);
    }
    // Cut exactly after a record: the root never closes.
    const dir = makeTempDir('kyc-lists-');
    const xml = readFileSync(join(fixtures, 'eu_fsf.xml'), 'utf8');
    writeFileSync(join(dir, 'short.xml'), xml.slice(0, xml.lastIndexOf('</sanctionEntity>') + '</sanctionEntity>'.length));
    expect((await asyncRefusal(parseEuXml(join(dir, 'short.xml')))).message).toContain('truncated');
    for (const f of damaged('eu_fsf.csv', (t) => t.replace(';Abu Ali;', ';"Abu Ali;'))) {
      expect((await asyncRefusal(parseEuCsv(f))).code).toBe(ErrorCode.LIST_INVALID);
    }
    // A UK file offered as the EU's: refused whole.
    expect((await asyncRefusal(parseEuCsv(join(fixtures, 'uk_conlist.csv')))).code).toBe(ErrorCode.LIST_INVALID);
    expect((await asyncRefusal(parseEuXml(join(fixtures, 'ofac_sdn.xml')))).message).toContain('no export element');
  });
});

describe('UK consolidated list (OFSI ConList.csv)', () => {
  it('gathers the rows of a group: every name variation and the non-Latin name, birth date, nationality, passport', async () => {
    const { entries, publishedAt } = await parseUkCsv(join(fixtures, 'uk_conlist.csv'));
    expect(publishedAt).toBe('2026-11-28');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toEqual({
      list: 'uk_consolidated',
      entryId: '6897',
      kind: 'individual',
      names: ['Aiman Muhammed Rabi AL-ZAWAHIRI', 'أيمن محمد ربيع الظواهري', 'Abdel Muaz ABDEL MUAZ', 'Ayman AL ZAWAHIRI'],
      birthDates: ['1951-06-19'],
      nationalities: ['EG'],
      documentNumbers: ['1084010'],
      programs: ["ISIL (Da'esh) and Al-Qaida"],
    });
    expect(entries[1]).toMatchObject({ entryId: '11961', kind: 'entity', names: ['COMMERCIAL BANK OF SYRIA'] });
    expect(entries[2]).toMatchObject({ names: ['Sergei Kuzhugetovich SHOIGU', 'Сергей Кужугетович Шойгу'], nationalities: ['RU'] });
  });

  it('refuses a truncated or malformed UK file whole, with LIST.0001', async () => {
    for (const f of damaged('uk_conlist.csv', (t) => t.replace(',Abdel Muaz,', ',"Abdel Muaz,'))) {
      expect((await asyncRefusal(parseUkCsv(f))).code).toBe(ErrorCode.LIST_INVALID);
    }
    expect((await asyncRefusal(parseUkCsv(join(fixtures, 'eu_fsf.csv')))).message).toContain('Last Updated');
  });
});

describe('OFAC SDN list, XML', () => {
  it('reads every entry with its aliases, birth dates, nationality and identity numbers (not gender), named as sdn.csv names them', async () => {
    const { entries, publishedAt } = await parseOfacXml(join(fixtures, 'ofac_sdn.xml'));
    expect(publishedAt).toBe('2021-07-06');
    expect(entries.map((e) => e.entryId)).toEqual(['36', '22790', '6365']);
    expect(entries[0]).toMatchObject({ kind: 'entity', names: ['AEROCARIBBEAN AIRLINES', 'AERO-CARIBBEAN'], programs: ['CUBA'] });
    expect(entries[1]).toEqual({
      list: 'ofac_sdn',
      entryId: '22790',
      kind: 'individual',
      names: ['MADURO MOROS, Nicolas'],
      birthDates: ['1962-11-23'],
      nationalities: ['VE'],
      documentNumbers: ['5892464'],
      programs: ['VENEZUELA', 'VENEZUELA-EO13692'],
    });
    expect(entries[2]).toMatchObject({ names: ['BIN LADIN, Usama Muhammed Awad', 'BIN LADEN, Usama', 'ABU ABDALLAH'], birthDates: ['1957-07-30', '1958'], nationalities: ['SA'] });
  });

  it('refuses a cut, malformed or miscounted file whole, with LIST.0001', async () => {
    for (const f of damaged('ofac_sdn.xml', (t) => t.replace('<uid>22790</uid>', '<uid>22790</uidd>'))) {
      expect((await asyncRefusal(parseOfacXml(f))).code).toBe(ErrorCode.LIST_INVALID);
    }
    const dir = makeTempDir('kyc-lists-');
    const xml = readFileSync(join(fixtures, 'ofac_sdn.xml'), 'utf8');
    writeFileSync(join(dir, 'miscounted.xml'), xml.replace('<Record_Count>3</Record_Count>', '<Record_Count>4</Record_Count>'));
    expect((await asyncRefusal(parseOfacXml(join(dir, 'miscounted.xml')))).message).toContain('header says 4');
    // A whole record dropped from the middle, the root closed properly: caught by the count.
    const start = xml.indexOf('  <sdnEntry>\n    <uid>22790');
    writeFileSync(join(dir, 'dropped.xml'), xml.slice(0, start) + xml.slice(xml.indexOf('</sdnEntry>', start) + '</sdnEntry>\n'.length));
    expect((await asyncRefusal(parseOfacXml(join(dir, 'dropped.xml')))).message).toContain('holds 2 entries');
  });
});

describe('parseListFile', () => {
  it('imports each new format under its default source, with the file hash and the list date', async () => {
    const cases = [
      ['eu_fsf.xml', 'eu-xml', 'eu_consolidated', 3],
      ['eu_fsf.csv', 'eu-csv', 'eu_consolidated', 2],
      ['uk_conlist.csv', 'uk-csv', 'uk_consolidated', 3],
      ['ofac_sdn.xml', 'ofac-xml', 'ofac_sdn', 3],
    ] as const;
    for (const [file, format, source, count] of cases) {
      const parsed = await parseListFile(join(fixtures, file), format);
      expect(parsed.source).toBe(source);
      expect(parsed.entries).toHaveLength(count);
      expect(parsed.publishedAt).not.toBeNull();
      expect(parsed.files).toEqual([{ name: file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string }]);
    }
  });
});
