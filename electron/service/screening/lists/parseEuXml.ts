import { basename } from 'node:path';
import type { ListEntry } from '../../../../shared/schemas/sanctions';
import { countryCode, listInvalid, unique } from './listHelpers';
import { readXmlRecords, xmlNodes, xmlText, type XmlNode } from './xmlRecords';

/** Elements that repeat in the EU's Financial Sanctions Files XML, read as arrays even when one is present. */
const REPEATED = new Set(['nameAlias', 'birthdate', 'citizenship', 'identification', 'regulation', 'address']);

/** An EU birth date as precise as given: `birthdate` (YYYY-MM-DD), else `year`. */
const birthDate = (b: XmlNode): string => {
  const full = xmlText(b['@birthdate']);
  if (/^\d{4}-\d{2}-\d{2}$/.test(full)) return full;
  const year = xmlText(b['@year']);
  return /^\d{4}$/.test(year) ? year : '';
};

function entryOf(n: XmlNode, list: string): ListEntry {
  const type = xmlText((n.subjectType as XmlNode | undefined)?.['@code']).toLowerCase();
  const names = xmlNodes(n.nameAlias).map((a) => xmlText(a['@wholeName']) || [a['@firstName'], a['@middleName'], a['@lastName']].map(xmlText).filter(Boolean).join(' '));
  return {
    list,
    entryId: xmlText(n['@logicalId']),
    kind: type === 'person' ? 'individual' : type === 'enterprise' ? 'entity' : 'unknown',
    names: unique(names),
    birthDates: unique(xmlNodes(n.birthdate).map(birthDate)),
    nationalities: unique(xmlNodes(n.citizenship).map((c) => countryCode(xmlText(c['@countryIso2Code'])) ?? countryCode(xmlText(c['@countryDescription'])))),
    documentNumbers: unique(xmlNodes(n.identification).map((d) => (xmlText(d['@number']) || xmlText(d['@latinNumber'])).replace(/[\s\-/.]/g, '').toUpperCase())),
    programs: unique([xmlText(n['@euReferenceNumber']), ...xmlNodes(n.regulation).map((r) => xmlText(r['@programme']))]),
  };
}

/**
 * The EU consolidated financial sanctions list, XML (`export`, namespace
 * http://eu.europa.ec/fpi/fsd/export). Entry id: the sanctionEntity's logicalId. Streamed record by
 * record (the full file is about 25 MB); a malformed or cut-off file is refused whole (LIST.0001).
 */
export async function parseEuXml(path: string, list = 'eu_consolidated'): Promise<{ entries: ListEntry[]; publishedAt: string | null }> {
  const file = basename(path);
  const { head, records } = await readXmlRecords(path, 'export', 'sanctionEntity', REPEATED);
  const entries: ListEntry[] = [];
  const ids = new Set<string>();
  for await (const r of records) {
    const e = entryOf(r, list);
    if (!e.entryId || !e.names.length) throw listInvalid(file, `entry ${entries.length + 1} has no logicalId or no name`);
    if (ids.has(e.entryId)) throw listInvalid(file, `logicalId ${e.entryId} appears twice`);
    ids.add(e.entryId);
    entries.push(e);
  }
  if (!entries.length) throw listInvalid(file, 'it holds no entries');
  const generated = xmlText((head.export as XmlNode | undefined)?.['@generationDate']);
  return { entries, publishedAt: generated || null };
}
