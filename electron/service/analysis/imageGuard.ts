import sharp, { type Metadata } from 'sharp';

/** Larger captures are refused before decoding: a 50 MP photo would take seconds and ~200 MB. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export class AnalysisInputError extends Error {
  constructor(
    readonly code: 'ANALYSIS.0001' | 'ANALYSIS.0002' | 'ANALYSIS.0003' | 'ANALYSIS.0004',
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}

/** Codes: 0001 not a decodable image, 0002 too large, 0003 empty, 0004 a PDF (not analysed). */
export async function checkImage(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  if (bytes.length === 0) throw new AnalysisInputError('ANALYSIS.0003', 'the file is empty');
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    throw new AnalysisInputError('ANALYSIS.0004', 'PDF documents are kept as evidence but not analysed; capture or upload a photo');
  }
  let meta: Metadata;
  try {
    // Reads the header only: nothing is decoded yet.
    meta = await sharp(bytes).metadata();
  } catch {
    throw new AnalysisInputError('ANALYSIS.0001', 'the file is not a readable image');
  }
  if (!meta.width || !meta.height) throw new AnalysisInputError('ANALYSIS.0001', 'the image has no dimensions');
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) {
    throw new AnalysisInputError('ANALYSIS.0002', `the image has ${Math.round((meta.width * meta.height) / 1e6)} MP; the limit is ${MAX_IMAGE_PIXELS / 1e6} MP`);
  }
  try {
    // A full decode at low resolution catches truncated and corrupt files before any engine sees them.
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).resize(64).raw().toBuffer();
  } catch {
    throw new AnalysisInputError('ANALYSIS.0001', 'the image is truncated or corrupt');
  }
  return { width: meta.width, height: meta.height };
}
