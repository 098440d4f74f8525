import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import type { ListEntry } from '../../../../shared/schemas/sanctions';
import { countryCode, listDate, listInvalid, unique } from './listHelpers';

/** OFAC's empty-field marker in the legacy CSV files. */
const EMPTY = '-0-';
const SDN_COLUMNS = 12;
const DOS_EOF = String.fromCharCode(0x1a);
const ALT_COLUMNS = 5;
const KINDS: Record<string, ListEntry['kind']> = { individual: 'individual', vessel: 'vessel', aircraft: 'aircraft', '': 'entity' };

const field = (v: string | undefined) => (v === undefined || v.trim() === EMPTY ? '' : v.trim());

/** Streams a CSV file's rows; a row of the wrong width, an unclosed quote or a cut-off file refuses the whole file. */
async function* rows(path: string, width: number): AsyncGenerator<string[]> {
  const parser = createReadStream(path).pipe(parse({ relax_column_count: true, skip_empty_lines: true, bom: true }));
  let n = 0;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      n += 1;
      // The files end with a DOS end-of-file byte (0x1A) on a line of its own.
      if (row.length === 1 && row[0]!.replace(DOS_EOF, '').trim() === '') continue;
      if (row.length !== width) throw listInvalid(basename(path), `row ${n} has ${row.length} fields, not ${width} (truncated or not an OFAC ${basename(path)}?)`);
      yield row;
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'LIST.0001') throw e;
    throw listInvalid(basename(path), `malformed CSV near row ${n + 1} (${(e as Error).message})`);
  }
  if (n === 0) throw listInvalid(basename(path), 'it holds no rows');
}

/** The facts OFAC writes into an entry's remarks: "DOB 12 Jan 1960; nationality Iraq; Passport A123 (Iraq); ...". */
function remarksFacts(remarks: string): Pick<ListEntry, 'birthDates' | 'nationalities' | 'documentNumbers'> {
  const parts = remarks.split(';').map((p) => p.trim());
  const birthDates: string[] = [];
  const nationalities: string[] = [];
  const documentNumbers: string[] = [];
  for (const p of parts) {
    let m = /^DOB (?:circa )?(.+)$/i.exec(p);
    if (m) for (const d of m[1]!.split(/ to |; /)) birthDates.push(listDate(d.replace(/^circa /i, '')) ?? '');
    m = /^(?:nationality|citizen) (.+)$/i.exec(p);
    if (m) nationalities.push(countryCode(m[1]!) ?? '');
    m = /^(?:Passport|National ID No\.|Cedula No\.|Identification Number|D\.N\.I\.|Tax ID No\.) ([A-Z0-9][A-Z0-9 \-/.]*?)(?: \(|$)/i.exec(p);
    if (m) documentNumbers.push(m[1]!.replace(/[\s\-/.]/g, '').toUpperCase());
  }
  return { birthDates: unique(birthDates), nationalities: unique(nationalities), documentNumbers: unique(documentNumbers) };
}

/**
 * The OFAC SDN list in its legacy CSV set: `sdn.csv` (one row per entry) and, if given,
 * `alt.csv` (aliases by ent_num). Entry id: ent_num. Streams both files; refuses either whole
 * when a row is malformed, and an alias naming no entry.
 */
export async function parseOfacCsv(sdnPath: string, altPath: string | null, list = 'ofac_sdn'): Promise<ListEntry[]> {
  const entries = new Map<string, ListEntry>();
  for await (const r of rows(sdnPath, SDN_COLUMNS)) {
    const id = field(r[0]);
    const name = field(r[1]);
    if (!/^\d+$/.test(id) || !name) throw listInvalid(basename(sdnPath), `an entry has no ent_num or no name (${JSON.stringify(r[0])})`);
    entries.set(id, {
      list,
      entryId: id,
      kind: KINDS[field(r[2]).toLowerCase()] ?? 'unknown',
      names: [name],
      programs: unique(field(r[3]).split(/\]\s*\[|[[\]]/)),
      ...remarksFacts(field(r[11])),
    });
  }
  if (altPath) {
    for await (const r of rows(altPath, ALT_COLUMNS)) {
      const e = entries.get(field(r[0]));
      if (!e) throw listInvalid(basename(altPath), `alias ${field(r[1])} names entry ${field(r[0])}, which sdn.csv does not hold`);
      const alias = field(r[3]);
      if (alias && !e.names.includes(alias)) e.names.push(alias);
    }
  }
  return [...entries.values()];
}
