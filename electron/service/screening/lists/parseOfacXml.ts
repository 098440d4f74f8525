import { basename } from 'node:path';
import type { ListEntry } from '../../../../shared/schemas/sanctions';
import { countryCode, listDate, listInvalid, unique } from './listHelpers';
import { readXmlRecords, xmlNodes, xmlText, type XmlNode } from './xmlRecords';

/** Elements that repeat in OFAC's sdn.xml (sdnList.xsd), read as arrays even when one is present. */
const REPEATED = new Set(['program', 'aka', 'id', 'nationality', 'citizenship', 'dateOfBirthItem']);
const KINDS: Record<string, ListEntry['kind']> = { individual: 'individual', entity: 'entity', vessel: 'vessel', aircraft: 'aircraft' };

/** "LAST, First" as sdn.csv writes a name, so both OFAC formats give the same names. */
const ofacName = (n: XmlNode): string => [xmlText(n.lastName), xmlText(n.firstName)].filter(Boolean).join(', ');
/** OFAC's MM/DD/YYYY publication date as YYYY-MM-DD. */
const publishDate = (v: string): string | null => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[1]}-${m[2]}` : null;
};

function entryOf(n: XmlNode, list: string): ListEntry {
  const list1 = (parent: string, child: string) => xmlNodes((n[parent] as XmlNode | undefined)?.[child]);
  return {
    list,
    entryId: xmlText(n.uid),
    kind: KINDS[xmlText(n.sdnType).toLowerCase()] ?? 'unknown',
    names: unique([ofacName(n), ...list1('akaList', 'aka').map(ofacName)]),
    birthDates: unique(list1('dateOfBirthList', 'dateOfBirthItem').flatMap((d) => xmlText(d.dateOfBirth).replace(/^circa /i, '').split(/ to /).map((x) => listDate(x)))),
    nationalities: unique([...list1('nationalityList', 'nationality'), ...list1('citizenshipList', 'citizenship')].map((c) => countryCode(xmlText(c.country)))),
    documentNumbers: unique(list1('idList', 'id').filter((d) => /passport|national id|cedula|identification|d\.n\.i|tax id/i.test(xmlText(d.idType))).map((d) => xmlText(d.idNumber).replace(/[\s\-/.]/g, '').toUpperCase())),
    programs: unique((xmlNodes((n.programList as XmlNode | undefined)?.program) as unknown[]).map(xmlText)),
  };
}

/**
 * The OFAC SDN list in its XML format (`sdnList`, sdn.xml). Entry id: uid (the CSV's ent_num).
 * Streams the file record by record; a malformed record, a file cut short, or a count that is not
 * the header's Record_Count refuses the whole file with LIST.0001.
 */
export async function parseOfacXml(path: string, list = 'ofac_sdn'): Promise<{ entries: ListEntry[]; publishedAt: string | null }> {
  const file = basename(path);
  const { head, records } = await readXmlRecords(path, 'sdnList', 'sdnEntry', REPEATED);
  const info = ((head.sdnList as XmlNode | undefined)?.publshInformation ?? {}) as XmlNode;
  const entries: ListEntry[] = [];
  const ids = new Set<string>();
  for await (const r of records) {
    const e = entryOf(r, list);
    if (!/^\d+$/.test(e.entryId) || !e.names.length) throw listInvalid(file, `entry ${entries.length + 1} has no uid or no name`);
    if (ids.has(e.entryId)) throw listInvalid(file, `uid ${e.entryId} appears twice`);
    ids.add(e.entryId);
    entries.push(e);
  }
  if (!entries.length) throw listInvalid(file, 'it holds no entries');
  const count = xmlText(info.Record_Count);
  if (count && Number(count) !== entries.length) throw listInvalid(file, `it holds ${entries.length} entries, its header says ${count} (truncated?)`);
  return { entries, publishedAt: publishDate(xmlText(info.Publish_Date)) };
}
