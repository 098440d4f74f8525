import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysisPool } from '../../../analysis/pool/AnalysisPool';
import type { DocumentTaskResult } from '../../../analysis/worker/protocol';
import type { MrzResult } from '../../../../../shared/schemas/analysis';
import { syntheticMrzDocument, type SyntheticMrzDocument } from './syntheticMrzDocument';
import { SCORED_FIELDS, syntheticMrzReport, type ScoredSyntheticMrz, type SyntheticMrzReport } from './syntheticMrzReport';
import type { MrzTruth } from './randomMrz';
import type { Details } from '../evalCommon';
import { norm } from '../mrzGroundTruth';

/**
 * `npm run eval -- --synthetic-mrz N [--seed S]`: generates N synthetic MRZ documents in the run
 * (never stored in git), reads each with the product's document task on the analysis pool, and
 * reports field accuracy, detection and documents exact by format, degradation level and kind.
 * The next document is generated while the pool reads the current one.
 */

export interface SyntheticMrzOptions {
  count: number;
  seed: number;
  /** Keep the images in this folder (for looking at misses); otherwise a temp folder, removed after. */
  keepDir?: string;
  /** One line per document, as evaluate.ts's --details. */
  details?: Details;
  /** Progress on stderr every this many documents (0: silent). */
  progressEvery?: number;
}

/** The reader's fields under the truth's names, normalised as the real specimens' are. */
function readFields(m: MrzResult | null): MrzTruth | null {
  if (!m) return null;
  const f = m.fields;
  return {
    documentCode: norm(f.documentCode.value),
    issuingState: norm(f.issuingState.value),
    surname: norm(f.surname.value),
    givenNames: norm(f.givenNames.value),
    documentNumber: norm(f.documentNumber.value),
    nationality: norm(f.nationality.value),
    birthDate: norm(f.birthDate.value),
    sex: norm(f.sex.value),
    expiryDate: norm(f.expiryDate.value),
  };
}

/** Scores one reading against the generated truth. */
export function scoreReading(doc: Pick<SyntheticMrzDocument, 'format' | 'level' | 'kind' | 'truth'>, mrz: MrzResult | null, ms: number): ScoredSyntheticMrz & { wrong: string[] } {
  const got = readFields(mrz);
  const wrong = got ? SCORED_FIELDS.filter((k) => got[k] !== doc.truth[k]) : [...SCORED_FIELDS];
  return { format: doc.format, level: doc.level, kind: doc.kind, detected: got !== null, fieldsCorrect: got ? SCORED_FIELDS.length - wrong.length : 0, ms, wrong };
}

export async function evalSyntheticMrz(pool: AnalysisPool, o: SyntheticMrzOptions): Promise<SyntheticMrzReport> {
  const dir = o.keepDir ?? mkdtempSync(join(tmpdir(), 'synthetic-mrz-'));
  mkdirSync(dir, { recursive: true });
  const scored: ScoredSyntheticMrz[] = [];
  const t0 = performance.now();
  try {
    let next = o.count > 0 ? syntheticMrzDocument(o.seed, 0) : null;
    for (let i = 0; i < o.count; i++) {
      const doc = await next!;
      next = i + 1 < o.count ? syntheticMrzDocument(o.seed, i + 1) : null;
      // Its failure surfaces at the await above, on the next turn; not as an unhandled rejection meanwhile.
      next?.catch(() => undefined);
      const file = `${String(i).padStart(5, '0')}_${doc.format}_${doc.level}${doc.kind ? `_${doc.kind}` : ''}.${doc.ext}`;
      // Written out so the run reads files like the real specimens, and a miss can be looked at.
      writeFileSync(join(dir, file), doc.bytes);
      const t = performance.now();
      const r = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: new Uint8Array(doc.bytes), back: null, quality: null, runMrz: true });
      const ms = Math.round(performance.now() - t);
      const s = scoreReading(doc, r.mrz, ms);
      scored.push(s);
      o.details?.({
        section: 'mrz_synthetic',
        id: `${o.seed}:${i}`,
        expected: doc.truth,
        predicted: readFields(r.mrz),
        score: s.fieldsCorrect / SCORED_FIELDS.length,
        ms,
        file: o.keepDir ? join(dir, file) : file,
        format: doc.format,
        level: doc.level,
        kind: doc.kind,
        background: doc.background,
        lines: doc.lines,
        read_lines: r.mrz?.lines ?? null,
        wrong_fields: s.wrong,
        correct: s.wrong.length === 0,
      });
      if (o.progressEvery && (i + 1) % o.progressEvery === 0) {
        process.stderr.write(`mrz synthetic: ${i + 1}/${o.count} in ${Math.round((performance.now() - t0) / 1000)} s\n`);
      }
    }
  } finally {
    if (!o.keepDir) rmSync(dir, { recursive: true, force: true });
  }
  return syntheticMrzReport(o.seed, scored);
}
