/**
 * One life of the workstation in the Didit sync soak: opens the store and the HTTP server (the
 * webhook receiver) on a fixed port, asks Didit for a session per new case, and has an officer
 * decide every case Didit put in review (a senior officer confirms when the policy holds it for
 * four eyes), until the parent kills it with SIGKILL or, in the last life, every case is closed
 * and every remote effect delivered. Run with `node --import tsx`.
 * argv: dataDir diditUrl apiKey webhookSecret port cases seed last(0|1)
 *
 * Prints `listening`, `requested <caseId>` once the session request committed, and
 * `decided <caseId> <approve|reject>` once the officer's decision is final.
 */
import type { Server } from 'node:http';
import { KycService } from '../../../electron/service/KycService';
import { testKeys } from '../../helpers/testKeys';
import { createOperator } from '../../../electron/service/bootstrap/createOperator';
import { createHttpServer } from '../../../electron/service/server/httpServer';
import { personInput } from '../../helpers/profileFixtures';
import { mulberry32 } from '../../fakes/faults';

const [dataDir, diditUrl, apiKey, webhookSecret, portArg, casesArg, seedArg, lastArg] = process.argv.slice(2) as [string, string, string, string, string, string, string, string];
const random = mulberry32(Number(seedArg));
const service = KycService.open({
  dataDir,
  keys: testKeys(dataDir),
  // Short waits so a thousand runs fit in minutes; the logic is the production one. Polling
  // every 300 ms picks up what webhooks lost while this process was dead.
  sync: { random, backoffBaseMs: 5, backoffCapMs: 200, breakerFailures: 5, breakerCooldownMs: 150, remoteTimeoutMs: 400, maxAttempts: 1_000, pollIntervalMs: 300 },
});

/** How long the last life waits for every case to close and every effect to be delivered. */
const SETTLE_TIMEOUT_MS = 120_000;

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

async function signIn(role: 'admin' | 'branch_staff' | 'officer' | 'senior_officer'): Promise<string> {
  const address = `soak-${role}@soak.local`;
  // Made by an earlier life of the worker, unless this is the first.
  if (!service.deps.operators.existsEmail(address)) await createOperator(service.deps, { email: address, displayName: `soak ${role}`, role, password: 'soak-password-1234' });
  return must(await service.call('auth.signIn', { email: address, password: 'soak-password-1234' }, null)).token;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The officer's choice for a case: fixed by its id, so a later life that decides it chooses the same. */
function choice(caseId: string): 'approve' | 'reject' {
  let h = 0;
  for (const ch of caseId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 4 === 0 ? 'reject' : 'approve';
}

const openCases = () => service.deps.db.prepare("SELECT id, status, version FROM cases WHERE status IN ('IN_REVIEW', 'AWAITING_SECOND_REVIEW')").all() as { id: string; status: string; version: number }[];

/** Decides what Didit put in review; a refusal (the case moved under us) is tried again next round. */
async function decideOpen(officer: string, senior: string): Promise<void> {
  for (const c of openCases()) {
    const action = choice(c.id);
    if (c.status === 'IN_REVIEW') {
      const r = await service.call('cases.decide', { caseId: c.id, action, reasonCode: action === 'reject' ? 'FRAUDULENT_BEHAVIOUR' : undefined, internalComment: 'soak', expectedVersion: c.version }, officer);
      if (r.ok && r.value.state === 'final') process.stdout.write(`decided ${c.id} ${action}\n`);
    } else {
      const proposed = service.deps.decisions.forCase(c.id).find((d) => d.state === 'proposed');
      if (!proposed) continue;
      const r = await service.call('cases.review', { decisionId: proposed.id, verdict: 'confirm', comment: 'soak', expectedVersion: c.version }, senior);
      if (r.ok) process.stdout.write(`decided ${c.id} ${proposed.action}\n`);
    }
  }
}

function settled(): boolean {
  const pending = service.deps.sync.counts().filter((c) => c.status === 'pending' || c.status === 'delivering').reduce((n, c) => n + c.n, 0);
  const inbox = (service.deps.db.prepare("SELECT count(*) AS n FROM sync_inbox WHERE status = 'pending'").get() as { n: number }).n;
  const notClosed = (service.deps.db.prepare("SELECT count(*) AS n FROM cases WHERE status NOT IN ('APPROVED', 'REJECTED')").get() as { n: number }).n;
  return pending === 0 && inbox === 0 && notClosed === 0;
}

async function main(): Promise<void> {
  const admin = await signIn('admin');
  const staff = await signIn('branch_staff');
  const officer = await signIn('officer');
  const senior = await signIn('senior_officer');
  if (!service.deps.sync.connector('didit')?.enabled) {
    must(await service.call('sync.configure', { id: 'didit', enabled: true, config: { baseUrl: diditUrl, callbackUrl: 'https://bank.example/kyc/done' }, secret: apiKey, webhookSecret }, admin));
  }
  const server = createHttpServer(service);
  await listen(server, Number(portArg));
  process.stdout.write('listening\n');
  service.startSync();
  // A case an earlier life made but was killed before asking for its session: ask now (the
  // request's idempotency key keeps it to one session).
  for (const { id } of service.deps.db.prepare("SELECT id FROM cases WHERE status = 'NOT_STARTED'").all() as { id: string }[]) {
    must(await service.call('sync.diditSession', { caseId: id }, staff));
    process.stdout.write(`requested ${id}\n`);
  }
  const toCreate = Number(casesArg);
  let settleBy = Infinity;
  for (let created = 0; ; ) {
    if (created < toCreate) {
      const p = must(await service.call('profiles.createPerson', personInput(), staff));
      const caseId = service.deps.cases.byProfileId(p.id)!.id;
      must(await service.call('sync.diditSession', { caseId }, staff));
      // An acknowledged request: the parent must find exactly one Didit session for it.
      process.stdout.write(`requested ${caseId}\n`);
      created += 1;
      service.deps.syncRuntime.runner.wake();
    }
    await decideOpen(officer, senior);
    if (created >= toCreate) {
      if (lastArg !== '1' || settled()) break;
      // A case that never settles is a defect the parent reports (wrong state), not a hang.
      settleBy = Math.min(settleBy, Date.now() + SETTLE_TIMEOUT_MS);
      if (Date.now() > settleBy) {
        process.stdout.write('unsettled\n');
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  process.stdout.write('settled\n');
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await service.shutdown();
}

main().catch((e: unknown) => {
  process.stderr.write(`didit soak worker failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
