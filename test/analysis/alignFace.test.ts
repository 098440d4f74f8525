import { describe, expect, it } from 'vitest';
import { ALIGNED_SIDE, ALIGNMENT_TEMPLATE, alignFace, fivePoints, similarityTransform, type Point } from '../../electron/service/analysis/face/alignFace';

/** The template carried into an image by x' = s R(theta) x + t. */
const place = (p: Point, s: number, theta: number, tx: number, ty: number): Point => ({
  x: s * (Math.cos(theta) * p.x - Math.sin(theta) * p.y) + tx,
  y: s * (Math.sin(theta) * p.x + Math.cos(theta) * p.y) + ty,
});

/** 68 landmarks whose five alignment points are `five`: each eye's six points spread around its centre, the rest far away (unused). */
function landmarksWith(five: readonly Point[]): Point[] {
  const l: Point[] = Array.from({ length: 68 }, () => ({ x: -1000, y: -1000 }));
  const ring = [-3, -2, -1, 1, 2, 3];
  for (let i = 0; i < 6; i++) {
    l[36 + i] = { x: five[0]!.x + ring[i]!, y: five[0]!.y - ring[i]! / 2 };
    l[42 + i] = { x: five[1]!.x - ring[i]!, y: five[1]!.y + ring[i]! / 3 };
  }
  l[30] = five[2]!;
  l[48] = five[3]!;
  l[54] = five[4]!;
  return l;
}

describe('face alignment onto the MobileFace template', () => {
  const s = 2.5, theta = 0.3, tx = 40, ty = 25;
  const inImage = ALIGNMENT_TEMPLATE.map((p) => place(p, 1 / s, -theta, 0, 0)).map((p) => ({ x: p.x + tx, y: p.y + ty }));

  it('reads the five points from the 68 landmarks: eye centres as the mean of each eye, nose tip, mouth corners', () => {
    const five = fivePoints(landmarksWith(inImage));
    five.forEach((p, i) => {
      expect(p.x).toBeCloseTo(inImage[i]!.x, 9);
      expect(p.y).toBeCloseTo(inImage[i]!.y, 9);
    });
    expect(() => fivePoints(inImage)).toThrow(/68/);
  });

  it('finds the similarity transform that carries a known landmark set exactly onto the template', () => {
    const t = similarityTransform(inImage, ALIGNMENT_TEMPLATE);
    // The inverse of the placement: scale s, rotation theta.
    expect(Math.hypot(t.a, t.b)).toBeCloseTo(s, 9);
    expect(Math.atan2(t.b, t.a)).toBeCloseTo(theta, 9);
    inImage.forEach((p, i) => {
      expect(t.a * p.x - t.b * p.y + t.tx).toBeCloseTo(ALIGNMENT_TEMPLATE[i]!.x, 9);
      expect(t.b * p.x + t.a * p.y + t.ty).toBeCloseTo(ALIGNMENT_TEMPLATE[i]!.y, 9);
    });
  });

  it('samples the crop so that each template point shows the image where that landmark is', () => {
    // An image whose red channel is x and green channel is y (both < 256): a crop pixel tells where it was read.
    const width = 120, height = 120;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 128], (y * width + x) * 3);
    const crop = alignFace({ data, width, height }, landmarksWith(inImage));
    expect(crop).toHaveLength(ALIGNED_SIDE * ALIGNED_SIDE * 3);
    ALIGNMENT_TEMPLATE.forEach((p, i) => {
      const o = (Math.round(p.y) * ALIGNED_SIDE + Math.round(p.x)) * 3;
      // The template point rounded to a pixel: within a pixel of the landmark, scaled back by 1/s.
      expect(Math.abs(crop[o]! - inImage[i]!.x)).toBeLessThan(1 / s + 0.01);
      expect(Math.abs(crop[o + 1]! - inImage[i]!.y)).toBeLessThan(1 / s + 0.01);
      expect(crop[o + 2]).toBeCloseTo(128, 6);
    });
  });
});
