/**
 * One life of the workstation in the sync soak: opens the store, approves its share of new
 * cases (each approval queues a KillB user in the same transaction), and delivers the outbox
 * until it is empty or the parent kills it with SIGKILL. Run with `node --import tsx`.
 * argv: dataDir killbUrl killbEmail killbPassword approvals seed
 */
import { KycService } from '../../../electron/service/KycService';
import { testKeys } from '../../helpers/testKeys';
import { createOperator } from '../../../electron/service/bootstrap/createOperator';
import { personInput } from '../../helpers/profileFixtures';
import { TINY_PNG } from '../../helpers/caseSetup';
import { mulberry32 } from '../../fakes/faults';

const [dataDir, killbUrl, email, password, approvalsArg, seedArg] = process.argv.slice(2) as [string, string, string, string, string, string];
const random = mulberry32(Number(seedArg));
const service = KycService.open({
  dataDir,
  keys: testKeys(dataDir),
  // Short waits so a thousand runs fit in minutes; the logic is the production one.
  sync: { random, backoffBaseMs: 5, backoffCapMs: 200, breakerFailures: 5, breakerCooldownMs: 150, remoteTimeoutMs: 400, maxAttempts: 1_000, pollIntervalMs: 60_000 },
});

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function signIn(role: 'admin' | 'branch_staff' | 'officer'): Promise<string> {
  const address = `soak-${role}@soak.local`;
  // Made by an earlier life of the worker, unless this is the first.
  if (!service.deps.operators.existsEmail(address)) await createOperator(service.deps, { email: address, displayName: `soak ${role}`, role, password: 'soak-password-1234' });
  return must(await service.call('auth.signIn', { email: address, password: 'soak-password-1234' }, null)).token;
}

async function main(): Promise<void> {
  const admin = await signIn('admin');
  const staff = await signIn('branch_staff');
  const officer = await signIn('officer');
  if (!service.deps.sync.connector('killb')?.enabled) {
    must(await service.call('sync.configure', { id: 'killb', enabled: true, config: { baseUrl: killbUrl, email }, secret: password }, admin));
  }
  service.startSync();
  for (let i = 0; i < Number(approvalsArg); i++) {
    const p = must(await service.call('profiles.createPerson', personInput(), staff));
    const c = service.deps.cases.byProfileId(p.id)!;
    must(await service.call('cases.start', { id: c.id }, staff));
    must(await service.call('evidence.add', { caseId: c.id, kind: 'DOCUMENT_FRONT', fileName: 'f.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
    must(await service.call('cases.submit', { id: c.id }, staff));
    must(await service.call('admin.kycUpdateStatus', { profileId: p.id, status: 2, remark: 'soak' }, officer));
    // An acknowledged approval: the parent counts these lines as writes it must find later.
    process.stdout.write(`approved ${p.id}\n`);
    service.deps.syncRuntime.runner.wake();
  }
  for (;;) {
    const pending = service.deps.sync.counts().filter((c) => c.status === 'pending' || c.status === 'delivering').reduce((n, c) => n + c.n, 0);
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write('drained\n');
  await service.shutdown();
}

main().catch((e: unknown) => {
  process.stderr.write(`soak worker failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
