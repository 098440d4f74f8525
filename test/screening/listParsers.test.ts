import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInHouseCsv } from '../../electron/service/screening/lists/parseInHouseCsv';
import { parseOfacCsv } from '../../electron/service/screening/lists/parseOfacCsv';
import { parseUnXml } from '../../electron/service/screening/lists/parseUnXml';
import { ErrorCode } from '../../shared/errorCodes';
import { makeTempDir } from '../helpers/tempService';
import { asyncRefusal } from '../helpers/refusal';

const lists = join(import.meta.dirname, '../../../shared/fixtures/sanctions/lists');


describe.skipIf(!existsSync(lists))('official list files (skipped when ../shared/fixtures is missing)', () => {
  it('reads the OFAC SDN CSV set: every entry and alias, with birth dates, nationalities and documents from the remarks', async () => {
    const entries = await parseOfacCsv(join(lists, 'ofac_sdn/sdn.csv'), join(lists, 'ofac_sdn/alt.csv'));
    expect(entries).toHaveLength(8976);
    expect(entries.filter((e) => e.kind === 'individual')).toHaveLength(4620);
    expect(entries.filter((e) => e.kind === 'vessel')).toHaveLength(406);
    // 11,910 alias rows; an alias equal to the entry's own name is not repeated.
    const aliases = entries.reduce((n, e) => n + e.names.length - 1, 0);
    expect(aliases).toBeGreaterThan(11_800);
    expect(aliases).toBeLessThanOrEqual(11_910);
    expect(entries.find((e) => e.entryId === '22790')).toMatchObject({ names: ['MADURO MOROS, Nicolas'], birthDates: ['1962-11-23'], nationalities: ['VE'], documentNumbers: ['5892464'] });
    expect(entries.find((e) => e.entryId === '306')?.names).toContain('NATIONAL BANK OF CUBA');
  });

  it('refuses a truncated, malformed or mismatched OFAC file whole, with LIST.0001', async () => {
    const dir = makeTempDir('kyc-lists-');
    const sdn = readFileSync(join(lists, 'ofac_sdn/sdn.csv'));
    writeFileSync(join(dir, 'cut.csv'), sdn.subarray(0, Math.floor(sdn.length / 2)));
    const cut = await asyncRefusal(parseOfacCsv(join(dir, 'cut.csv'), null));
    expect(cut.code).toBe(ErrorCode.LIST_INVALID);
    writeFileSync(join(dir, 'broken.csv'), '36,"AEROCARIBBEAN AIRLINES,-0- ,"CUBA"\n');
    expect((await asyncRefusal(parseOfacCsv(join(dir, 'broken.csv'), null))).code).toBe(ErrorCode.LIST_INVALID);
    copyFileSync(join(lists, 'ofac_sdn/add.csv'), join(dir, 'add.csv'));
    expect((await asyncRefusal(parseOfacCsv(join(dir, 'add.csv'), null))).message).toContain('fields, not 12');
    writeFileSync(join(dir, 'alt.csv'), '999999999,1,"aka","NOBODY",-0- \n');
    expect((await asyncRefusal(parseOfacCsv(join(lists, 'ofac_sdn/sdn.csv'), join(dir, 'alt.csv')))).message).toContain('sdn.csv does not hold');
  });

  it('reads the UN consolidated XML: names in the original script, good aliases, nationalities as codes', async () => {
    const { entries, generatedAt } = await parseUnXml(join(lists, 'un/UN_consolidated.xml'));
    expect(generatedAt).toBe('2026-02-27T00:00:09.554Z');
    expect(entries).toHaveLength(1003);
    expect(entries.filter((e) => e.kind === 'individual')).toHaveLength(730);
    expect(entries.filter((e) => e.names.some((n) => /[\u0600-\u06FF\u0400-\u04FF]/.test(n))).length).toBeGreaterThanOrEqual(370);
    expect(entries.find((e) => e.entryId === '6907994')).toMatchObject({ names: ['FRANK KAKOLELE BWAMBALE', 'FRANK KAKORERE', 'FRANK KAKORERE BWAMBALE', 'AIGLE BLANC'], nationalities: ['CD'] });
  });

  it('refuses a truncated or foreign XML file whole', async () => {
    const dir = makeTempDir('kyc-lists-');
    const xml = readFileSync(join(lists, 'un/UN_consolidated.xml'));
    writeFileSync(join(dir, 'cut.xml'), xml.subarray(0, xml.length - 5000));
    expect((await asyncRefusal(parseUnXml(join(dir, 'cut.xml')))).code).toBe(ErrorCode.LIST_INVALID);
    writeFileSync(join(dir, 'other.xml'), '<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>');
    expect((await asyncRefusal(parseUnXml(join(dir, 'other.xml')))).message).toContain('not a UN consolidated list');
  });
});

describe('an in-house watch list (CSV)', () => {
  const header = 'entry_id,name,aliases,kind,birth_date,nationality,document_number';
  it('reads every row with its aliases, date, country and document', async () => {
    const dir = makeTempDir('kyc-lists-');
    writeFileSync(join(dir, 'pep.csv'), `${header}\nP-1,"GARCÍA LÓPEZ, Ana María",Ana Garcia;A. M. Garcia Lopez,individual,1971-03-04,Colombia,CC 1020-304\nP-2,Acme Trading Ltd,,entity,,,\n`);
    const entries = await parseInHouseCsv(join(dir, 'pep.csv'), 'inhouse_pep');
    expect(entries).toEqual([
      { list: 'inhouse_pep', entryId: 'P-1', kind: 'individual', names: ['GARCÍA LÓPEZ, Ana María', 'Ana Garcia', 'A. M. Garcia Lopez'], birthDates: ['1971-03-04'], nationalities: ['CO'], documentNumbers: ['CC1020304'], programs: [] },
      { list: 'inhouse_pep', entryId: 'P-2', kind: 'entity', names: ['Acme Trading Ltd'], birthDates: [], nationalities: [], documentNumbers: [], programs: [] },
    ]);
  });

  it('refuses a file with a missing column, a bad date, a duplicate id or an unclosed quote', async () => {
    const dir = makeTempDir('kyc-lists-');
    const cases: [string, string][] = [
      ['entry_id,name\nP-1,Ana\n', 'the header lacks'],
      [`${header}\nP-1,Ana,,individual,31/31/1971,,\n`, 'is not a date'],
      [`${header}\nP-1,Ana,,individual,,Atlantis,\n`, 'is not a country'],
      [`${header}\nP-1,Ana,,individual,,,\nP-1,Bea,,individual,,,\n`, 'appears twice'],
      [`${header}\nP-1,"Ana,,individual,,,\n`, 'malformed CSV'],
      [`${header}\n`, 'holds no entries'],
    ];
    for (const [i, [content, why]] of cases.entries()) {
      writeFileSync(join(dir, `bad${i}.csv`), content);
      const e = await asyncRefusal(parseInHouseCsv(join(dir, `bad${i}.csv`), 'x'));
      expect(e.code, content).toBe(ErrorCode.LIST_INVALID);
      expect(e.message, content).toContain(why);
    }
  });
});
