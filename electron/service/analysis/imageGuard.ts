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
  const meta = await checkHeader(bytes);
  await checkDecodes(bytes);
  return { width: meta.width, height: meta.height };
}

/**
 * checkImage's checks, answering with the image for the engines of one task: a PNG re-encoded
 * without compression, else the bytes as they came. Each engine reads the image again (a
 * selfie six times: quality, faces, presentation attack), and a PNG has no reduced-size decode,
 * so every read inflated all of it (about 30 ms for a 1024 px photo); the uncompressed copy
 * reads in a quarter of that. The engines still read a PNG, through the same decoder, so they
 * see the same pixels. Its full decode is the check for truncation.
 */
export async function readCheckedImage(bytes: Uint8Array): Promise<Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = await checkHeader(buffer);
  if (!rereadAsUncompressedPng(meta)) {
    await checkDecodes(buffer);
    return buffer;
  }
  try {
    return await sharp(buffer, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).png({ compressionLevel: 0, adaptiveFiltering: false }).toBuffer();
  } catch {
    throw truncated();
  }
}

/**
 * Only PNGs whose copy carries everything the engines read: 8-bit samples (a 16-bit copy keeps
 * them, but is twice the size for little gain), and no EXIF orientation or ICC profile, which the
 * copy would not keep.
 */
function rereadAsUncompressedPng(meta: Metadata & { width: number; height: number }): boolean {
  return meta.format === 'png' && meta.depth === 'uchar' && (meta.orientation ?? 1) === 1 && !meta.hasProfile && !meta.exif && meta.width * meta.height <= UNCOMPRESSED_COPY_MAX_PIXELS;
}

/** Larger PNGs are read from their own bytes: an uncompressed copy of a 40 MP photo would hold 160 MB. */
const UNCOMPRESSED_COPY_MAX_PIXELS = 16_000_000;

const truncated = () => new AnalysisInputError('ANALYSIS.0001', 'the image is truncated or corrupt', problem('truncated'));

/** What the file's header says: empty, a PDF, not an image, no size, too large. Nothing is decoded. */
async function checkHeader(bytes: Uint8Array): Promise<Metadata & { width: number; height: number }> {
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
  return { ...meta, width: meta.width, height: meta.height };
}

/** A full decode at low resolution catches truncated and corrupt files before any engine sees them. */
async function checkDecodes(bytes: Uint8Array): Promise<void> {
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).resize(64).raw().toBuffer();
  } catch {
    throw truncated();
  }
}
