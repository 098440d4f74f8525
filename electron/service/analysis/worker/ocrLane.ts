import type { QualityResult } from '../../../../shared/schemas/analysis';
import { engineWords, type Worded } from '../../../../shared/schemas/engineText';
import { measureQuality } from '../quality/qualityFeatures';
import { assessQuality } from '../quality/assessQuality';
import { MrzReader } from '../mrz/MrzReader';
import type { DocumentTask, DocumentTaskResult, LaneTasks } from './protocol';
import { timed, usable, type Progress } from './taskSteps';

/**
 * The OCR lane's tasks: document quality and the MRZ. Its worker imports only this module, so it
 * never loads tfjs and the face models (about 90 MB a worker), as the face lane never loads tesseract.
 */
let mrzReader: Promise<MrzReader> | null = null;
const mrz = () => (mrzReader ??= MrzReader.create());

async function runDocument(t: DocumentTask, progress: Progress): Promise<DocumentTaskResult> {
  const timings: Record<string, number> = {};
  const notRun: Record<string, Worded> = {};
  const quality: Record<string, QualityResult> = {};
  const front = await usable(t.front, 'front', notRun, 'quality');
  const back = await usable(t.back, 'back', notRun, 'quality');
  if (!t.front) notRun.mrz = engineWords('noDocumentFrontOnFile');
  else if (!front) notRun.mrz = notRun.quality ?? engineWords('documentFrontUnreadable');
  if (t.quality) {
    progress('quality', 0.1);
    await timed(timings, 'quality', async () => {
      if (front) quality.front = assessQuality(await measureQuality(front, 'document'), t.quality!, 'document');
      if (back) quality.back = assessQuality(await measureQuality(back, 'document'), t.quality!, 'document');
    });
  }
  let result = null;
  let mrzRan = false;
  if (t.runMrz && (front || back)) {
    progress('mrz', 0.3);
    const reader = await mrz();
    mrzRan = true;
    // The MRZ is usually on the back of ID cards and on the front of passports.
    result = await timed(timings, 'mrz', async () => (front ? await reader.read(front) : null) ?? (back ? await reader.read(back) : null));
  }
  progress('document', 1);
  return { quality, mrz: result, mrzRan, notRun, timings };
}

export async function init(): Promise<void> {
  await mrz();
}

export function run(task: LaneTasks['ocr'], progress: Progress): Promise<DocumentTaskResult> {
  return runDocument(task, progress);
}
