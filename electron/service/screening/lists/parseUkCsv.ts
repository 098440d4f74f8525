import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import type { ListEntry } from '../../../../shared/schemas/sanctions';
import { dayMonthYear } from './dayMonthYear';
import { countryCode, listInvalid, unique } from './listHelpers';

/** The columns read from OFSI's consolidated list (ConList.csv); the rest are kept out of the entry. */
const REQUIRED = ['Name 6', 'Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Group Type', 'Group ID'] as const;
const KINDS: Record<string, ListEntry['kind']> = { individual: 'individual', entity: 'entity', ship: 'vessel' };

/** "(1) Egypt (2) Iraq" or "Egypt" as country codes (an unknown name is left out). */
const countries = (v: string): (string | null)[] => v.split(/\(\d+\)|;/).map((c) => c.trim()).filter(Boolean).map((c) => countryCode(c.replace(/\.$/, '')));
/** "(1) 123 (2) 456" or "123": the document numbers, compacted as the matcher compares them. */
const numbers = (v: string): string[] => v.split(/\(\d+\)|;/).map((c) => c.trim().split(/\s*\(|,/)[0]!.replace(/[\s\-/.]/g, '').toUpperCase()).filter(Boolean);

/**
 * The UK consolidated list of financial sanctions targets (OFSI ConList.csv): a "Last Updated"
 * line, the header, then one row per name of a target, gathered by Group ID (every alias, and the
 * name in non-Latin script). Streamed; a row of another width than the header, an unclosed quote or
 * a header without the name and group columns refuses the whole file (LIST.0001).
 */
export async function parseUkCsv(path: string, list = 'uk_consolidated'): Promise<{ entries: ListEntry[]; publishedAt: string | null }> {
  const file = basename(path);
  const entries = new Map<string, ListEntry>();
  let header: string[] | null = null;
  let published: string | null = null;
  let line = 0;
  try {
    const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
    for await (const cells of parser as AsyncIterable<string[]>) {
      line += 1;
      if (line === 1) {
        if (!/^last updated:?$/i.test(cells[0]?.trim() ?? '')) throw listInvalid(file, 'the first line is not "Last Updated,DD/MM/YYYY" (not an OFSI ConList.csv?)');
        published = dayMonthYear(cells[1] ?? '');
        continue;
      }
      if (!header) {
        header = cells.map((c) => c.trim());
        const missing = REQUIRED.filter((c) => !header!.includes(c));
        if (missing.length) throw listInvalid(file, `the header lacks ${missing.join(', ')}`);
        continue;
      }
      if (cells.length !== header.length) throw listInvalid(file, `row ${line} has ${cells.length} fields, not ${header.length} (truncated?)`);
      const row: Record<string, string> = {};
      header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
      const id = row['Group ID'] ?? '';
      if (!/^\d+$/.test(id)) throw listInvalid(file, `row ${line} has no Group ID`);
      let e = entries.get(id);
      if (!e) {
        e = { list, entryId: id, kind: KINDS[(row['Group Type'] ?? '').toLowerCase()] ?? 'unknown', names: [], birthDates: [], nationalities: [], documentNumbers: [], programs: [] };
        entries.set(id, e);
      }
      const name = [row['Name 1'], row['Name 2'], row['Name 3'], row['Name 4'], row['Name 5'], row['Name 6']].filter(Boolean).join(' ');
      e.names = unique([...e.names, name, row['Name Non-Latin Script']]);
      e.birthDates = unique([...e.birthDates, ...(row.DOB ?? '').split(/\(\d+\)/).map((d) => dayMonthYear(d))]);
      e.nationalities = unique([...e.nationalities, ...countries(row.Nationality ?? '')]);
      e.documentNumbers = unique([...e.documentNumbers, ...numbers(row['Passport Number'] ?? row['Passport Details'] ?? ''), ...numbers(row['National Identification Number'] ?? '')]);
      e.programs = unique([...e.programs, row.Regime]);
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'LIST.0001') throw e;
    throw listInvalid(file, `malformed CSV near line ${line + 1} (${(e as Error).message})`);
  }
  if (!entries.size) throw listInvalid(file, 'it holds no entries');
  const nameless = [...entries.values()].find((e) => !e.names.length);
  if (nameless) throw listInvalid(file, `group ${nameless.entryId} has no name`);
  return { entries: [...entries.values()], publishedAt: published };
}
