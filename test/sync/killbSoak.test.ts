import { describe, expect, it } from 'vitest';
import { runKillbSoak } from './soak/runKillbSoak';

/**
 * A short sample of the sync fault soak (the full 1,000 runs: `npm run soak:sync`, figures in
 * the README): approvals delivered to KillB through random faults and SIGKILLed workers.
 */
describe('sync fault soak (sample)', () => {
  it('30 approvals, 2 SIGKILLs, random faults: 0 lost, 0 duplicated KillB users', async () => {
    const r = await runKillbSoak({ runs: 30, kills: 2, seed: 20261204 });
    process.stdout.write(`sync soak sample: ${JSON.stringify(r)}\n`);
    expect(r.kills).toBe(2);
    expect(r.acknowledged).toBe(30);
    expect(Object.values(r.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.deadLetters).toBe(0);
    // Every acknowledged approval is one remote user; an approval a kill cut off before its
    // acknowledgement is still one user if it committed, never two.
    expect(r.remoteUsers).toBeGreaterThanOrEqual(r.acknowledged);
    expect(r.remoteUsers).toBeLessThanOrEqual(r.acknowledged + r.kills);
  }, 300_000);
});
