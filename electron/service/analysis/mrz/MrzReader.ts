import sharp from 'sharp';
import { createWorker, PSM, type Worker } from 'tesseract.js';
import type { MrzResult } from '../../../../shared/schemas/analysis';
import { tesseractLangDir } from '../modelPaths';
import { asDigits, asLetters, checkDigit, repairByCheckDigit } from './checkDigits';
import { LAYOUTS, type MrzFormat } from './mrzLayout';

interface Symbol {
  text: string;
  conf: number;
  cx: number;
}
interface OcrLine {
  text: string;
  y: number;
  symbols: Symbol[];
}

const WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
/** MRZ characters come out about 35 px tall at this width: what tesseract reads best. */
const OCR_WIDTH = 1600;

/** How many character cells the line spans, from its symbols' pitch. */
function estimatedCells(l: OcrLine): number {
  const c = l.symbols.map((s) => s.cx);
  const gaps = c.slice(1).map((x, i) => x - c[i]!).filter((g) => g > 0);
  const typical = median(gaps);
  const pitch = median(gaps.filter((g) => g > typical * 0.6 && g < typical * 1.4)) || typical;
  return pitch > 0 ? Math.round(((c.at(-1) ?? 0) - (c[0] ?? 0)) / pitch) + 1 : l.text.length;
}

function lineLooksLikeMrz(l: OcrLine): boolean {
  return l.text.length >= 26 && (l.text.match(/</g)?.length ?? 0) >= 2;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The monospaced grid: each OCR symbol lands in one character cell; empty cells are fillers. */
function toCells(l: OcrLine, n: number): { chars: string[]; conf: number[] } {
  const syms = l.symbols.filter((s) => s.text.length === 1);
  const centers = syms.map((s) => s.cx);
  const gaps = centers.slice(1).map((c, i) => c - centers[i]!).filter((g) => g > 0);
  const typical = median(gaps);
  const pitch = median(gaps.filter((g) => g > typical * 0.6 && g < typical * 1.4)) || typical;
  const chars = new Array<string>(n).fill('<');
  const conf = new Array<number>(n).fill(0.6);
  const best = new Array<number>(n).fill(-1);
  const first = centers[0] ?? 0;
  for (const s of syms) {
    const cell = Math.round((s.cx - first) / pitch);
    if (cell < 0 || cell >= n) continue;
    // Two symbols in one cell: a filler read twice, or a split glyph. Keep the surer one, and
    // prefer the filler, which OCR tends to double up as K or L.
    const score = s.conf + (s.text === '<' ? 10 : 0);
    if (score > best[cell]!) {
      best[cell] = score;
      chars[cell] = s.text;
      conf[cell] = s.conf / 100;
    }
  }
  return { chars, conf };
}

/** Fillers misread as K, L or C in name fields: a run that is mostly such letters is filler. */
function cleanNames(s: string): string {
  let out = s.replace(/[^A-Z<]/g, (c) => asLetters(c).replace(/[^A-Z]/g, '<'));
  // A whole segment of only K, L or C (between fillers) is filler: no name is "LL" or "KL".
  out = out.replace(/(^|<)([KLC]{1,4})(?=<|$)/g, (_, lead: string, seg: string) => lead + '<'.repeat(seg.length));
  // '<' between fillers: <K< , <L<  ->  <<<
  for (let i = 0; i < 3; i++) out = out.replace(/<[KLC](?=<)/g, '<<');
  // A trailing run that is mostly K/L/C and fillers, at least 4 long, is padding.
  const m = /[KLC<]{4,}$/.exec(out);
  if (m && (m[0].match(/[KLC]/g)?.length ?? 0) >= m[0].length * 0.5) out = out.slice(0, m.index) + '<'.repeat(m[0].length);
  // A name token glued to such a run (ERIKAKLLLL) loses the run.
  out = out.replace(/([A-Z]{2,}?)([KLC]{3,})(?=<|$)/g, (_, name: string, run: string) => name + '<'.repeat(run.length));
  // Until stable: the steps above can leave a short K/L/C segment between fillers.
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/(^|<)([KLC]{1,4})(?=<|$)/g, (_, lead: string, seg: string) => lead + '<'.repeat(seg.length));
  }
  return out;
}

function normalise(kind: string, s: string): string {
  switch (kind) {
    case 'digit':
      return asDigits(s);
    case 'alpha':
      return asLetters(s).replace(/[^A-Z<]/g, '<');
    case 'code':
      // P<, I<, V<, A<, C<: a K, L or C after the type letter is the filler misread.
      return asLetters(s[0] ?? '<') + (/[KLC]/.test(s[1] ?? '') ? '<' : asLetters(s[1] ?? '<'));
    case 'sex':
      return /[MFX<]/.test(s) ? s : s === 'H' ? 'M' : '<';
    case 'name':
      return cleanNames(s);
    default:
      return s;
  }
}

interface Assembled {
  format: MrzFormat;
  lines: string[];
  conf: number[][];
  corrections: number;
}

function assemble(ocr: OcrLine[]): Assembled | null {
  const cands = ocr.filter(lineLooksLikeMrz).sort((a, b) => a.y - b.y);
  if (cands.length < 2) return null;
  // The MRZ is the last two or three such lines on the page.
  const tryFormats: { take: number; formats: MrzFormat[] }[] = [
    { take: 3, formats: ['TD1'] },
    { take: 2, formats: ['TD3', 'TD2'] },
  ];
  let bestResult: Assembled | null = null;
  let bestScore = -1;
  for (const { take, formats } of tryFormats) {
    if (cands.length < take) continue;
    const group = cands.slice(-take);
    const avgLen = group.reduce((a, l) => a + Math.max(estimatedCells(l), l.text.length * 0.9), 0) / take;
    for (const base of formats) {
      const len = LAYOUTS[base].length;
      if (take === 3 && Math.abs(avgLen - 30) > 8) continue;
      if (take === 2 && Math.abs(avgLen - len) > 5) continue;
      const cells = group.map((l) => toCells(l, len));
      let lines = cells.map((c) => c.chars.join(''));
      const isVisa = lines[0]!.startsWith('V');
      const format: MrzFormat = take === 3 ? 'TD1' : isVisa ? (base === 'TD3' ? 'MRVA' : 'MRVB') : base;
      const repaired = repair(format, lines, cells.map((c) => c.conf));
      lines = repaired.lines;
      const score = checkScore(format, lines);
      if (score > bestScore) {
        bestScore = score;
        bestResult = { format, lines, conf: cells.map((c) => c.conf), corrections: repaired.corrections };
      }
    }
  }
  return bestResult;
}

function setSlice(lines: string[], line: number, start: number, value: string): void {
  const l = lines[line]!;
  lines[line] = l.slice(0, start) + value + l.slice(start + value.length);
}

/** Below this OCR confidence a K, L or C in a name is the filler misread (real letters read at ~0.98). */
const NAME_FILLER_CONF = 0.93;

function repair(format: MrzFormat, input: string[], conf: number[][] = []): { lines: string[]; corrections: number } {
  const lines = [...input];
  let corrections = 0;
  const layout = LAYOUTS[format];
  for (const f of layout.fields) {
    const raw = lines[f.line]!.slice(f.start, f.end);
    let pre = raw;
    if (f.kind === 'name' && conf[f.line]) {
      const c = conf[f.line]!;
      pre = [...raw].map((ch, i) => (/[KLC]/.test(ch) && (c[f.start + i] ?? 1) < NAME_FILLER_CONF ? '<' : ch)).join('');
    }
    let v = normalise(f.kind, pre);
    // Every name has a primary '<<' separator; if none survived, the likeliest misread is K< or <K.
    if (f.kind === 'name' && !/[A-Z]<<[A-Z]/.test(v)) v = v.replace(/([A-Z])(?:K<|<K)(?=[A-Z])/, '$1<<');
    if (f.check) {
      const cdRaw = lines[f.check.line]![f.check.pos] ?? '<';
      const cd = asDigits(cdRaw);
      if (cd !== cdRaw) setSlice(lines, f.check.line, f.check.pos, cd);
      if (f.kind === 'alnum' && !(f.name === 'personalNumber' && /^<+$/.test(v))) {
        const r = repairByCheckDigit(v, cd);
        v = r.value;
        corrections += r.changed;
      }
    }
    corrections += [...v].filter((c, i) => c !== raw[i]).length;
    setSlice(lines, f.line, f.start, v);
  }
  if (layout.composite) {
    const cd = asDigits(lines[layout.composite.line]![layout.composite.pos] ?? '<');
    setSlice(lines, layout.composite.line, layout.composite.pos, cd);
  }
  return { lines, corrections };
}

function checks(format: MrzFormat, lines: string[]): { name: string; valid: boolean }[] {
  const layout = LAYOUTS[format];
  const out: { name: string; valid: boolean }[] = [];
  for (const f of layout.fields) {
    if (!f.check) continue;
    const value = lines[f.line]!.slice(f.start, f.end);
    const digit = lines[f.check.line]![f.check.pos]!;
    // An empty optional personal number may carry '<' or 0 as its check digit.
    if (f.name === 'personalNumber' && /^<+$/.test(value)) {
      out.push({ name: f.name, valid: digit === '<' || digit === '0' });
      continue;
    }
    out.push({ name: f.name, valid: checkDigit(value) === digit });
  }
  if (layout.composite) {
    const text = layout.composite.ranges.map(([l, s, e]) => lines[l]!.slice(s, e)).join('');
    out.push({ name: 'composite', valid: checkDigit(text) === lines[layout.composite.line]![layout.composite.pos] });
  }
  return out;
}

function checkScore(format: MrzFormat, lines: string[]): number {
  return checks(format, lines).filter((c) => c.valid).length;
}

function toResult(a: Assembled): MrzResult {
  const layout = LAYOUTS[a.format];
  const cd = checks(a.format, a.lines);
  const valid = (name: string) => cd.find((c) => c.name === name)?.valid ?? null;
  const conf = (f: { line: number; start: number; end: number }) => {
    const cs = a.conf[f.line]!.slice(f.start, f.end);
    return Math.round((cs.reduce((x, y) => x + y, 0) / Math.max(1, cs.length)) * 100) / 100;
  };
  const get = (name: string) => {
    const f = layout.fields.find((x) => x.name === name)!;
    return { raw: a.lines[f.line]!.slice(f.start, f.end), conf: conf(f) };
  };
  const field = (value: string, confidence: number, checkDigitValid: boolean | null) => ({ value, source: 'MRZ' as const, confidence, checkDigitValid });
  const names = get('names');
  const [surname = '', ...rest] = names.raw.split('<<');
  const trim = (s: string) => s.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
  const personal = layout.fields.find((f) => f.name === 'personalNumber' || f.name === 'optional1');
  const personalValue = personal ? trim(a.lines[personal.line]!.slice(personal.start, personal.end)) : '';
  const docCode = get('documentCode');
  const checkDigits = cd;
  return {
    format: a.format,
    lines: a.lines,
    fields: {
      documentCode: field(trim(docCode.raw), docCode.conf, null),
      issuingState: field(get('issuingState').raw.replace(/<+$/, '') || get('issuingState').raw, get('issuingState').conf, null),
      surname: field(trim(surname), names.conf, null),
      givenNames: field(trim(rest.join('<<')), names.conf, null),
      documentNumber: field(get('documentNumber').raw.replace(/<+$/, ''), get('documentNumber').conf, valid('documentNumber')),
      nationality: field(get('nationality').raw.replace(/<+$/, '') || get('nationality').raw, get('nationality').conf, null),
      birthDate: field(get('birthDate').raw, get('birthDate').conf, valid('birthDate')),
      sex: field(get('sex').raw.replace('<', ''), get('sex').conf, null),
      expiryDate: field(get('expiryDate').raw, get('expiryDate').conf, valid('expiryDate')),
      personalNumber: personalValue ? field(personalValue, personal ? conf(personal) : 0, valid('personalNumber')) : null,
    },
    checkDigits,
    valid: checkDigits.every((c) => c.valid),
    corrections: a.corrections,
    confidence: Math.max(0, Math.round((a.conf.flat().reduce((x, y) => x + y, 0) / a.conf.flat().length - 0.01 * a.corrections) * 100) / 100),
  };
}

/**
 * Finds and reads the machine-readable zone with tesseract (English traineddata from local
 * files, MRZ whitelist), lays the characters on the MRZ's fixed grid, and repairs OCR
 * confusions with the ICAO 9303 structure and check digits. A document without an MRZ
 * returns null, never a guess.
 */
export class MrzReader {
  private constructor(private readonly worker: Worker) {}

  static async create(): Promise<MrzReader> {
    const worker = await createWorker('eng', 1, { langPath: tesseractLangDir(), cacheMethod: 'none', gzip: true });
    await worker.setParameters({ tessedit_char_whitelist: WHITELIST, tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
    return new MrzReader(worker);
  }

  private async ocr(png: Buffer): Promise<OcrLine[]> {
    const r = await this.worker.recognize(png, {}, { blocks: true, text: false });
    const lines: OcrLine[] = [];
    for (const b of r.data.blocks ?? []) {
      for (const p of b.paragraphs) {
        for (const l of p.lines) {
          const symbols = l.words.flatMap((w) => w.symbols.map((s) => ({ text: s.text, conf: s.confidence, cx: (s.bbox.x0 + s.bbox.x1) / 2 })));
          lines.push({ text: symbols.map((s) => s.text).join(''), y: l.bbox.y0, symbols: symbols.sort((x, y) => x.cx - y.cx) });
        }
      }
    }
    return lines;
  }

  async read(image: Buffer): Promise<MrzResult | null> {
    const base = sharp(image, { failOn: 'truncated' }).rotate();
    const meta = await base.metadata();
    const w = meta.autoOrient?.width ?? meta.width;
    const h = meta.autoOrient?.height ?? meta.height;
    if (!w || !h) throw new Error('the image has no dimensions');
    const upright = await base.toBuffer();
    let best: Assembled | null = null;
    // The MRZ sits at the bottom of the page; then try the whole page, then turned pages. The
    // first reading with most check digits verifying is kept: more attempts cost ~0.7 s each.
    const attempts: { rotate: number; bottom: number }[] = [
      { rotate: 0, bottom: 0.45 },
      { rotate: 0, bottom: 1 },
      { rotate: 90, bottom: 0.5 },
      { rotate: 270, bottom: 0.5 },
      { rotate: 180, bottom: 0.45 },
    ];
    for (const a of attempts) {
      const turned = a.rotate ? await sharp(upright).rotate(a.rotate).toBuffer() : upright;
      const tm = await sharp(turned).metadata();
      const th = tm.height!;
      const top = Math.floor(th * (1 - a.bottom));
      const png = await sharp(turned)
        .extract({ left: 0, top, width: tm.width!, height: th - top })
        .greyscale()
        .resize({ width: OCR_WIDTH })
        .normalise()
        .png()
        .toBuffer();
      const found = assemble(await this.ocr(png));
      if (found && (!best || checkScore(found.format, found.lines) > checkScore(best.format, best.lines))) best = found;
      if (best && checkScore(best.format, best.lines) >= Math.ceil(checks(best.format, best.lines).length / 2)) break;
    }
    if (!best) return null;
    // Fewer than half the check digits verifying is not an MRZ we can stand behind.
    const cd = checks(best.format, best.lines);
    if (cd.filter((c) => c.valid).length < Math.ceil(cd.length / 2)) return null;
    return toResult(best);
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
