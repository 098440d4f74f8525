import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import type { ListEntry } from '../../../../shared/schemas/sanctions';
import { countryCode, listDate, listInvalid, unique } from './listHelpers';

/** The columns of an in-house PEP or watch list; `aliases` holds names separated by `;`. */
export const INHOUSE_COLUMNS = ['entry_id', 'name', 'aliases', 'kind', 'birth_date', 'nationality', 'document_number'] as const;

/**
 * A simple CSV the compliance team keeps itself (PEPs, internal watch list), with a header row
 * of INHOUSE_COLUMNS. Every row must have an id and a name, a birth date must be a date and a
 * nationality a country; otherwise the file is refused whole.
 */
export async function parseInHouseCsv(path: string, list: string): Promise<ListEntry[]> {
  const file = basename(path);
  const entries: ListEntry[] = [];
  const ids = new Set<string>();
  let line = 1;
  try {
    const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true }));
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line += 1;
      if (line === 2) {
        const missing = INHOUSE_COLUMNS.filter((c) => !(c in row));
        if (missing.length) throw listInvalid(file, `the header lacks ${missing.join(', ')}`);
      }
      const id = row.entry_id ?? '';
      const name = row.name ?? '';
      if (!id || !name) throw listInvalid(file, `row ${line} has no entry_id or no name`);
      if (ids.has(id)) throw listInvalid(file, `entry_id ${id} appears twice (row ${line})`);
      ids.add(id);
      const dob = row.birth_date ? listDate(row.birth_date) : null;
      if (row.birth_date && !dob) throw listInvalid(file, `row ${line}: birth_date ${JSON.stringify(row.birth_date)} is not a date`);
      const nationality = row.nationality ? countryCode(row.nationality) : null;
      if (row.nationality && !nationality) throw listInvalid(file, `row ${line}: nationality ${JSON.stringify(row.nationality)} is not a country`);
      const kind = (row.kind || 'individual').toLowerCase();
      if (kind !== 'individual' && kind !== 'entity') throw listInvalid(file, `row ${line}: kind must be individual or entity`);
      entries.push({
        list,
        entryId: id,
        kind,
        names: unique([name, ...(row.aliases ?? '').split(';')]),
        birthDates: dob ? [dob] : [],
        nationalities: nationality ? [nationality] : [],
        documentNumbers: unique([(row.document_number ?? '').replace(/[\s\-/.]/g, '').toUpperCase()]),
        programs: [],
      });
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'LIST.0001') throw e;
    throw listInvalid(file, `malformed CSV near line ${line + 1} (${(e as Error).message})`);
  }
  if (!entries.length) throw listInvalid(file, 'it holds no entries');
  return entries;
}
