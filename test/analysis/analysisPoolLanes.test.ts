import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool, TaskFailedError, WorkerCrashedError } from '../../electron/service/analysis/pool/AnalysisPool';
import type { DocumentTaskResult } from '../../electron/service/analysis/worker/protocol';
import { engineWords } from '../../shared/schemas/engineText';
import { demoImage } from '../helpers/analysisSetup';

describe('the analysis pool keeps each task to its lane', () => {
  // Both workers start with tfjs and face-api made unloadable (test/helpers/failFaceLibraries.mjs).
  const pool = new AnalysisPool({ ocrWorkers: 1, faceWorkers: 1, extraExecArgv: ['--import', join(import.meta.dirname, '../helpers/failFaceLibraries.mjs')] });
  afterAll(() => pool.close());

  it('loads the OCR models and runs a document task without the face libraries: the OCR lane never loads them', async () => {
    await expect(pool.run('ocr', { kind: 'init' })).resolves.toEqual({ ready: 'ocr' });
    const r = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: new Uint8Array(demoImage('set1_doc_front.png')), back: null, quality: null, runMrz: false });
    expect(r.mrzRan).toBe(false);
    expect(r.notRun).toEqual({});
  }, 120_000);

  it('refuses a face task sent to the OCR lane, with a message naming both, and the worker lives on', async () => {
    // The pool's overloads make this a type error; a caller that casts its way past them is refused at run time.
    const stray = pool.run('ocr', { kind: 'describe', image: new Uint8Array(demoImage('set1_selfie.png')) } as never);
    await expect(stray).rejects.toBeInstanceOf(TaskFailedError);
    await expect(stray).rejects.toThrow('a describe task was sent to the ocr lane');
    const again = await pool.run<DocumentTaskResult>('ocr', { kind: 'document', front: null, back: null, quality: null, runMrz: true });
    expect(again.notRun.mrz).toEqual(engineWords('noDocumentFrontOnFile'));
  }, 60_000);

  it('ends a worker whose lane module cannot load, so its task fails as a crash (which the job queue retries), not as a bad task', async () => {
    await expect(pool.run('face', { kind: 'init' })).rejects.toBeInstanceOf(WorkerCrashedError);
  }, 60_000);
});
