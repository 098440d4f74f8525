import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from './faceRuntime';

interface GraphJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: tf.io.ModelArtifacts['userDefinedMetadata'];
}

/**
 * A tfjs graph model (`<name>.json` + its weight files) read from a local folder through an IO
 * handler: tf.loadGraphModel's own loaders would fetch a URL. It runs on the tf the face engine
 * set to the WASM backend (faceRuntime's), not on face-api's bundled copy.
 */
export async function loadLocalGraph(dir: string, name: string): Promise<tf.GraphModel> {
  const json = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as GraphJson;
  const buffers = await Promise.all(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFile(join(dir, p)))));
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  };
  return tf.loadGraphModel({ load: () => Promise.resolve(artifacts) });
}

/**
 * A graph loaded on first use from the folder the engine names at start-up (`useFrom`), once per
 * process; a failed load is tried again on the next use. For graphs most inputs never need.
 */
export function lazyLocalGraph(name: string): { useFrom(dir: string): void; get(): Promise<tf.GraphModel> } {
  let loading: Promise<tf.GraphModel> | null = null;
  let dir: string | null = null;
  return {
    useFrom(d) {
      dir = d;
    },
    get() {
      if (!dir) return Promise.reject(new Error(`face engine: the ${name} folder is not set`));
      loading ??= loadLocalGraph(dir, name).catch((e: unknown) => {
        loading = null;
        throw e;
      });
      return loading;
    },
  };
}
