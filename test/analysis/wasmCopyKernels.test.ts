import { beforeAll, describe, expect, it } from 'vitest';
import { FaceEngine } from '../../electron/service/analysis/face/FaceEngine';
import { tf } from '../../electron/service/analysis/face/faceRuntime';

/** A small deterministic generator, so a failure names a case that can be run again. */
function values(n: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 8) % 1000;
  }
  return out;
}

/** The value at `index` of a row-major tensor of `shape`. */
const flat = (shape: number[], index: number[]) => index.reduce((acc, v, d) => acc * shape[d]! + v, 0);

describe('the WASM backend with the faster Concat and Slice (wasmCopyKernels.ts)', () => {
  beforeAll(async () => {
    await FaceEngine.create();
  }, 120_000);

  it('runs on the WASM backend with both kernels replaced', () => {
    expect(tf.getBackend()).toBe('wasm');
    // The registry holds a kernel function of ours: tfjs's own is named `concat` / `slice`.
    expect(tf.getKernel('Concat', 'wasm')!.kernelFunc.name).not.toBe('concat');
    expect(tf.getKernel('Slice', 'wasm')!.kernelFunc.name).not.toBe('slice');
  });

  it('concatenates on every axis exactly as indexing says, short runs and long', () => {
    const cases: { shapes: number[][]; axis: number }[] = [
      // face-api's mean colour: three one-channel planes on the last axis.
      { shapes: [[1, 37, 41, 1], [1, 37, 41, 1], [1, 37, 41, 1]], axis: 3 },
      { shapes: [[2, 5, 3], [2, 4, 3]], axis: 1 },
      { shapes: [[3, 70], [3, 90]], axis: 1 },
      { shapes: [[2, 3], [4, 3], [1, 3]], axis: 0 },
      { shapes: [[2, 3, 4], [2, 3, 2]], axis: -1 },
    ];
    for (const [n, { shapes, axis }] of cases.entries()) {
      const data = shapes.map((s, i) => values(s.reduce((a, b) => a * b, 1), 100 * n + i));
      const got = tf.tidy(() => tf.concat(shapes.map((s, i) => tf.tensor(data[i]!, s, 'int32')), axis).dataSync());
      const rank = shapes[0]!.length;
      const ax = axis < 0 ? axis + rank : axis;
      const outShape = shapes[0]!.map((d, i) => (i === ax ? shapes.reduce((a, s) => a + s[i]!, 0) : d));
      const expected = new Int32Array(got.length);
      shapes.forEach((s, t) => {
        const offset = shapes.slice(0, t).reduce((a, p) => a + p[ax]!, 0);
        const size = data[t]!.length;
        for (let i = 0; i < size; i++) {
          // Index of element i in input t, then the same index shifted along the axis in the output.
          const idx: number[] = [];
          let rest = i;
          for (let d = rank - 1; d >= 0; d--) {
            idx[d] = rest % s[d]!;
            rest = Math.floor(rest / s[d]!);
          }
          idx[ax] = idx[ax]! + offset;
          expected[flat(outShape, idx)] = data[t]![i]!;
        }
      });
      expect(Array.from(got), `case ${n}`).toEqual(Array.from(expected));
    }
  });

  it('slices images (whole pixels) and anything else exactly as indexing says', () => {
    const shape = [23, 31, 3];
    const data = values(23 * 31 * 3, 7);
    const x = tf.tensor3d(data, shape as [number, number, number], 'int32');
    const cases: { begin: number[]; size: number[] }[] = [
      { begin: [4, 5, 0], size: [10, 12, 3] }, // a face cut from an image
      { begin: [0, 0, 0], size: [23, 31, 3] },
      { begin: [22, 30, 0], size: [1, 1, 3] },
      { begin: [3, 0, 0], size: [5, 31, 3] }, // whole rows: one contiguous block
      { begin: [2, 3, 1], size: [4, 5, 2] }, // some channels: the backend's own kernel
    ];
    for (const { begin, size } of cases) {
      const got = tf.tidy(() => tf.slice(x, begin, size).dataSync());
      const expected: number[] = [];
      for (let i = 0; i < size[0]!; i++)
        for (let j = 0; j < size[1]!; j++)
          for (let c = 0; c < size[2]!; c++) expected.push(data[flat(shape, [begin[0]! + i, begin[1]! + j, begin[2]! + c])]!);
      expect(Array.from(got), JSON.stringify({ begin, size })).toEqual(expected);
    }
    x.dispose();
  });
});
