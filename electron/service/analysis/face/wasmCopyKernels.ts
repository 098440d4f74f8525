import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';

/**
 * Faster Concat and Slice for the tfjs WASM backend. Both kernels are plain copies done in
 * JavaScript, and tfjs 4.22 copies with one `subarray` + `set` per innermost run:
 * - face-api subtracts its mean colour by concatenating three [1, H, W, 1] tensors on the last
 *   axis, so the runs are one value long (a 416x416 detector input is 520,000 runs);
 * - it cuts each face out of the image with a rank-3 slice copied pixel by pixel (3 values a run).
 * Together that was about 100 ms of every face match. These versions copy the same values into
 * the same places: a short run value by value, and a slice's whole rows at once. Anything else
 * (strings, empty inputs) goes to the backend's own kernel.
 */

type TypedArray = ReturnType<BackendWasm['typedArrayFromHeap']>;

/** Below this run length a loop beats creating a subarray view per run. */
const SHORT_RUN = 64;

function copyRun(from: TypedArray, fromOffset: number, to: TypedArray, toOffset: number, length: number): void {
  if (length < SHORT_RUN) for (let k = 0; k < length; k++) to[toOffset + k] = from[fromOffset + k]!;
  else to.set(from.subarray(fromOffset, fromOffset + length), toOffset);
}

function replaceKernel(name: string, make: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(name, 'wasm');
  if (!original) throw new Error(`face engine: the WASM backend has no ${name} kernel`);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...original, kernelFunc: make(original.kernelFunc) });
}

const fastConcat =
  (original: tf.KernelFunc): tf.KernelFunc =>
  (args) => {
    const inputs = args.inputs as unknown as tf.TensorInfo[];
    const backend = args.backend as BackendWasm;
    const axis = tf.util.parseAxisParam((args.attrs as { axis: number }).axis, inputs[0]!.shape)[0]!;
    if (inputs.length < 2 || inputs[0]!.dtype === 'string' || inputs.some((t) => tf.util.sizeFromShape(t.shape) === 0)) return original(args);
    tf.backend_util.assertParamsConsistent(inputs.map((t) => t.shape), axis);
    const out = backend.makeOutput(tf.backend_util.computeOutShape(inputs.map((t) => t.shape), axis), inputs[0]!.dtype);
    const outer = tf.util.sizeFromShape(inputs[0]!.shape.slice(0, axis));
    const inner = inputs.map((t) => tf.util.sizeFromShape(t.shape.slice(axis)));
    const total = inner.reduce((a, b) => a + b, 0);
    const from = inputs.map((t) => backend.typedArrayFromHeap(t));
    const to = backend.typedArrayFromHeap(out);
    for (let b = 0; b < outer; b++) {
      let offset = b * total;
      for (let i = 0; i < from.length; i++) {
        copyRun(from[i]!, b * inner[i]!, to, offset, inner[i]!);
        offset += inner[i]!;
      }
    }
    return out;
  };

const fastSlice =
  (original: tf.KernelFunc): tf.KernelFunc =>
  (args) => {
    const x = (args.inputs as { x: tf.TensorInfo }).x;
    const backend = args.backend as BackendWasm;
    const { begin, size } = args.attrs as { begin: number | number[]; size?: number | number[] };
    const [b, s] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size) as [number[], number[]];
    // Rank 3 with whole trailing rows (an image's pixels, all channels): one copy per row.
    if (x.dtype === 'string' || x.shape.length !== 3 || b[2] !== 0 || s[2] !== x.shape[2] || tf.slice_util.isSliceContinous(x.shape, b, s)) return original(args);
    const out = backend.makeOutput(s, x.dtype);
    const from = backend.typedArrayFromHeap(x);
    const to = backend.typedArrayFromHeap(out);
    const rowStride = x.shape[1]! * x.shape[2]!;
    const run = s[1]! * s[2]!;
    for (let i = 0; i < s[0]!; i++) copyRun(from, (b[0]! + i) * rowStride + b[1]! * x.shape[2]!, to, i * run, run);
    return out;
  };

let installed = false;

/** Installs both kernels once per process, after the WASM backend is set (the registry is per backend). */
export function useFastCopyKernels(): void {
  if (installed) return;
  replaceKernel('Concat', fastConcat);
  replaceKernel('Slice', fastSlice);
  installed = true;
}
