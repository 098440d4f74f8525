import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempWorkDir, sweepTempWork } from '../../electron/service/core/tempWork';
import { KycService } from '../../electron/service/KycService';
import { makeTempDir } from '../helpers/tempService';
import { testKeys } from '../helpers/testKeys';

const openArgs = (dataDir: string) => ({ dataDir, keys: testKeys(dataDir) });

describe('scratch folders of liveness frames', () => {
  it('carry the process id; a starting service removes those of dead processes and keeps live ones', async () => {
    const mine = await makeTempWorkDir('kyc-frames');
    expect(mine).toContain(`kyc-frames-${process.pid}-`);
    // A process id that cannot exist (above Linux's pid_max) stands in for a killed process.
    const dead = join(tmpdir(), 'kyc-keyframes-4194999-abc');
    mkdirSync(dead);
    writeFileSync(join(dead, 'k0001.jpg'), 'face');
    const other = join(tmpdir(), 'unrelated-4194999-abc');
    mkdirSync(other);
    const s = KycService.open({ ...openArgs(makeTempDir('kyc-sweep-')) });
    try {
      await expect.poll(() => existsSync(dead)).toBe(false);
      expect(existsSync(mine)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(await sweepTempWork()).toBe(0);
    } finally {
      s.close();
    }
  });

  it('runs under the test run’s own temp folder, which the run removes at its end', () => {
    expect(tmpdir()).toMatch(/kyc-test-run-\d+$/);
  });
});
