import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import type { Lane, TaskFor, WorkerMessage, WorkerTask } from '../worker/protocol';

/** The task's worker died (crash, out of memory, killed): the job may be retried. */
export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

/** The worker ran the task and reported a coded failure (bad input): retrying will not help. */
export class TaskFailedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TaskFailedError';
  }
}

interface Pending {
  id: number;
  task: WorkerTask;
  onProgress: ((step: string, fraction: number) => void) | undefined;
  /** Background work queues behind every interactive task not yet started. */
  background: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  lane: Lane;
  worker: Worker;
  current: Pending | null;
}

export interface AnalysisPoolOptions {
  ocrWorkers?: number;
  faceWorkers?: number;
  /** Extra Node flags for the workers (tests load an offline guard this way). */
  extraExecArgv?: string[];
}

/**
 * Where the worker's code is: next to this file as TypeScript when running from source (serve,
 * tests: loaded through tsx), or as the bundled analysisWorker.js beside the Electron main.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const source = new URL('../worker/analysisWorkerFromSource.mjs', import.meta.url);
  if (existsSync(fileURLToPath(source)) && existsSync(fileURLToPath(new URL('../worker/analysisWorker.ts', import.meta.url)))) {
    return { url: source, execArgv: [] };
  }
  return { url: new URL('./analysisWorker.js', import.meta.url), execArgv: [] };
}

/**
 * A pool of worker threads, in two lanes so each worker keeps one set of models in memory.
 * Sized to the cores: on 2 cores, one OCR worker and one face worker. A worker that dies is
 * replaced, and the task it held fails with WorkerCrashedError so the job queue can retry it.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queues: Record<Lane, Pending[]> = { ocr: [], face: [] };
  private nextId = 1;
  private closed = false;
  private readonly entry: { url: URL; execArgv: string[] };

  constructor(options: AnalysisPoolOptions = {}) {
    const entry = workerEntry();
    this.entry = { url: entry.url, execArgv: [...entry.execArgv, ...(options.extraExecArgv ?? [])] };
    const cores = availableParallelism();
    const ocr = options.ocrWorkers ?? Math.max(1, Math.floor(cores / 2));
    const face = options.faceWorkers ?? Math.max(1, cores - ocr);
    for (let i = 0; i < ocr; i++) this.slots.push(this.spawn('ocr'));
    for (let i = 0; i < face; i++) this.slots.push(this.spawn('face'));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Loads every worker's models; resolves when all are ready. */
  async warmUp(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.runOn(s.lane, { kind: 'init' })));
  }

  run<T>(lane: 'ocr', task: TaskFor<'ocr'>, onProgress?: (step: string, fraction: number) => void, background?: boolean): Promise<T>;
  run<T>(lane: 'face', task: TaskFor<'face'>, onProgress?: (step: string, fraction: number) => void, background?: boolean): Promise<T>;
  run<T>(lane: Lane, task: WorkerTask, onProgress?: (step: string, fraction: number) => void, background = false): Promise<T> {
    return this.runOn(lane, task, onProgress, background) as Promise<T>;
  }

  /** Test hook and operator tool: ends a busy worker as a crash would. */
  async killBusyWorker(lane: Lane): Promise<boolean> {
    const slot = this.slots.find((s) => s.lane === lane && s.current);
    if (!slot) return false;
    await slot.worker.terminate();
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const lane of ['ocr', 'face'] as const) for (const p of this.queues[lane].splice(0)) p.reject(new Error('analysis pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private runOn(lane: Lane, task: WorkerTask, onProgress?: (step: string, fraction: number) => void, background = false): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('analysis pool closed'));
    return new Promise((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, task, onProgress, background, resolve, reject };
      const queue = this.queues[lane];
      // An interactive task goes ahead of the queued background ones, behind earlier interactive ones.
      const at = background ? queue.length : queue.findIndex((p) => p.background);
      queue.splice(at < 0 ? queue.length : at, 0, pending);
      this.dispatch(lane);
    });
  }

  private dispatch(lane: Lane): void {
    for (const slot of this.slots) {
      if (slot.lane !== lane || slot.current) continue;
      const next = this.queues[lane].shift();
      if (!next) return;
      slot.current = next;
      slot.worker.postMessage({ id: next.id, task: next.task });
    }
  }

  private spawn(lane: Lane): Slot {
    const worker = new Worker(this.entry.url, { execArgv: this.entry.execArgv, workerData: { lane }, stdout: false, stderr: false });
    const slot: Slot = { lane, worker, current: null };
    worker.on('message', (m: WorkerMessage) => {
      const p = slot.current;
      if (!p || p.id !== m.id) return;
      if (m.type === 'progress') return p.onProgress?.(m.step, m.fraction);
      slot.current = null;
      if (m.type === 'result') p.resolve(m.value);
      else p.reject(new TaskFailedError(m.code, m.message));
      this.dispatch(lane);
    });
    const onDeath = (why: string) => {
      const p = slot.current;
      slot.current = null;
      p?.reject(new WorkerCrashedError(`the ${lane} worker stopped: ${why}`));
      if (this.closed) return;
      // Replace it in place, then carry on with the lane's queue.
      const index = this.slots.indexOf(slot);
      if (index >= 0) {
        this.slots[index] = this.spawn(lane);
        this.dispatch(lane);
      }
    };
    let dead = false;
    const die = (why: string) => {
      if (dead) return;
      dead = true;
      onDeath(why);
    };
    worker.on('error', (e) => die(e.name));
    worker.on('exit', (code) => die(`exit code ${code}`));
    return slot;
  }
}
