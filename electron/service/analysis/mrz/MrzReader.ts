import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { createWorker, OEM, PSM } from 'tesseract.js';
import type { Worker } from 'tesseract.js';
import { mrzResultSchema } from '../../../../shared/schemas/analysis';
import type { MrzResult } from '../../../../shared/schemas/analysis';
import { bandPeriodicity } from './bandPeriodicity';
import { decodeGray, findBands, toPng } from './mrzImage';
import { bandCrop, type CropMargin } from './mrzBandCrop';
import type { Band } from './mrzImage';
import { interpret, plausible } from './mrzInterpret';
import { readGlyphs } from './mrzGlyphReader';
import { decodeGlyphs, type Pos } from './mrzGlyphDecode';
import { GLYPH_CHARS } from './mrzGlyphGeometry';
import { extractFields, icaoChecks } from './mrzFields';
import type { Candidate } from './mrzText';
import { mergeReadings } from './mrzVote';
import { chooseReading, type Attempt } from './mrzChoice';
import { tesseractLangDir, tesseractLegacyLangDir, tesseractWorkerPath } from '../../runtime/resourcePaths';

export type { MrzResult };

/** Candidate bands OCRed before giving up (each costs a full OCR pass). */
const MAX_BANDS = 3;
/** Per-read time budget in ms after which the remaining bands are skipped. */
const READ_BUDGET_MS = 4000;

export interface MrzReaderOptions {
  /**
   * Folder holding `eng.traineddata.gz` (or `eng.traineddata` with `gzip: false`) with the
   * legacy (non-LSTM) model. Defaults to resources/models/tesseract-legacy, else the
   * `@tesseract.js-data/eng` package's 4.0.0 folder.
   * Only local files are read.
   */
  langPath?: string;
  /** Folder holding the LSTM `eng.traineddata.gz` for the second reading; defaults to resources/models/tesseract. */
  lstmLangPath?: string;
  gzip?: boolean;
  /** Receives diagnostic lines (bands found, raw OCR text); off by default. */
  debug?: (message: string) => void;
}

/**
 * Bands whose characters do not repeat at a fixed pitch are not OCR'd at all (see
 * bandPeriodicity): MRZ specimens measure 0.57 and up, other printed text 0.53 and below.
 */
const MIN_PERIODICITY = 0.45;

/** Check digits a glyph reading needs to have held as matched when the engines read no MRZ in its crop. */
const GLYPH_ALONE_HELD = 2;

/** The candidate with the glyph decoding's changes (engines' characters, repairs) counted as corrections. */
function withChanges(c: Candidate, changed: readonly Pos[]): Candidate {
  const marks = c.changed.map((l) => [...l]);
  let added = 0;
  for (const [line, col] of changed) {
    if (marks[line]?.[col] === false) {
      marks[line]![col] = true;
      added++;
    }
  }
  return { ...c, changed: marks, corrections: c.corrections + added };
}

export class MrzReader {
  private queue: Promise<unknown> = Promise.resolve();
  private terminated = false;

  private constructor(
    private readonly worker: Worker,
    private readonly lstm: Worker,
    private readonly options: Pick<MrzReaderOptions, 'debug'>,
  ) {}

  static async create(options: MrzReaderOptions = {}): Promise<MrzReader> {
    const langPath = options.langPath ?? tesseractLegacyLangDir();
    const gzip = options.gzip ?? true;
    const lstmLangPath = options.lstmLangPath ?? tesseractLangDir();
    // tesseract.js falls back to a CDN when the file is missing: refuse before that can happen.
    for (const dir of [langPath, lstmLangPath]) {
      const file = join(dir, `eng.traineddata${gzip ? '.gz' : ''}`);
      if (!existsSync(file)) throw new Error(`MRZ reader: OCR model not found at ${file}`);
    }
    // The legacy engine classifies glyph by glyph: it reads the OCR-B chevrons far better than
    // the LSTM, whose language context turns filler runs into K/L/C. The LSTM reads letters in
    // words far better (M and W, which the legacy engine reads as H): the two readings are
    // merged, see mrzVote. Both start together (each is its own thread) to shorten start-up.
    const workerPath = tesseractWorkerPath();
    const started = await Promise.allSettled([
      createWorker('eng', OEM.TESSERACT_ONLY, { langPath, workerPath, gzip, cacheMethod: 'none', errorHandler: () => undefined }, { load_system_dawg: 'F', load_freq_dawg: 'F' }),
      createWorker('eng', OEM.LSTM_ONLY, { langPath: lstmLangPath, workerPath, gzip, cacheMethod: 'none', errorHandler: () => undefined }, { load_system_dawg: 'F', load_freq_dawg: 'F' }),
    ]);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      // Never leave the other engine's thread running.
      await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.terminate() : undefined)));
      throw failed.reason instanceof Error ? failed.reason : new Error(`MRZ reader: OCR engine did not start (${String(failed.reason)})`);
    }
    const [worker, lstm] = started.map((r) => (r as PromiseFulfilledResult<Worker>).value) as [Worker, Worker];
    for (const w of [worker, lstm]) {
      await w.setParameters({
        tessedit_char_whitelist: GLYPH_CHARS,
        tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
        user_defined_dpi: '300',
        // No adaptation from one image to the next: a read must not depend on earlier reads.
        classify_enable_learning: '0',
      });
    }
    return new MrzReader(worker, lstm, { debug: options.debug });
  }

  /** Reads the MRZ of a document image (JPEG/PNG bytes); null when the image has none. */
  read(image: Buffer): Promise<MrzResult | null> {
    if (this.terminated) return Promise.reject(new Error('MRZ reader: already terminated'));
    // One worker, one job at a time.
    const run = this.queue.then(() => this.readNow(image));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    await this.queue;
    await Promise.all([this.worker.terminate(), this.lstm.terminate()]);
  }

  private async ocr(png: Buffer, engine: Worker): Promise<{ text: string; confidence: number }> {
    const r = await engine.recognize(png, {}, { text: true });
    return { text: r.data.text, confidence: r.data.confidence / 100 };
  }

  private async readNow(image: Buffer): Promise<MrzResult | null> {
    const t0 = Date.now();
    const src = await decodeGray(image);
    const bands = await findBands(src, MAX_BANDS);
    const attempts: Attempt[] = [];
    const done = (): boolean => attempts.some((a) => a.candidate.checks.every((c) => c.valid));
    /**
     * Reads one crop of a band with both OCR engines and the glyph templates; returns whether any
     * reading was an MRZ, and whether the engines' text showed any MRZ signal at all.
     */
    const tryBand = async (band: Band, turn: 0 | 180, margin: CropMargin): Promise<{ found: boolean; signal: boolean }> => {
      const crop = bandCrop(src, band, margin, turn);
      const png = await toPng(crop);
      // Every crop gets both readings (below), so the two engines, each in its own tesseract
      // thread, read it at once: the second costs no wall time while a core is free.
      const [{ text, confidence }, lstmRead] = await Promise.all([this.ocr(png, this.worker), this.ocr(png, this.lstm)]);
      this.options.debug?.(`band ${JSON.stringify(band)} turn=${turn} margin=${margin}\n${text}`);
      const legacy = interpret(text);
      let engines: Attempt | null = null;
      let signal: boolean;
      if (!legacy || !plausible(legacy)) {
        // Small, blurred or noisy characters (about 9 px apart) that the legacy classifier
        // reads as no MRZ at all, the LSTM often still reads as one: its reading alone stands
        // then. Only bands that passed the periodicity gate get here, so a page without an MRZ
        // rarely pays for it.
        this.options.debug?.(`lstm alone\n${lstmRead.text}`);
        const candidate = interpret(lstmRead.text);
        signal = /<</.test(text) || /<</.test(lstmRead.text);
        if (candidate && plausible(candidate)) engines = { candidate, confidence: lstmRead.confidence, source: 'ocr' };
      } else {
        // Crops that already read as an MRZ get the second (LSTM) reading merged per crop: its
        // errors differ from crop to crop as the legacy engine's do.
        this.options.debug?.(`lstm\n${lstmRead.text}`);
        engines = { candidate: mergeReadings(legacy, lstmRead.text), confidence, source: 'ocr' };
        signal = /<</.test(text);
      }
      if (engines) attempts.push(engines);
      // The template reading (mrzGlyphReader) of the same crop, with the engines' characters
      // where the glyphs found them as likely, is a candidate of its own (chosen below). Not read
      // when the engines' reading verifies every check digit: it could not be chosen over it.
      let glyphFound = false;
      const verified = engines?.candidate.checks.every((c) => c.valid) ?? false;
      for (const g of verified ? [] : readGlyphs(crop)) {
        for (const d of decodeGlyphs(g.lines, engines?.candidate.lines ?? null, { legacy: text, lstm: lstmRead.text })) {
          this.options.debug?.(`glyphs ${g.confidence.toFixed(2)} held ${d.heldAsMatched}\n${d.text}`);
          // Alone (the engines saw no MRZ here), a glyph reading must show check digits that held
          // as matched, before any repair: repairs among near-equal matches make noise look valid.
          if (!engines && d.heldAsMatched < GLYPH_ALONE_HELD) continue;
          const c = interpret(d.text);
          if (!c || !plausible(c)) continue;
          attempts.push({ candidate: withChanges(c, d.changed), confidence: g.confidence, source: 'glyphs' });
          glyphFound = true;
        }
      }
      return { found: engines !== null || glyphFound, signal };
    };
    for (const band of bands) {
      if (Date.now() - t0 > READ_BUDGET_MS) break;
      const periodicity = bandPeriodicity(src, band);
      this.options.debug?.(`band periodicity ${periodicity.toFixed(2)}`);
      if (periodicity < MIN_PERIODICITY) continue;
      const first = await tryBand(band, 0, 'loose');
      if (first.found && done()) break;
      let found = first.found;
      if (first.signal) found = (await tryBand(band, 0, 'tight')).found || found;
      // Upside down only when nothing was read upright (the glyph reading finds zones the
      // engines show no '<<' in).
      else if (!found) found = (await tryBand(band, 180, 'loose')).found;
      if (!found) continue;
      // No third look at another scale when a check digit still fails: with the LSTM merge it
      // gained nothing on the fixtures and its higher-scoring misreads cost a field (219 vs 220).
      break;
    }
    const chosen = chooseReading(attempts);
    return chosen ? this.toResult(chosen) : null;
  }

  private toResult(a: Attempt): MrzResult {
    const c = a.candidate;
    const f = extractFields(c);
    const checks = icaoChecks(c) ?? c.checks;
    const valid = (name: string): boolean | null => checks.find((x) => x.name === name)?.valid ?? null;
    const changedIn = (line: number, start: number, end: number): number => c.changed[line]?.slice(start, end).filter(Boolean).length ?? 0;
    const base = Math.max(0, Math.min(1, a.confidence));
    const field = (value: string, repaired: number, checkValid: boolean | null) => ({
      value,
      source: 'MRZ' as const,
      confidence: Math.max(0, Math.min(1, base * Math.pow(0.85, repaired) * (checkValid === false ? 0.5 : 1))),
      checkDigitValid: checkValid,
    });
    const td1 = c.format === 'TD1';
    const result: MrzResult = {
      format: c.format,
      lines: c.lines,
      fields: {
        documentCode: field(f.documentCode, changedIn(0, 0, 2), null),
        issuingState: field(f.issuingState, changedIn(0, 2, 5), null),
        surname: field(f.surname, td1 ? changedIn(2, 0, 30) : changedIn(0, 5, c.lines[0]!.length), null),
        givenNames: field(f.givenNames, td1 ? changedIn(2, 0, 30) : changedIn(0, 5, c.lines[0]!.length), null),
        documentNumber: field(f.documentNumber, td1 ? changedIn(0, 5, 15) : changedIn(1, 0, 10), valid('documentNumber')),
        nationality: field(f.nationality, td1 ? changedIn(1, 15, 18) : changedIn(1, 10, 13), null),
        birthDate: field(f.birthDate, td1 ? changedIn(1, 0, 7) : changedIn(1, 13, 20), valid('birthDate')),
        sex: field(f.sex, td1 ? changedIn(1, 7, 8) : changedIn(1, 20, 21), null),
        expiryDate: field(f.expiryDate, td1 ? changedIn(1, 8, 15) : changedIn(1, 21, 28), valid('expiryDate')),
        personalNumber: f.personalNumber === null ? null : field(f.personalNumber, changedIn(1, 28, 43), valid('personalNumber')),
      },
      checkDigits: checks,
      valid: checks.every((x) => x.valid),
      corrections: c.corrections,
      confidence: Math.max(0, Math.min(1, base * (checks.filter((x) => x.valid).length / Math.max(1, checks.length)))),
    };
    return mrzResultSchema.parse(result);
  }
}
