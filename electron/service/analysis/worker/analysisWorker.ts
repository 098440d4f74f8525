import { parentPort, workerData } from 'node:worker_threads';
import { AnalysisInputError } from '../imageGuard';
import { TASK_LANE, type Lane, type LaneTasks, type WorkerMessage, type WorkerRequest } from './protocol';
import type { Progress } from './taskSteps';

/**
 * One analysis worker thread. It loads its lane's module, and with it the lane's models, once
 * (tesseract for 'ocr', face-api and MobileFace for 'face') and runs one task at a time. Bad input
 * is answered with a coded error; nothing here may take the worker down except a real crash,
 * which the pool turns into a retry.
 */
const port = parentPort;
if (!port) throw new Error('analysisWorker must run as a worker thread');
const lane = (workerData as { lane: Lane }).lane;

interface LaneModule {
  init(): Promise<void>;
  run(task: LaneTasks[Lane], progress: Progress): Promise<unknown>;
}

// Imported by lane, not at the top: a worker of one lane never loads the other lane's libraries.
const laneModule: Promise<LaneModule> = lane === 'ocr' ? import('./ocrLane') : import('./faceLane');
// A lane module that cannot load is a broken worker, not a bad task: thrown outside the promise,
// the error ends the thread, and the pool replaces the worker and retries its task, as it did when
// the imports were static. No task is answered with it (below).
laneModule.catch((e: unknown) =>
  setImmediate(() => {
    throw e;
  }),
);

port.on('message', (req: WorkerRequest) => {
  const post = (m: WorkerMessage) => port.postMessage(m);
  const progress: Progress = (step, fraction) => post({ id: req.id, type: 'progress', step, fraction });
  const task = req.task;
  laneModule.then(
    (m) => {
      const work = (async () => {
        if (task.kind === 'init') return m.init().then(() => ({ ready: lane }));
        // The pool's types keep tasks to their lane; a stray one is refused rather than misread.
        if (TASK_LANE[task.kind] !== lane) throw new Error(`a ${task.kind} task was sent to the ${lane} lane`);
        return m.run(task, progress);
      })();
      work.then(
        (value) => post({ id: req.id, type: 'result', value }),
        (e: unknown) =>
          post({
            id: req.id,
            type: 'error',
            code: e instanceof AnalysisInputError ? e.code : 'ANALYSIS.0099',
            message: e instanceof Error ? e.message : String(e),
          }),
      );
    },
    () => undefined,
  );
});
