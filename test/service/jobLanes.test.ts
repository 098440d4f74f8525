import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner, type JobContext } from '../../electron/service/jobs/JobRunner';
import { newId } from '../../electron/service/core/newId';
import { openTempService, type TempService } from '../helpers/tempService';
import type { JobLane } from '../../shared/schemas/job';

/** Interactive work first: a job someone waits for never queues behind background work. */
describe('job lanes', () => {
  let t: TempService;
  beforeEach(() => {
    t = openTempService();
  });
  afterEach(() => t.cleanup());

  const queue = (lane: JobLane, label: string) => {
    const id = newId();
    t.service.deps.jobs.insert({ id, type: 'test.job', caseId: null, payload: { label }, maxAttempts: 1, now: new Date().toISOString(), createdBy: null, lane });
    return id;
  };

  it('claims interactive jobs before older background ones', () => {
    queue('background', 'b1');
    queue('background', 'b2');
    const i1 = queue('interactive', 'i1');
    const now = new Date().toISOString();
    expect(t.service.deps.jobs.claimNext(now)!.id).toBe(i1);
    expect(t.service.deps.jobs.claimNext(now)!.payload.label).toBe('b1');
    // A lane that may not run is not claimed from.
    expect(t.service.deps.jobs.claimNext(now, ['interactive'])).toBeUndefined();
  });

  it('an interactive job starts at once while background work fills every regular slot', async () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const runner = new JobRunner(
      { jobs: t.service.deps.jobs, clock: t.service.deps.clock, log: t.service.deps.log },
      {
        'test.job': (ctx: JobContext) =>
          new Promise((resolve) => {
            const label = String(ctx.job.payload.label);
            started.push(label);
            release.set(label, () => resolve({ timings: {} }));
          }),
      },
      1,
    );
    queue('background', 'b1');
    queue('background', 'b2');
    runner.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual(['b1']);
    queue('interactive', 'i1');
    runner.wake();
    await new Promise((r) => setTimeout(r, 50));
    // The reserved slot: i1 runs beside b1; b2 still waits for a regular slot.
    expect(started).toEqual(['b1', 'i1']);
    queue('interactive', 'i2');
    runner.wake();
    await new Promise((r) => setTimeout(r, 50));
    // Only one extra slot: i2 waits, and goes before b2 when b1 finishes.
    expect(started).toEqual(['b1', 'i1']);
    release.get('b1')!();
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual(['b1', 'i1', 'i2']);
    release.get('i1')!();
    release.get('i2')!();
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual(['b1', 'i1', 'i2', 'b2']);
    release.get('b2')!();
    await runner.stop();
  });

  it('moves the queued jobs, and only those, to the background lane', () => {
    const a = queue('interactive', 'a');
    const b = queue('interactive', 'b');
    t.service.deps.jobs.claimNext(new Date().toISOString());
    expect(t.service.deps.jobs.moveQueuedToBackground()).toBe(1);
    expect(t.service.deps.jobs.byId(a)!.lane).toBe('interactive');
    expect(t.service.deps.jobs.byId(b)!.lane).toBe('background');
  });
});
