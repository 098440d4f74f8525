import { describe, expect, it } from 'vitest';
import { runCrashSoak } from './runCrashSoak';

/** A sample of the crash soak (the full count: `npm run soak:crash`, figures in the README). */
describe('crash soak (sample)', () => {
  it('60 writes over HTTP, 3 SIGKILLs mid-request: integrity ok, chain verifies, nothing acknowledged lost, no orphan or partial file, no job lost', async () => {
    const r = await runCrashSoak({ writes: 60, kills: 3, seed: 20261205 });
    process.stdout.write(`crash soak sample: ${JSON.stringify(r)}\n`);
    expect(r.kills).toBe(3);
    expect(r.integrity).toBe('ok');
    expect(r.auditChainValid).toBe(true);
    expect(Object.values(r.acknowledged).reduce((a, b) => a + b, 0)).toBeGreaterThan(30);
    expect(r.acknowledged.upload).toBeGreaterThan(0);
    expect(r.lost).toBe(0);
    expect(r.orphanedFiles).toBe(0);
    expect(r.halfWrittenFiles).toBe(0);
    expect(r.jobsLost).toBe(0);
  }, 300_000);
});
