import { rmSync } from 'node:fs';
import { KycService } from '../electron/service/KycService';
import { createOperator } from '../electron/service/bootstrap/createOperator';
import { newId } from '../electron/service/core/newId';
import { KILLB_CREATE_USER } from '../electron/service/sync/killbConnector';
import { startFakeKillb } from '../test/fakes/fakeKillb';
import { personInput } from '../test/helpers/profileFixtures';
import { TINY_PNG } from '../test/helpers/caseSetup';
import { makeTempDir } from '../test/helpers/tempService';
import { round, summarize } from './stats';
import type { BenchContext, BenchGroup, Metric } from './types';
import { testKeys } from '../test/helpers/testKeys';

/**
 * The `sync` group, against a healthy KillB fake on 127.0.0.1:
 * - sync_deliveries_per_s: 1,000 queued KillB users delivered by the runner (one at a time in
 *   enqueue order, each a real HTTP create plus the local link, mark and audit event).
 * - sync_lag_ms_p95: an officer's approval (the REST-free service call that commits it) until
 *   the remote has the user and the link is stored, with the runner running as in serve.
 */
const QUEUED = 1000;
const LAG_SAMPLES = 60;
const PASSWORD = 'sync-bench-password';

export const syncGroup: BenchGroup = {
  name: 'sync',
  description: 'outbox delivery rate and approval-to-remote lag against a local KillB fake',
  async run(ctx: BenchContext): Promise<Metric[]> {
    const killb = await startFakeKillb();
    const dataDir = makeTempDir('kyc-bench-sync-');
    const service = KycService.open({ dataDir, keys: testKeys(dataDir) });
    try {
      const signIn = async (role: 'admin' | 'branch_staff' | 'officer') => {
        const email = `bench-${role}@bench.local`;
        await createOperator(service.deps, { email, displayName: role, role, password: PASSWORD });
        const r = await service.call('auth.signIn', { email, password: PASSWORD }, null);
        if (!r.ok) throw new Error(r.error.message);
        return r.value.token;
      };
      const admin = await signIn('admin');
      const staff = await signIn('branch_staff');
      const officer = await signIn('officer');
      const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      must(await service.call('sync.configure', { id: 'killb', enabled: true, config: { baseUrl: killb.url, email: killb.credentials.email }, secret: killb.credentials.password }, admin));

      ctx.log(`sync: queueing ${QUEUED} KillB users`);
      const profiles: string[] = [];
      for (let i = 0; i < QUEUED; i++) profiles.push(must(await service.call('profiles.createPerson', personInput(), staff)).id);
      const at = new Date().toISOString();
      // As approvals queue them: one row per case, each under its case (rows of one case go in order).
      service.deps.db.transaction(() => {
        for (const profileId of profiles) {
          const caseId = service.deps.cases.byProfileId(profileId)!.id;
          service.deps.sync.enqueue({ id: newId(), connector: 'killb', kind: KILLB_CREATE_USER, idempotencyKey: `killb:user:${profileId}`, caseId, payload: { profileId }, now: at });
        }
      })();
      const t0 = performance.now();
      await service.deps.syncRuntime.runner.drain();
      const seconds = (performance.now() - t0) / 1000;
      if (killb.users.length !== QUEUED) throw new Error(`expected ${QUEUED} users, got ${killb.users.length}`);
      const perSecond = QUEUED / seconds;
      ctx.log(`sync: ${QUEUED} deliveries in ${seconds.toFixed(2)} s`);

      ctx.log(`sync: ${LAG_SAMPLES} approvals with the runner running`);
      service.startSync();
      const lags: number[] = [];
      for (let i = 0; i < LAG_SAMPLES; i++) {
        const p = must(await service.call('profiles.createPerson', personInput(), staff));
        const c = service.deps.cases.byProfileId(p.id)!;
        must(await service.call('cases.start', { id: c.id }, staff));
        must(await service.call('evidence.add', { caseId: c.id, kind: 'DOCUMENT_FRONT', fileName: 'f.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
        must(await service.call('cases.submit', { id: c.id }, staff));
        const start = performance.now();
        must(await service.call('admin.kycUpdateStatus', { profileId: p.id, status: 2 }, officer));
        while (!service.deps.sync.link('killb', 'profile', p.id)) await new Promise((r) => setImmediate(r));
        lags.push(performance.now() - start);
      }
      const lag = summarize(lags);
      return [
        { key: 'sync_deliveries_per_s', value: round(perSecond, 1), unit: 'rows/s', target: { kind: 'min', value: 200 }, detail: `${QUEUED} rows in ${seconds.toFixed(2)} s` },
        { key: 'sync_lag_ms_p95', value: round(lag.p95, 1), unit: 'ms', target: { kind: 'max', value: 500 }, detail: `p50 ${round(lag.p50, 1)}, n ${lag.n}` },
      ];
    } finally {
      await service.shutdown();
      await killb.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
