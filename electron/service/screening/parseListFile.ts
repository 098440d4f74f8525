import { existsSync } from 'node:fs';
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

/** Reads a list file in the named format, whole or not at all (LIST.0001). */
export async function parseListFile(file: string, format: ListFormat, source?: string): Promise<ParsedList> {
  if (!existsSync(file)) throw listInvalid(basename(file), 'there is no such file');
  const name = source ?? DEFAULT_SOURCE[format];
  if (!name) throw listInvalid(basename(file), 'an in-house list needs a source name (--source)');
  if (!/^[a-z0-9_.-]{1,60}$/i.test(name)) throw listInvalid(basename(file), `the source name ${JSON.stringify(name)} must be 1-60 letters, digits, dots, dashes or underscores`);
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
