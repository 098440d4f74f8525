import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { useFastCopyKernels } from './wasmCopyKernels';

export { tf, faceapi };

let loading: Promise<void> | null = null;
let ssdLoading: Promise<void> | null = null;
let loadedFrom: string | null = null;

async function load(modelDir: string, wasmDir: string): Promise<void> {
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
    if (!existsSync(join(wasmDir, f))) throw new Error(`face engine: ${f} not found in ${wasmDir}`);
  }
  if (!existsSync(join(modelDir, 'ssd_mobilenetv1_model-weights_manifest.json'))) throw new Error(`face engine: no face-api models in ${modelDir}`);
  // A local folder as the prefix: in Node the Emscripten loader reads the binary with fs, no fetch.
  setWasmPaths(`${wasmDir.replace(/[\\/]+$/, '')}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('face engine: the TensorFlow.js WASM backend did not start');
  await tf.ready();
  tf.enableProdMode();
  useFastCopyKernels();
  loadedFrom = modelDir;
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  await faceapi.nets.faceExpressionNet.loadFromDisk(modelDir);
}

/** The tfjs WASM backend and face-api's networks, loaded once per process (a worker thread). */
export function loadFaceRuntime(modelDir: string, wasmDir: string): Promise<void> {
  loading ??= load(modelDir, wasmDir).catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

/**
 * SSD MobileNet, loaded on first use only: the tiny detector finds most faces, and SSD's weights
 * and the WASM memory its 512x512 pass grows are not paid by a worker that never needs it.
 */
export function loadSsd(): Promise<void> {
  if (!loadedFrom) return Promise.reject(new Error('face engine: runtime not loaded'));
  const dir = loadedFrom;
  ssdLoading ??= faceapi.nets.ssdMobilenetv1.loadFromDisk(dir).catch((e: unknown) => {
    ssdLoading = null;
    throw e;
  });
  return ssdLoading;
}
