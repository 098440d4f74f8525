// Runs in a plain Node child from a packaged-layout tree (scripts/packaged-layout.mjs): starts
// the bundled analysis worker from inside the app.asar stand-in, as the desktop app's pool does,
// sends it one document task (MRZ) and one liveness task (ffmpeg frame extraction, face
// detection, a face match with the document portrait), and prints the results as JSON.
// Usage: node --import ./recordLaunches.mjs runPackagedAnalysis.mjs TREE DOCUMENT CLIP
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const [tree, documentFile, clipFile] = process.argv.slice(2);
const entry = join(tree, 'resources', 'app.asar', 'out', 'main', 'analysisWorker.js');

function runTask(lane, task) {
  const worker = new Worker(entry, { workerData: { lane }, execArgv: process.execArgv });
  return new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      if (m.type === 'result') resolve(m.value);
      else if (m.type === 'error') reject(new Error(`${m.code}: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the ${lane} worker exited (${code})`)));
    worker.postMessage({ id: 1, task });
  }).finally(() => worker.terminate());
}

const document = new Uint8Array(readFileSync(documentFile));
const clip = new Uint8Array(readFileSync(clipFile));
const mrz = await runTask('ocr', { kind: 'document', front: document, back: null, quality: null, runMrz: true });
const liveness = await runTask('face', { kind: 'liveness', clips: [{ actions: ['blink'], data: clip }], reference: { kind: 'document', image: document, threshold: 0.5 } });
process.stdout.write(JSON.stringify({ mrz, liveness }));
