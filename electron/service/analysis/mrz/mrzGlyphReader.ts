import type { Gray } from './mrzImage';
import { GLYPH_CHARS, GLYPH_MARGIN, type GlyphSet } from './mrzGlyphGeometry';
import glyphFile from './ocrBGlyphs.json';
import { LAYOUTS } from './mrzLayouts';

/**
 * A third reading of an MRZ crop that needs no OCR engine: ICAO 9303 prints the zone in OCR-B at
 * a fixed pitch, in 2 or 3 lines of 30, 36 or 44 characters, so once a line's ink extent is known
 * every character cell is too, and each cell is matched against the 37 OCR-B glyphs by normalised
 * correlation. Tesseract segments characters itself and fails on small, blurred, noisy ones (about
 * 7 to 9 px apart in a phone photo of a card): its line finder loses them before its classifier
 * sees them. Template matching keeps working there, because it never has to find a character's
 * edges. On sharp print the engines read letters better (documents are printed in many cuts of
 * OCR-B, and O, C and 0 differ by a few pixels), so it stands as one more candidate that has to
 * win on check digits (see MrzReader), and keeps the engines' letters where it matched them
 * nearly as well (see mrzGlyphDecode).
 */

const SET = glyphFile as GlyphSet;
const CELL_W = SET.width;
const CELL_H = SET.height;
const CELL_N = CELL_W * CELL_H;
/** Characters per line of the ICAO layouts with 3 lines (TD1) and with 2 (TD2/MRV-B, TD3/MRV-A). */
const LINE_LENGTHS: Record<2 | 3, readonly number[]> = {
  3: [...new Set(LAYOUTS.filter((l) => l.lines.length === 3).map((l) => l.lineLength))],
  2: [...new Set(LAYOUTS.filter((l) => l.lines.length === 2).map((l) => l.lineLength))],
};
/** Offsets, in pitches, at which gridFit tries each cell. */
const FIT_OFFSETS = [-0.15, 0, 0.15];
/**
 * Whole-line shifts, in pitches, at which gridFit tries a grid: a line's inked ends can place the
 * grid half a character off (a narrow first glyph, ink lost at a truncated end), and then every
 * cell straddles two characters and the right pitch fits worse than a wrong one. A quarter pitch
 * apart over one pitch (-0.5 stands for +0.5 too, a whole character aside); readLine's offsets
 * take the grid the rest of the way (with +0.5 as a fifth phase seed 7 read 8 fewer of 1,080 fields).
 */
const FIT_PHASES = [-0.5, -0.25, 0, 0.25];
/**
 * Mean match below which a reading is noise, not characters: on the development sample (seed 7
 * of the synthetic set) every reading that got the lines right matched at 0.65 or more, and
 * grids over noise, desk texture or the wrong shape at 0.45 to 0.6. Check-digit repairs can make
 * such noise look valid, so it is never offered.
 */
const MIN_CONFIDENCE = 0.6;
/** How much lower a shape's mean match may be than the crop's best shape's and still be read. */
const SHAPE_MARGIN = 0.1;
/** Where a cell may sit around its place on the pitch grid: pitches across, cap heights up and down. */
const OFFSETS = [-0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5];
const SHIFTS_Y = [-0.12, 0, 0.12];

/** Zero-mean, unit-norm vector of a cell, so matching ignores contrast and brightness. */
function normalise(v: Float32Array): boolean {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i]!;
  mean /= v.length;
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    v[i]! -= mean;
    norm += v[i]! * v[i]!;
  }
  if (norm < 1e-6) return false;
  const k = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) v[i]! *= k;
  return true;
}

/** The glyphs as normalised ink vectors, in GLYPH_CHARS order. */
const TEMPLATES: Float32Array[] = [...GLYPH_CHARS].map((ch) => {
  const bytes = Buffer.from(SET.glyphs[ch]!, 'base64');
  const v = new Float32Array(CELL_N);
  // Ink as positive values, as the cells are sampled.
  for (let i = 0; i < CELL_N; i++) v[i] = 255 - bytes[i]!;
  normalise(v);
  return v;
});

/** Runs of indices where `p` is at least `t`, as [start, end) pairs. */
function runs(p: Float64Array, t: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= p.length; i++) {
    const on = i < p.length && p[i]! >= t;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  }
  return out;
}

/** The paper's level of a profile (its 20th percentile: noise and texture are not ink) and its peak. */
function levels(p: Float64Array): { floor: number; peak: number } {
  const sorted = Float64Array.from(p).sort();
  return { floor: sorted[Math.floor(sorted.length * 0.2)] ?? 0, peak: sorted[sorted.length - 1] ?? 0 };
}

/** Ink (255 - grey) averaged over rows y0..y1 or columns, lightly smoothed. */
function profile(g: Gray, across: boolean, from: number, to: number): Float64Array {
  const n = across ? g.height : g.width;
  const raw = new Float64Array(n);
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(across ? g.width : g.height, Math.ceil(to));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = a; j < b; j++) s += 255 - g.data[across ? i * g.width + j : j * g.width + i]!;
    raw[i] = s / Math.max(1, b - a);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (raw[Math.max(0, i - 1)]! + raw[i]! + raw[Math.min(n - 1, i + 1)]!) / 3;
  return out;
}

/** The text lines of the crop as [top, bottom) of their ink, top to bottom. */
function textLines(g: Gray): [number, number][] {
  const rows = profile(g, true, 0, g.width);
  const { floor, peak } = levels(rows);
  if (peak - floor <= 0) return [];
  // Half way between paper and the densest row: the cap height, as the glyphs measure it.
  const found = runs(rows, floor + (peak - floor) * 0.5);
  const tallest = Math.max(...found.map(([a, b]) => b - a));
  return found.filter(([a, b]) => b - a >= tallest * 0.5);
}

interface Line {
  top: number;
  bottom: number;
}

/** Bilinear grey at (x, y), paper outside the crop. */
function at(g: Gray, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= g.width || y0 + 1 >= g.height) return 255;
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * g.width + x0;
  const d = g.data;
  return (d[i]! * (1 - fx) + d[i + 1]! * fx) * (1 - fy) + (d[i + g.width]! * (1 - fx) + d[i + g.width + 1]! * fx) * fy;
}

/** The cell with its left edge at x, cap top at `top`, `pitch` wide and `cap` high, as ink on the template grid. */
function sampleCell(g: Gray, x: number, top: number, pitch: number, cap: number, out: Float32Array): boolean {
  const y = top - GLYPH_MARGIN * cap;
  const spanY = cap * (1 + 2 * GLYPH_MARGIN);
  const sx = pitch / CELL_W;
  const sy = spanY / CELL_H;
  for (let gy = 0; gy < CELL_H; gy++) {
    for (let gx = 0; gx < CELL_W; gx++) {
      // Four samples per grid square: the crop is several times finer than the grid.
      const px = x + gx * sx;
      const py = y + gy * sy;
      const v = at(g, px + sx * 0.25, py + sy * 0.25) + at(g, px + sx * 0.75, py + sy * 0.25) + at(g, px + sx * 0.25, py + sy * 0.75) + at(g, px + sx * 0.75, py + sy * 0.75);
      out[gy * CELL_W + gx] = 255 - v / 4;
    }
  }
  return normalise(out);
}

/** Correlation of the cell with every glyph, in GLYPH_CHARS order, kept where higher than `into`'s. */
function matchInto(v: Float32Array, into: Float32Array): void {
  for (let k = 0; k < TEMPLATES.length; k++) {
    const t = TEMPLATES[k]!;
    let s = 0;
    for (let i = 0; i < CELL_N; i++) s += v[i]! * t[i]!;
    if (s > into[k]!) into[k] = s;
  }
}

const maxOf = (xs: Float32Array): number => xs.reduce((a, b) => Math.max(a, b), -1);

interface Stretch {
  /** First and last inked column of the line's characters. */
  from: number;
  to: number;
}

/** A pitch grid: the left edge of the first cell and the pitch. */
interface Grid {
  left: number;
  pitch: number;
}

/**
 * The line's ink from its first to its last character: inked columns, with the gaps between
 * characters (and fillers) bridged; the longest such stretch. Null when the line has no ink.
 */
function lineStretch(g: Gray, line: Line): Stretch | null {
  const cap = line.bottom - line.top;
  const cols = profile(g, false, line.top - cap * GLYPH_MARGIN, line.bottom + cap * GLYPH_MARGIN);
  const first = levels(cols);
  if (first.peak - first.floor <= 0) return null;
  // Ink that goes on above and below the line is not a character: the edge of the card, a
  // frame, the desk. Those columns are taken out before the line's ends are looked for (and
  // before its ink level is, which a black edge would set far above any character's).
  const above = profile(g, false, line.top - cap * 0.6, line.top - cap * 0.3);
  const below = profile(g, false, line.bottom + cap * 0.3, line.bottom + cap * 0.6);
  const edge = first.floor + (first.peak - first.floor) * 0.25;
  for (let x = 0; x < cols.length; x++) if (above[x]! >= edge && below[x]! >= edge) cols[x] = first.floor;
  const { floor, peak } = levels(cols);
  if (peak - floor <= 0) return null;
  let best: Stretch | null = null;
  let cur: Stretch | null = null;
  for (const [a, b] of runs(cols, floor + (peak - floor) * 0.25)) {
    cur = cur && a - cur.to <= cap * 0.8 ? { from: cur.from, to: b } : { from: a, to: b };
    if (!best || cur.to - cur.from > best.to - best.from) best = cur;
  }
  return best;
}

/**
 * The cap height the glyphs are matched at: OCR-B's, for the grid's pitch. The line's own ink
 * rows measure it short where fillers, which sit mid-height, outnumber the letters.
 */
const capOf = (grid: Grid): number => grid.pitch / SET.pitchPerCap;

/** The grid that puts `length` characters' ink exactly over the stretch. */
function gridOver(s: Stretch, length: number): Grid {
  const pitch = (s.to - s.from) / (length - 1 + SET.inkRight - SET.inkLeft);
  return { left: s.from - SET.inkLeft * pitch, pitch };
}

/**
 * How well a grid fits a line, cheaply: the best glyph match of every third cell, a little to
 * either side of its place, with the whole grid shifted by each of FIT_PHASES; the best shift's
 * grid is returned with its fit. A wrong pitch puts most cells between characters at every shift.
 */
function gridFit(g: Gray, line: Line, length: number, grid: Grid): { fit: number; grid: Grid } {
  const cap = capOf(grid);
  const top = (line.top + line.bottom) / 2 - cap / 2;
  const v = new Float32Array(CELL_N);
  const into = new Float32Array(TEMPLATES.length);
  let best = { fit: -Infinity, grid };
  for (const phase of FIT_PHASES) {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < length; i += 3) {
      into.fill(-1);
      for (const dx of FIT_OFFSETS) if (sampleCell(g, grid.left + (i + phase + dx) * grid.pitch, top, grid.pitch, cap, v)) matchInto(v, into);
      sum += maxOf(into);
      n++;
    }
    if (sum / n > best.fit) best = { fit: sum / n, grid: { left: grid.left + phase * grid.pitch, pitch: grid.pitch } };
  }
  return best;
}

/**
 * One line read as `length` characters on a pitch grid. Each cell's best glyph at every offset
 * from its place on the grid; then the path of offsets that moves at most one step from cell to
 * cell and matches best overall (dynamic programming). A pitch that is a little off, or changes
 * along a line seen in perspective, shifts the cells gradually; matching each cell on its own
 * would let one jump to its neighbour.
 */
function readLine(g: Gray, line: Line, length: number, grid: Grid): LineReading {
  const cap = capOf(grid);
  const mid = (line.top + line.bottom) / 2;
  const v = new Float32Array(CELL_N);
  const offsets = OFFSETS.length;
  const scores: Float32Array[] = [];
  const score = new Float64Array(length * offsets);
  for (let i = 0; i < length; i++) {
    for (let o = 0; o < offsets; o++) {
      const here = new Float32Array(TEMPLATES.length).fill(-1);
      for (const dy of SHIFTS_Y) {
        if (sampleCell(g, grid.left + (i + OFFSETS[o]!) * grid.pitch, mid - cap / 2 + dy * cap, grid.pitch, cap, v)) matchInto(v, here);
      }
      scores.push(here);
      score[i * offsets + o] = maxOf(here);
    }
  }
  const total = new Float64Array(length * offsets);
  const from = new Int32Array(length * offsets);
  for (let o = 0; o < offsets; o++) total[o] = score[o]!;
  for (let i = 1; i < length; i++) {
    for (let o = 0; o < offsets; o++) {
      let prev = o;
      for (const p of [o - 1, o + 1]) if (p >= 0 && p < offsets && total[(i - 1) * offsets + p]! > total[(i - 1) * offsets + prev]!) prev = p;
      total[i * offsets + o] = total[(i - 1) * offsets + prev]! + score[i * offsets + o]!;
      from[i * offsets + o] = prev;
    }
  }
  let o = 0;
  for (let k = 1; k < offsets; k++) if (total[(length - 1) * offsets + k]! > total[(length - 1) * offsets + o]!) o = k;
  const sum = total[(length - 1) * offsets + o]!;
  const cells: Float32Array[] = [];
  for (let i = length - 1; i >= 0; i--) {
    cells.push(scores[i * offsets + o]!);
    o = from[i * offsets + o]!;
  }
  return { cells: cells.reverse(), score: Math.max(0, sum / length) };
}

/** A line as each of its cells' correlation with every glyph (GLYPH_CHARS order), and the mean best. */
interface LineReading {
  cells: Float32Array[];
  score: number;
}

export interface GlyphReading {
  /** Per line, per character position: the correlation with each glyph, in GLYPH_CHARS order. */
  lines: Float32Array[][];
  /** Mean correlation of the best glyphs, 0..1. */
  confidence: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Line lengths a zone of n lines whose stretches span `span` pixels at cap height `cap` can have. */
function lengthsFor(n: 2 | 3, span: number, cap: number): readonly number[] {
  const options = LINE_LENGTHS[n];
  // OCR-B's pitch is a fixed share of its cap height, so the span says how many characters a
  // line holds; both are read when it falls between them.
  const chars = span / (cap * SET.pitchPerCap);
  const near = options.filter((len) => Math.abs(chars - len) <= 0.3 * len);
  const [a, b] = [...near].sort((x, y) => Math.abs(chars - x) - Math.abs(chars - y));
  if (a === undefined) return [];
  return b !== undefined && Math.abs(chars - b) - Math.abs(chars - a) < 3 ? [a, b] : [a];
}

/**
 * Every way the crop's text lines can be read as an MRZ (3 lines of 30, or 2 of 36 or 44), each
 * with its mean match. An upright, background-flattened crop of the band, as the OCR engines get.
 */
export function readGlyphs(crop: Gray): GlyphReading[] {
  const lines = textLines(crop).map(([top, bottom]) => ({ top, bottom }));
  const allStretches = lines.map((l) => lineStretch(crop, l));
  const out: GlyphReading[] = [];
  for (const n of [3, 2] as const) {
    // The zone is the last n lines found: anything above it in the crop is printing over the zone.
    if (lines.length < n) continue;
    const zone = lines.slice(lines.length - n);
    const stretches = allStretches.slice(lines.length - n);
    if (stretches.some((s) => s === null)) continue;
    const own = stretches as Stretch[];
    // The zone's lines all start and end at the same place, so every line's stretch, and their
    // median, is a candidate for every line: a line's own ends can be moved by glare, a truncated
    // crop, or a run of faint fillers too light to count as ink.
    const candidates = [...own, { from: median(own.map((s) => s.from)), to: median(own.map((s) => s.to)) }];
    const cap = median(zone.map((l) => l.bottom - l.top));
    const span = Math.max(...candidates.map((s) => s.to - s.from));
    for (const length of lengthsFor(n, span, cap)) {
      const read = zone.map((l) => {
        const lineCap = l.bottom - l.top;
        const grids = candidates
          .map((c) => gridOver(c, length))
          // OCR-B's pitch is about its cap height: a grid with a very different pitch is not this layout.
          .filter((grid) => grid.pitch >= lineCap * 0.6 && grid.pitch <= lineCap * 1.6);
        if (grids.length === 0) return null;
        const fits = grids.map((grid) => gridFit(crop, l, length, grid));
        const best = fits.reduce((a, b) => (b.fit > a.fit ? b : a));
        return readLine(crop, l, length, best.grid);
      });
      if (read.some((r) => r === null)) continue;
      out.push({ lines: read.map((r) => r!.cells), confidence: read.reduce((a, r) => a + r!.score, 0) / n });
    }
  }
  // A shape whose glyphs match far worse than another's is a grid laid over text it does not fit
  // (the last two lines of a card read as a visa's): check-digit repairs could still make it
  // valid, so it is not offered.
  const best = Math.max(...out.map((r) => r.confidence));
  return out.filter((r) => r.confidence >= best - SHAPE_MARGIN && r.confidence >= MIN_CONFIDENCE);
}
