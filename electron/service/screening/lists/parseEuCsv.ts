import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import type { ListEntry } from '../../../../shared/schemas/sanctions';
import { dayMonthYear } from './dayMonthYear';
import { countryCode, listInvalid, unique } from './listHelpers';

/** The columns read from the EU's consolidated CSV (format 1.1, `;`-separated, one row per alias, birth date, document, ...). */
const REQUIRED = ['fileGenerationDate', 'Entity_LogicalId', 'Entity_SubjectType_ClassificationCode', 'NameAlias_WholeName'] as const;

/**
 * The EU consolidated financial sanctions list, CSV (format 1.1). The file repeats an entity's
 * columns on each of its rows, each row adding one name alias, birth date, identification or
 * citizenship; rows are gathered by Entity_LogicalId. Streamed; a row of the wrong width, an
 * unclosed quote or a header without the needed columns refuses the whole file (LIST.0001).
 */
export async function parseEuCsv(path: string, list = 'eu_consolidated'): Promise<{ entries: ListEntry[]; publishedAt: string | null }> {
  const file = basename(path);
  const entries = new Map<string, ListEntry>();
  let generated: string | null = null;
  let line = 1;
  try {
    const parser = createReadStream(path).pipe(parse({ delimiter: ';', columns: true, bom: true, trim: true, skip_empty_lines: true }));
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line += 1;
      if (line === 2) {
        const missing = REQUIRED.filter((c) => !(c in row));
        if (missing.length) throw listInvalid(file, `the header lacks ${missing.join(', ')} (not an EU consolidated CSV?)`);
      }
      const id = row.Entity_LogicalId ?? '';
      if (!/^\d+$/.test(id)) throw listInvalid(file, `row ${line} has no Entity_LogicalId`);
      generated ??= dayMonthYear(row.fileGenerationDate ?? '') ?? (row.fileGenerationDate || null);
      let e = entries.get(id);
      if (!e) {
        const type = (row.Entity_SubjectType_ClassificationCode || row.Entity_SubjectType || '').toLowerCase();
        e = { list, entryId: id, kind: type === 'person' || type === 'p' ? 'individual' : type === 'enterprise' || type === 'e' ? 'entity' : 'unknown', names: [], birthDates: [], nationalities: [], documentNumbers: [], programs: [] };
        entries.set(id, e);
      }
      const name = row.NameAlias_WholeName || [row.NameAlias_FirstName, row.NameAlias_MiddleName, row.NameAlias_LastName].filter(Boolean).join(' ');
      const dob = /^\d{4}-\d{2}-\d{2}$/.test(row.BirthDate_BirthDate ?? '') ? row.BirthDate_BirthDate : /^\d{4}$/.test(row.BirthDate_Year ?? '') ? row.BirthDate_Year : '';
      const nationality = row.Citizenship_CountryIso2Code ? countryCode(row.Citizenship_CountryIso2Code) : row.Citizenship_CountryDescription ? countryCode(row.Citizenship_CountryDescription) : null;
      const document = (row.Identification_Number || row.Identification_LatinNumber || '').replace(/[\s\-/.]/g, '').toUpperCase();
      e.names = unique([...e.names, name]);
      e.birthDates = unique([...e.birthDates, dob]);
      e.nationalities = unique([...e.nationalities, nationality]);
      e.documentNumbers = unique([...e.documentNumbers, document]);
      e.programs = unique([...e.programs, row.Entity_EU_ReferenceNumber, row.Entity_Regulation_Programme]);
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'LIST.0001') throw e;
    throw listInvalid(file, `malformed CSV near line ${line + 1} (${(e as Error).message})`);
  }
  if (!entries.size) throw listInvalid(file, 'it holds no entries');
  const nameless = [...entries.values()].find((e) => !e.names.length);
  if (nameless) throw listInvalid(file, `entity ${nameless.entryId} has no name`);
  return { entries: [...entries.values()], publishedAt: generated };
}
