import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../electron/service/core/AdjustableClock';
import { DEMO_WATCHLIST_SOURCE, seedDemo } from '../../electron/service/demo/seedDemo';
import { JobRunner } from '../../electron/service/jobs/JobRunner';
import { RESCREEN_JOB, runRescreen } from '../../electron/service/screening/rescreenJob';
import { openTempService } from '../helpers/tempService';
import { must } from '../helpers/must';

const demoDir = join(import.meta.dirname, '../../resources/demo');

describe('the demo store', () => {
  it('imports its invented watch list, and the re-screen it starts raises the one likely match and not the near name', async () => {
    const clock = new AdjustableClock();
    const t = openTempService({ clock: clock.now });
    try {
      const seeded = await seedDemo(t.service, clock, demoDir);
      expect(seeded.cases).toBeGreaterThanOrEqual(40);
      const officer = await t.signInAs('officer');
      const lists = must(await t.service.call('sanctions.lists', {}, officer));
      expect(lists.map((l) => ({ source: l.source, entries: l.entryCount }))).toEqual([{ source: DEMO_WATCHLIST_SOURCE, entries: 6 }]);

      // Only the re-screen runs here (the analyses need the engine, covered elsewhere).
      const runner = new JobRunner({ jobs: t.service.deps.jobs, clock: t.service.deps.clock, log: t.service.deps.log }, { [RESCREEN_JOB]: (ctx) => runRescreen(t.service.deps, ctx) }, 1);
      runner.start();
      await runner.idle();
      await runner.stop();

      const alerted = must(await t.service.call('cases.list', { screeningAlert: true }, officer)).rows;
      expect(alerted.map((r) => r.displayName)).toEqual(['Diego Hernández Ruiz']);
      const [hit] = must(await t.service.call('sanctions.hits', { caseId: alerted[0]!.id }, officer));
      expect(hit).toMatchObject({ entryId: 'DEMO-WL-001', disposition: null });
      // Michael Thompson is near "Michael Thomson" by name, but born in another year and country.
      const thompson = must(await t.service.call('cases.list', { search: 'Thompson' }, officer)).rows;
      expect(thompson).toHaveLength(1);
      expect(must(await t.service.call('sanctions.hits', { caseId: thompson[0]!.id }, officer))).toEqual([]);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
