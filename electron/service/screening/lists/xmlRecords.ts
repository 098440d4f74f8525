import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { listInvalid } from './listHelpers';

export type XmlNode = Record<string, unknown>;

/** The text of an element or attribute value, trimmed; '' when absent. */
export const xmlText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : v && typeof v === 'object' && '#text' in v ? xmlText((v as XmlNode)['#text']) : '');
/** An element that may repeat, always as an array. */
export const xmlNodes = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v && typeof v === 'object' ? [v as XmlNode] : []);

export interface XmlRecordFile {
  /** The document before the first record, closed (root attributes, publication headers). */
  head: XmlNode;
  /** Each record element, parsed, in file order. */
  records: AsyncGenerator<XmlNode>;
}

/**
 * Streams a list file made of one root element holding many `record` elements (OFAC's
 * `sdnEntry`, the EU's `sanctionEntity`): the file is read in chunks and each record is cut
 * out, validated and parsed on its own, so a file of hundreds of MB never sits in memory.
 * Anything else between records, a malformed record, or a file that ends before its root
 * closes (truncated) throws LIST.0001; callers collect the entries before writing any.
 */
export async function readXmlRecords(path: string, root: string, record: string, repeated: ReadonlySet<string>): Promise<XmlRecordFile> {
  const file = basename(path);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, removeNSPrefix: true, isArray: (name) => repeated.has(name) });
  const parse = (xml: string, what: string): XmlNode => {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw listInvalid(file, `malformed XML in ${what} (${valid.err.msg})`);
    return parser.parse(xml) as XmlNode;
  };
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  const open = new RegExp(`<${record}[\\s>/]`, 'g');
  const close = `</${record}>`;
  let buf = '';
  let pos = 0;
  let done = false;
  /** Appends the next chunk (dropping what was consumed); false at the end of the file. */
  const more = async (): Promise<boolean> => {
    if (done) return false;
    const next = await chunks.next();
    if (next.done) {
      done = true;
      return false;
    }
    buf = buf.slice(pos) + next.value;
    pos = 0;
    return true;
  };
  // The head: everything before the first record (or the whole file when it holds none).
  let first = -1;
  for (;;) {
    open.lastIndex = 0;
    const m = open.exec(buf);
    if (m) {
      first = m.index;
      break;
    }
    if (!(await more())) break;
  }
  const headXml = first < 0 ? buf : buf.slice(0, first);
  if (!new RegExp(`<(?:\\w+:)?${root}[\\s>]`).test(headXml)) throw listInvalid(file, `it is not the expected list (no ${root} element)`);
  const closeRoot = new RegExp(`^\\s*</(?:\\w+:)?${root}>\\s*$`);
  const head = parse(first < 0 ? headXml : `${headXml}</${root}>`, 'the header');
  if (first < 0 && !new RegExp(`</(?:\\w+:)?${root}>\\s*$`).test(headXml)) throw listInvalid(file, `the file ends before </${root}> (truncated?)`);
  pos = first < 0 ? buf.length : first;
  async function* records(): AsyncGenerator<XmlNode> {
    if (first < 0) return;
    let n = 0;
    for (;;) {
      let end = buf.indexOf(close, pos);
      while (end < 0 && (await more())) end = buf.indexOf(close, pos);
      if (end < 0) {
        if (!closeRoot.test(buf.slice(pos))) throw listInvalid(file, `the file ends inside record ${n + 1} or holds something other than records before </${root}> (truncated?)`);
        return;
      }
      open.lastIndex = pos;
      const start = open.exec(buf)?.index ?? -1;
      if (start < 0 || start > end || buf.slice(pos, start).trim() !== '') throw listInvalid(file, `unexpected content before record ${n + 1}`);
      const xml = buf.slice(start, end + close.length);
      pos = end + close.length;
      n += 1;
      const node = parse(xml, `record ${n}`)[record];
      yield (node && typeof node === 'object' ? node : {}) as XmlNode;
    }
  }
  return { head, records: records() };
}
