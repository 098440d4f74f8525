import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ListEntry } from '../../../../shared/schemas/sanctions';
import { countryCode, listDate, listInvalid, unique } from './listHelpers';

/** Elements that repeat in the UN schema (sc-sanctions.xsd), read as arrays even when one is present. */
const REPEATED = new Set(['INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'VALUE', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT']);
/** A UN alias of "Low" quality is a fragment the Committee itself calls unreliable for matching. */
const SKIPPED_ALIAS_QUALITY = 'low';

type Node = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);

function entryOf(n: Node, kind: 'individual' | 'entity', list: string): ListEntry {
  const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(n[k])).filter(Boolean).join(' ');
  const aliases = nodes(n[kind === 'individual' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS'])
    .filter((a) => text(a.QUALITY).toLowerCase() !== SKIPPED_ALIAS_QUALITY)
    .map((a) => text(a.ALIAS_NAME));
  const dobs = nodes(n.INDIVIDUAL_DATE_OF_BIRTH).flatMap((d) => [listDate(text(d.DATE).slice(0, 10)), listDate(text(d.YEAR)), listDate(text(d.FROM_YEAR)), listDate(text(d.TO_YEAR))]);
  const nationalityValues = nodes(n.NATIONALITY).flatMap((x) => (Array.isArray(x.VALUE) ? (x.VALUE as unknown[]) : [x.VALUE])).map((v) => countryCode(text(v)));
  const documents = nodes(n.INDIVIDUAL_DOCUMENT).map((d) => text(d.NUMBER).replace(/[\s\-/.]/g, '').toUpperCase());
  return {
    list,
    entryId: text(n.DATAID),
    kind,
    names: unique([primary, text(n.NAME_ORIGINAL_SCRIPT), ...aliases]),
    birthDates: unique(dobs),
    nationalities: unique(nationalityValues),
    documentNumbers: unique(documents),
    programs: unique([text(n.UN_LIST_TYPE), text(n.REFERENCE_NUMBER)]),
  };
}

/**
 * The UN Security Council Consolidated List (XML, `CONSOLIDATED_LIST`). Entry id: DATAID. The
 * file is validated whole before anything is read from it: a truncated or malformed file is
 * refused with LIST.0001. Read at once: the list is a few MB (1,003 entries today).
 */
export async function parseUnXml(path: string, list = 'un_consolidated'): Promise<{ entries: ListEntry[]; generatedAt: string | null }> {
  const xml = await readFile(path, 'utf8');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw listInvalid(basename(path), `malformed XML at line ${valid.err.line} (${valid.err.msg})`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => REPEATED.has(name) }).parse(xml) as Node;
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root) throw listInvalid(basename(path), 'it is not a UN consolidated list (no CONSOLIDATED_LIST element)');
  const individuals = nodes((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL).map((n) => entryOf(n, 'individual', list));
  const entities = nodes((root.ENTITIES as Node | undefined)?.ENTITY).map((n) => entryOf(n, 'entity', list));
  const entries = [...individuals, ...entities];
  if (!entries.length) throw listInvalid(basename(path), 'it holds no entries');
  const bad = entries.find((e) => !e.entryId || !e.names.length);
  if (bad) throw listInvalid(basename(path), `an entry has no DATAID or no name (${bad.entryId || 'no id'})`);
  return { entries, generatedAt: text(root['@dateGenerated']) || null };
}
