import PDFDocument from 'pdfkit';
import { reportFonts } from './reportFonts';
import { ACCENT, BAND, BORDER, INK, MUTED, ZEBRA, type Tone } from './palette';
import type { AuditAnchor } from '../../../../shared/schemas/auditAnchor';
import { ANCHOR_INFO_KEY } from '../../audit/readAnchors';

export const PAGE = { width: 595.28, height: 841.89, left: 40, right: 40, top: 78, bottom: 52 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export const FONT_REGULAR = 'R';
export const FONT_BOLD = 'B';
const R = FONT_REGULAR;
const B = FONT_BOLD;

export interface Column {
  header: string;
  /** Share of the table width; the shares of a table need not add up to 1. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table cell: plain text, or text drawn as a coloured pill, in bold, or in small print. */
export type Cell = string | { text: string; tone?: Tone; bold?: boolean; small?: boolean; color?: string; fit?: boolean };

/**
 * Noto Sans Hans draws ‘ ’ “ ” as full-width CJK punctuation, which looks broken in Latin
 * text; the straight forms read the same and keep the spacing.
 */
export function printable(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/** Smallest size a shrink-to-fit cell may use; hashes stay legible at this size. */
const MIN_FIT_SIZE = 5;

export interface PageChrome {
  /** Left of the top band, small capitals. */
  kicker: string;
  /** Top band title (the subject's name, or the export's title). */
  title: string;
  /** Right of the top band. */
  reference: string;
  /** Left of the footer. */
  footer: string;
}

const CELL_PAD_X = 5;
const CELL_PAD_Y = 3.5;

/**
 * A thin layer over pdfkit for reports: fonts embedded once, flowing sections, key-value grids,
 * tables that break across pages and repeat their header, status pills, and the page band and
 * footer with "page n of m" drawn once the page count is known.
 */
export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;
  private sectionsDrawn = 0;

  /** `anchor`: the signed audit checkpoint, as JSON in the document information (audit:verify --anchors reads it). */
  constructor(private readonly chrome: PageChrome, info: { title: string; author: string; subject: string; createdAt: Date; anchor?: AuditAnchor | null }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
      bufferPages: true,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Creator: 'KYC Workstation',
        Producer: 'KYC Workstation (pdfkit)',
        CreationDate: info.createdAt,
        ...(info.anchor ? { [ANCHOR_INFO_KEY]: JSON.stringify(info.anchor) } : {}),
      },
    });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    const fonts = reportFonts();
    // pdfkit accepts a parsed fontkit font (it checks for `layout`); its typings only list buffers.
    this.doc.registerFont(R, fonts.regular as unknown as Buffer);
    this.doc.registerFont(B, fonts.bold as unknown as Buffer);
    this.doc.font(R).fontSize(9).fillColor(INK);
  }

  get y(): number {
    return this.doc.y;
  }

  private get bottom(): number {
    return PAGE.height - PAGE.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points = 8): void {
    this.doc.y += points;
  }

  /**
   * A section title numbered in the order sections are drawn, so a section that only some reports
   * have (screening flags, sanctions) neither goes unnumbered nor leaves a gap in the numbers.
   */
  numberedSection(title: string, keep = 60): void {
    this.sectionsDrawn++;
    this.section(`${this.sectionsDrawn}. ${title}`, keep);
  }

  /** A section title with a rule; keeps at least `keep` points of its content with it. */
  section(title: string, keep = 60): void {
    this.gap(10);
    this.ensureSpace(26 + keep);
    const y = this.doc.y;
    this.doc.font(B).fontSize(11.5).fillColor(BAND).text(title, PAGE.left, y, { width: CONTENT_WIDTH, lineBreak: false });
    const ruleY = y + 17;
    this.doc.moveTo(PAGE.left, ruleY).lineTo(PAGE.left + CONTENT_WIDTH, ruleY).lineWidth(0.8).strokeColor(ACCENT).stroke();
    this.doc.x = PAGE.left;
    this.doc.y = ruleY + 7;
    this.doc.font(R).fontSize(9).fillColor(INK);
  }

  subheading(text: string): void {
    this.ensureSpace(30);
    this.doc.font(B).fontSize(9.5).fillColor(INK).text(text, PAGE.left, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.font(R).fontSize(9);
    this.gap(2);
  }

  paragraph(text: string, opts: { color?: string; size?: number } = {}): void {
    this.doc.font(R).fontSize(opts.size ?? 9).fillColor(opts.color ?? INK).text(printable(text), PAGE.left, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.fillColor(INK);
  }

  /** A coloured rounded label; returns its width. */
  pill(text: string, x: number, y: number, tone: Tone, size = 7.5): number {
    this.doc.font(B).fontSize(size);
    const w = this.doc.widthOfString(text) + 10;
    const h = size + 6;
    this.doc.roundedRect(x, y, w, h, h / 2).fill(tone.bg);
    this.doc.fillColor(tone.fg).text(text, x + 5, y + 2.6, { lineBreak: false });
    this.doc.font(R).fontSize(9).fillColor(INK);
    return w;
  }

  /** Label/value pairs in `columns` columns, labels muted above their values. */
  keyValues(pairs: readonly [string, Cell][], columns = 3): void {
    const colWidth = CONTENT_WIDTH / columns;
    for (let i = 0; i < pairs.length; i += columns) {
      const row = pairs.slice(i, i + columns);
      const heights = row.map(([, v]) => this.cellHeight(v, colWidth - 10, 9));
      const h = 12 + Math.max(...heights);
      this.ensureSpace(h + 4);
      const y = this.doc.y;
      row.forEach(([label, value], j) => {
        const x = PAGE.left + j * colWidth;
        this.doc.font(R).fontSize(7).fillColor(MUTED).text(label.toUpperCase(), x, y, { width: colWidth - 10, lineBreak: false, characterSpacing: 0.3 });
        this.drawCell(value, x, y + 10, colWidth - 10, 'left');
      });
      this.doc.x = PAGE.left;
      this.doc.y = y + h + 4;
    }
    this.doc.font(R).fontSize(9).fillColor(INK);
  }

  /** A table that breaks across pages and repeats its header row on each. */
  table(columns: readonly Column[], rows: readonly (readonly Cell[])[], opts: { empty?: string; fontSize?: number } = {}): void {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const size = opts.fontSize ?? 8;
    const header = () => {
      this.doc.font(B).fontSize(7.2);
      const h = Math.max(...columns.map((c, i) => this.doc.heightOfString(c.header, { width: widths[i]! - 2 * CELL_PAD_X }))) + 2 * CELL_PAD_Y;
      const y = this.doc.y;
      this.doc.rect(PAGE.left, y, CONTENT_WIDTH, h).fill(BAND);
      let x = PAGE.left;
      columns.forEach((c, i) => {
        this.doc.fillColor('#ffffff').text(c.header, x + CELL_PAD_X, y + CELL_PAD_Y, { width: widths[i]! - 2 * CELL_PAD_X, align: c.align ?? 'left' });
        x += widths[i]!;
      });
      this.doc.y = y + h;
    };
    this.ensureSpace(40);
    header();
    if (rows.length === 0) {
      this.doc.font(R).fontSize(size).fillColor(MUTED).text(opts.empty ?? 'None.', PAGE.left + CELL_PAD_X, this.doc.y + CELL_PAD_Y, { width: CONTENT_WIDTH - 2 * CELL_PAD_X });
      this.doc.y += CELL_PAD_Y;
    }
    rows.forEach((row, r) => {
      this.doc.font(R).fontSize(size);
      const h = Math.max(...row.map((cell, i) => this.cellHeight(cell, widths[i]! - 2 * CELL_PAD_X, size))) + 2 * CELL_PAD_Y;
      if (this.doc.y + h > this.bottom) {
        this.doc.addPage();
        header();
      }
      const y = this.doc.y;
      if (r % 2 === 1) this.doc.rect(PAGE.left, y, CONTENT_WIDTH, h).fill(ZEBRA);
      let x = PAGE.left;
      row.forEach((cell, i) => {
        this.drawCell(cell, x + CELL_PAD_X, y + CELL_PAD_Y, widths[i]! - 2 * CELL_PAD_X, columns[i]?.align ?? 'left', size);
        x += widths[i]!;
      });
      this.doc.moveTo(PAGE.left, y + h).lineTo(PAGE.left + CONTENT_WIDTH, y + h).lineWidth(0.4).strokeColor(BORDER).stroke();
      this.doc.y = y + h;
    });
    this.doc.x = PAGE.left;
    this.doc.font(R).fontSize(9).fillColor(INK);
  }

  /** The font size a cell is drawn at: `fit` cells shrink until each line fits (hashes never wrap). */
  private cellSize(c: Exclude<Cell, string>, width: number, size: number): number {
    const base = c.small ? size - 1.5 : size;
    if (!c.fit) return base;
    this.doc.font(c.bold ? B : R).fontSize(base);
    const widest = Math.max(...c.text.split('\n').map((line) => this.doc.widthOfString(line)));
    // A few points of slack: pdfkit's line breaker measures slightly wider than widthOfString.
    const room = width - 4;
    return widest <= room ? base : Math.max(MIN_FIT_SIZE, Math.floor((base * room * 10) / widest) / 10);
  }

  private cellHeight(cell: Cell, width: number, size = 9): number {
    const c = typeof cell === 'string' ? { text: cell } : cell;
    if (c.tone) return size + 6;
    this.doc.font(c.bold ? B : R).fontSize(this.cellSize(c, width, size));
    return this.doc.heightOfString(printable(c.text) || ' ', { width });
  }

  private drawCell(cell: Cell, x: number, y: number, width: number, align: 'left' | 'right' | 'center', size = 9): void {
    const c = typeof cell === 'string' ? { text: cell } : cell;
    if (c.tone) {
      this.pill(c.text, x, y - 1, c.tone, size - 1);
      return;
    }
    this.doc
      .font(c.bold ? B : R)
      .fontSize(this.cellSize(c, width, size))
      .fillColor(c.color ?? INK)
      .text(printable(c.text), x, y, { width, align });
  }

  /** Draws the top band and the footer on every page, then ends the document. */
  async finish(): Promise<{ pdf: Buffer; pages: number }> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Drawing in the margins must not trigger pdfkit's automatic page break.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      this.drawBand();
      this.drawFooter(i - start + 1, count);
      this.doc.page.margins = margins;
    }
    this.doc.end();
    return { pdf: await this.ended, pages: count };
  }

  private drawBand(): void {
    const d = this.doc;
    d.rect(0, 0, PAGE.width, 52).fill(BAND);
    d.rect(0, 52, PAGE.width, 3).fill(ACCENT);
    d.font(B).fontSize(7).fillColor('#9fb3d1').text(this.chrome.kicker.toUpperCase(), PAGE.left, 13, { lineBreak: false, characterSpacing: 1 });
    d.font(B).fontSize(13).fillColor('#ffffff').text(this.chrome.title, PAGE.left, 24, { width: CONTENT_WIDTH - 170, lineBreak: false, ellipsis: true, height: 18 });
    d.font(R).fontSize(7).fillColor('#c9d4e5').text(this.chrome.reference, PAGE.width - PAGE.right - 200, 16, { width: 200, align: 'right', lineBreak: false });
  }

  private drawFooter(page: number, pages: number): void {
    const d = this.doc;
    const y = PAGE.height - 34;
    d.moveTo(PAGE.left, y - 6).lineTo(PAGE.width - PAGE.right, y - 6).lineWidth(0.5).strokeColor(BORDER).stroke();
    d.font(R).fontSize(6.8).fillColor(MUTED).text(this.chrome.footer, PAGE.left, y, { width: CONTENT_WIDTH - 80, lineBreak: false, ellipsis: true, height: 10 });
    d.font(B).fontSize(7).fillColor(INK).text(`Page ${page} of ${pages}`, PAGE.width - PAGE.right - 80, y, { width: 80, align: 'right', lineBreak: false });
  }
}
