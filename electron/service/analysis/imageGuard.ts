import sharp, { type Metadata } from 'sharp';
import { engineText, type EngineText, type EngineTerm } from '../../../shared/schemas/engineText';

/** Larger captures are refused before decoding: a 50 MP photo would take seconds and ~200 MB. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export class AnalysisInputError extends Error {
  constructor(
    readonly code: 'ANALYSIS.0001' | 'ANALYSIS.0002' | 'ANALYSIS.0003' | 'ANALYSIS.0004',
    message: string,
    /** The problem as words for the UI, without the image it is about (the caller names it). */
    readonly text: EngineText | null = null,
  ) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}

/** Codes: 0001 not a decodable image, 0002 too large, 0003 empty, 0004 a PDF (not analysed). */
const problem = (term: EngineTerm) => engineText('imageUnusable', { problem: { term } });

export async function checkImage(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  if (bytes.length === 0) throw new AnalysisInputError('ANALYSIS.0003', 'the file is empty', problem('fileEmpty'));
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    throw new AnalysisInputError('ANALYSIS.0004', 'PDF documents are kept as evidence but not analysed; capture or upload a photo', problem('pdfNotAnalysed'));
  }
  let meta: Metadata;
  try {
    // Reads the header only: nothing is decoded yet.
    meta = await sharp(bytes).metadata();
  } catch {
    throw new AnalysisInputError('ANALYSIS.0001', 'the file is not a readable image', problem('notAnImage'));
  }
  if (!meta.width || !meta.height) throw new AnalysisInputError('ANALYSIS.0001', 'the image has no dimensions', problem('noDimensions'));
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) {
    const mp = String(Math.round((meta.width * meta.height) / 1e6));
    const limit = String(MAX_IMAGE_PIXELS / 1e6);
    throw new AnalysisInputError('ANALYSIS.0002', `the image has ${mp} MP; the limit is ${limit} MP`, engineText('imageTooLarge', { mp, limit }));
  }
  try {
    // A full decode at low resolution catches truncated and corrupt files before any engine sees them.
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).resize(64).raw().toBuffer();
  } catch {
    throw new AnalysisInputError('ANALYSIS.0001', 'the image is truncated or corrupt', problem('truncated'));
  }
  return { width: meta.width, height: meta.height };
}
