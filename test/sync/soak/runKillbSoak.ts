import { rmSync } from 'node:fs';
import { KycService } from '../../../electron/service/KycService';
import { makeTempDir } from '../../helpers/tempService';
import { FaultPlan, mulberry32 } from '../../fakes/faults';
import { startFakeKillb } from '../../fakes/fakeKillb';
import { life } from './soakLife';
import { testKeys } from '../../helpers/testKeys';

export interface SoakResult {
  runs: number;
  kills: number;
  acknowledged: number;
  remoteUsers: number;
  lost: number;
  duplicated: number;
  deadLetters: number;
  faults: Record<string, number>;
  seconds: number;
}

/**
 * The fault soak of issue 11 for KillB: `runs` approvals, each a remote user to create, spread
 * over worker lives that are killed with SIGKILL at random points (`kills` of them), against a
 * KillB fake injecting 5xx, 429 with Retry-After, hangs past the client timeout, connection
 * resets and responses lost after the remote committed. The last life is not killed (the
 * faults go on until the outbox drains). Asserted by the caller: every acknowledged approval
 * has exactly one remote user.
 */
export async function runKillbSoak(o: { runs: number; kills: number; seed: number }): Promise<SoakResult> {
  const started = performance.now();
  const faults = new FaultPlan();
  faults.setRandom({
    seed: o.seed,
    rates: { serverError: 0.1, rateLimited: 0.06, hang: 0.03, reset: 0.08, commitThenLose: 0.12, delay: 0.06 },
    retryAfterSeconds: { min: 0, max: 1 },
    hangMs: 600,
    delayMs: { min: 5, max: 80 },
  });
  const killb = await startFakeKillb({ faults, seed: o.seed });
  const dataDir = makeTempDir('kyc-sync-soak-');
  const rand = mulberry32(o.seed);
  const acknowledged = new Set<string>();
  let kills = 0;
  try {
    const lives = o.kills + 1;
    const per = Math.ceil(o.runs / lives);
    let remaining = o.runs;
    for (let i = 0; i < lives; i++) {
      const last = i === lives - 1;
      const n = last ? remaining : Math.max(1, Math.min(per, remaining));
      remaining -= n;
      // Killed at a random point of its approvals, deliveries in flight.
      const kill = last ? null : { afterAcks: 1 + Math.floor(rand() * n), delayMs: Math.floor(rand() * 400) };
      const l = await life({ script: 'killbSoakWorker.ts', args: [dataDir, killb.url, killb.credentials.email, killb.credentials.password, String(n), String(o.seed + i)], kill, isAck: (line) => line.startsWith('approved ') });
      const approved = l.lines.filter((line) => line.startsWith('approved ')).map((line) => line.slice(9));
      if (l.killed) kills += 1;
      // Approvals a kill cut off are made by the next life: every run is acknowledged in the end.
      remaining += n - approved.length;
      for (const id of approved) acknowledged.add(id);
    }
    const service = KycService.open({ dataDir, keys: testKeys(dataDir) });
    try {
      const byExternal = new Map<string, number>();
      for (const u of killb.users) byExternal.set(u.externalId, (byExternal.get(u.externalId) ?? 0) + 1);
      let lost = 0;
      for (const profileId of acknowledged) {
        const p = service.deps.profiles.byId(profileId);
        const link = service.deps.sync.link('killb', 'profile', profileId);
        if (!p || !link || !byExternal.has(p.externalId) || killb.user(link.remoteId)?.externalId !== p.externalId) lost += 1;
      }
      const duplicated = [...byExternal.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
      const deadLetters = service.deps.sync.counts().filter((c) => c.status === 'dead').reduce((n, c) => n + c.n, 0);
      const faultCounts: Record<string, number> = {};
      for (const f of faults.injected) faultCounts[f.fault.kind] = (faultCounts[f.fault.kind] ?? 0) + 1;
      return { runs: o.runs, kills, acknowledged: acknowledged.size, remoteUsers: killb.users.length, lost, duplicated, deadLetters, faults: faultCounts, seconds: Math.round((performance.now() - started) / 100) / 10 };
    } finally {
      service.close();
    }
  } finally {
    await killb.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
