import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { readCheckedImage } from '../../electron/service/analysis/imageGuard';
import { measureQuality } from '../../electron/service/analysis/quality/qualityFeatures';
import { decodeGray } from '../../electron/service/analysis/mrz/mrzImage';
import { decodeRgb } from '../../electron/service/analysis/face/decodeImage';
import { DETECT_MAX_SIDE } from '../../electron/service/analysis/face/FaceEngine';
import { presentationAttackScore } from '../../electron/service/analysis/pad/presentationAttack';
import { demoImage } from '../helpers/analysisSetup';

/** Everything the engines read from an image: quality measures, the MRZ reader's and the face engine's decodes, the presentation-attack cues. */
async function engineReadings(image: Buffer) {
  const gray = await decodeGray(image);
  const rgb = await decodeRgb(image, DETECT_MAX_SIDE);
  return {
    documentQuality: await measureQuality(image, 'document'),
    selfieQuality: await measureQuality(image, 'selfie'),
    gray: { width: gray.width, height: gray.height, data: Buffer.from(gray.data).toString('base64') },
    rgb: { width: rgb.width, height: rgb.height, scale: rgb.scale, data: Buffer.from(rgb.data).toString('base64') },
    pad: await presentationAttackScore(null, image, 0.5, { left: 0.25, top: 0.2, width: 0.5, height: 0.6 }),
  };
}

const selfie = demoImage('set1_selfie.png');
/** A PNG with real transparency, one with a palette, one in grey: the loader's other paths. */
const variants = async () => ({
  transparent: await sharp(selfie).resize(300).ensureAlpha(0.6).png().toBuffer(),
  palette: await sharp(selfie).resize(300).png({ palette: true, colours: 64 }).toBuffer(),
  grey: await sharp(selfie).resize(300).greyscale().png().toBuffer(),
});

describe("readCheckedImage: the image as one task's engines read it", () => {
  it('hands a PNG on uncompressed, and every engine reads exactly the pixels it read from the original', async () => {
    const images: [string, Buffer][] = [['the demo selfie', selfie], ['the demo document front', demoImage('set1_doc_front.png')], ...Object.entries(await variants())];
    for (const [name, png] of images) {
      const copy = await readCheckedImage(png);
      expect(copy.equals(png), name).toBe(false);
      expect((await sharp(copy).metadata()).format, name).toBe('png');
      // Uncompressed: at least the raw samples' size (a compressed PNG of a photo is far smaller).
      const { width, height, channels } = await sharp(png).metadata();
      expect(copy.length, name).toBeGreaterThanOrEqual(width! * height! * channels!);
      expect(await engineReadings(copy), name).toEqual(await engineReadings(png));
    }
  });

  it('hands on as they came the images a copy would not save work on or would change', async () => {
    const jpeg = demoImage('pe_100_pass-cze.jpg');
    expect((await readCheckedImage(jpeg)).equals(jpeg)).toBe(true);
    const sixteenBit = await sharp(selfie).resize(200).png().toColourspace('rgb16').toBuffer();
    expect((await sharp(sixteenBit).metadata()).depth).toBe('ushort');
    expect((await readCheckedImage(sixteenBit)).equals(sixteenBit)).toBe(true);
    const turned = await sharp(selfie).resize(200).withMetadata({ orientation: 6 }).png().toBuffer();
    expect((await readCheckedImage(turned)).equals(turned)).toBe(true);
    const profiled = await sharp(selfie).resize(200).withIccProfile('p3').png().toBuffer();
    expect((await sharp(profiled).metadata()).hasProfile).toBe(true);
    expect((await readCheckedImage(profiled)).equals(profiled)).toBe(true);
  });

  it('refuses what checkImage refuses, with the same codes', async () => {
    await expect(readCheckedImage(new Uint8Array())).rejects.toMatchObject({ code: 'ANALYSIS.0003' });
    await expect(readCheckedImage(Buffer.from('%PDF-1.7 ...'))).rejects.toMatchObject({ code: 'ANALYSIS.0004' });
    await expect(readCheckedImage(Buffer.from('not an image at all'))).rejects.toMatchObject({ code: 'ANALYSIS.0001' });
    await expect(readCheckedImage(demoImage('pe_100_pass-cze.jpg').subarray(0, 3000))).rejects.toMatchObject({ code: 'ANALYSIS.0001' });
    // A PNG cut short is caught by the copy's full decode.
    await expect(readCheckedImage(selfie.subarray(0, Math.floor(selfie.length / 2)))).rejects.toMatchObject({ code: 'ANALYSIS.0001' });
    const huge = await sharp({ create: { width: 8000, height: 6250, channels: 3, background: '#777' } }).png().toBuffer();
    await expect(readCheckedImage(huge)).rejects.toMatchObject({ code: 'ANALYSIS.0002' });
  });
});
