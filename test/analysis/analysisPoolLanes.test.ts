import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool, TaskFailedError } from '../../electron/service/analysis/pool/AnalysisPool';
import type { DocumentTaskResult } from '../../electron/service/analysis/worker/protocol';
import { demoImage } from '../helpers/analysisSetup';

describe('the analysis pool keeps each task to its lane', () => {
  // One OCR worker: it loads only the OCR lane's module (no tfjs, no face models).
  const pool = new AnalysisPool({ ocrWorkers: 1, faceWorkers: 0 });
  afterAll(() => pool.close());

  it('runs a document task on the OCR lane', async () => {
    const r = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: new Uint8Array(demoImage('set1_doc_front.png')), back: null, quality: null, runMrz: false });
    expect(r.mrzRan).toBe(false);
    expect(r.notRun).toEqual({});
  }, 60_000);

  it('refuses a face task sent to the OCR lane, with a message naming both, and the worker lives on', async () => {
    // The pool's overloads make this a type error; a caller that casts its way past them is refused at run time.
    const stray = pool.run('ocr', { kind: 'describe', image: new Uint8Array(demoImage('set1_selfie.png')) } as never);
    await expect(stray).rejects.toBeInstanceOf(TaskFailedError);
    await expect(stray).rejects.toThrow('a describe task was sent to the ocr lane');
    const again = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: null, back: null, quality: null, runMrz: true });
    expect(again.notRun.mrz).toBe('no document front on file');
  }, 60_000);
});
