import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ListEntry, ListFormat } from '../../../shared/schemas/sanctions';
import { listInvalid } from './lists/listHelpers';
import { parseEuCsv } from './lists/parseEuCsv';
import { parseEuXml } from './lists/parseEuXml';
import { parseInHouseCsv } from './lists/parseInHouseCsv';
import { parseOfacCsv } from './lists/parseOfacCsv';
import { parseOfacXml } from './lists/parseOfacXml';
import { parseUkCsv } from './lists/parseUkCsv';
import { parseUnXml } from './lists/parseUnXml';
import { sha256File } from '../core/sha256File';

/** The list each official format is, unless an import names another source. */
const DEFAULT_SOURCE: Partial<Record<ListFormat, string>> = {
  'ofac-csv': 'ofac_sdn',
  'ofac-xml': 'ofac_sdn',
  'un-xml': 'un_consolidated',
  'eu-xml': 'eu_consolidated',
  'eu-csv': 'eu_consolidated',
  'uk-csv': 'uk_consolidated',
};
/** The parsers that return the list's own publication date. */
const DATED_PARSERS: Partial<Record<ListFormat, (file: string, source: string) => Promise<{ entries: ListEntry[]; publishedAt: string | null }>>> = {
  'ofac-xml': parseOfacXml,
  'eu-xml': parseEuXml,
  'eu-csv': parseEuCsv,
  'uk-csv': parseUkCsv,
};
/** The OFAC alias file read with an sdn.csv when it lies beside it. */
export const OFAC_ALIASES_FILE = 'alt.csv';

export interface ParsedList {
  source: string;
  entries: ListEntry[];
  publishedAt: string | null;
  /** Every file read, with its SHA-256 (the snapshot records what it came from). */
  files: { name: string; sha256: string }[];
}

const FORMAT_NAMES: Record<ListFormat, string> = {
  'ofac-csv': 'OFAC SDN (CSV)',
  'ofac-xml': 'OFAC SDN (XML)',
  'un-xml': 'UN consolidated (XML)',
  'eu-xml': 'EU consolidated (XML)',
  'eu-csv': 'EU consolidated (CSV)',
  'uk-csv': 'UK OFSI ConList (CSV)',
  'inhouse-csv': 'an in-house list (CSV)',
};

/** Whether a file starts as XML does (after a byte-order mark and white space); its first bytes only. */
async function sniffKind(file: string): Promise<'xml' | 'other'> {
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(256), 0, 256, 0);
    return /^(\uFEFF)?\s*</.test(buffer.subarray(0, bytesRead).toString('utf8')) ? 'xml' : 'other';
  } finally {
    await fh.close();
  }
}

/** Reads a list file in the named format, whole or not at all (LIST.0001). */
export async function parseListFile(file: string, format: ListFormat, source?: string): Promise<ParsedList> {
  if (!existsSync(file)) throw listInvalid(basename(file), 'there is no such file');
  const name = source ?? DEFAULT_SOURCE[format];
  if (!name) throw listInvalid(basename(file), 'an in-house list needs a source name (--source)');
  if (!/^[a-z0-9_.-]{1,60}$/i.test(name)) throw listInvalid(basename(file), `the source name ${JSON.stringify(name)} must be 1-60 letters, digits, dots, dashes or underscores`);
  const kind = await sniffKind(file);
  // A file of the other kind than the format named: said as such, not as a parser's first complaint.
  if (format.endsWith('-xml') && kind !== 'xml') throw listInvalid(basename(file), `this is not an XML file, but ${FORMAT_NAMES[format]} is XML: choose the CSV format of this list`);
  if (format.endsWith('-csv') && kind === 'xml') throw listInvalid(basename(file), `this is an XML file, but ${FORMAT_NAMES[format]} is CSV: choose one of the XML formats (OFAC SDN, UN consolidated or EU consolidated, XML)`);
  const files = [file];
  let entries: ListEntry[];
  let publishedAt: string | null = null;
  if (format === 'ofac-csv') {
    const alt = join(dirname(file), OFAC_ALIASES_FILE);
    const withAliases = basename(file) !== OFAC_ALIASES_FILE && existsSync(alt);
    if (withAliases) files.push(alt);
    entries = await parseOfacCsv(file, withAliases ? alt : null, name);
  } else if (format === 'un-xml') {
    const un = await parseUnXml(file, name);
    entries = un.entries;
    publishedAt = un.generatedAt;
  } else if (DATED_PARSERS[format]) {
    const parsed = await DATED_PARSERS[format](file, name);
    entries = parsed.entries;
    publishedAt = parsed.publishedAt;
  } else entries = await parseInHouseCsv(file, name);
  return { source: name, entries, publishedAt, files: await Promise.all(files.map(async (f) => ({ name: basename(f), sha256: await sha256File(f) }))) };
}
