import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { KycService } from '../KycService';
import { AdjustableClock } from '../core/AdjustableClock';
import { createStderrLogger } from '../core/Logger';
import { resolveDataDir } from '../config/resolveDataDir';
import { ensureFirstAdmin } from '../bootstrap/ensureFirstAdmin';
import { seedDemo } from '../demo/seedDemo';
import { demoDir } from '../runtime/resourcePaths';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demoAccounts';
import { createHttpServer } from './httpServer';
import { parseServeArgs, UsageError } from './parseServeArgs';
import { issueDemoApiToken } from '../apiTokens/issueDemoApiToken';
import { ServiceFailure } from '../core/ServiceFailure';
import { resolveKeyWrapper } from '../crypto/resolveKeyWrapper';
import { describeKind } from '../crypto/keyWrappers';
import { readSecret } from '../cli/readSecret';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  const dataDir = resolveDataDir(args.data);
  const clock = new AdjustableClock();
  const log = createStderrLogger();
  const demo = demoDir();
  const { wrapper, createdKeyFile } = await resolveKeyWrapper(dataDir, { keyFile: args.keyFile, ask: process.stdin.isTTY ? readSecret : undefined });
  const service = KycService.open({ dataDir, keys: wrapper, owner: 'serve', clock: clock.now, log: process.env.KYC_LOG_RPC ? log : { ...log, info() {} }, demo: { dir: demo, clock } });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`KYC workstation data: ${dataDir} (encrypted; ${describeKind(wrapper.kind)}${wrapper.keyFile ? ` at ${wrapper.keyFile}` : ''})`);
  if (createdKeyFile) out(`New key file ${createdKeyFile}: whoever has it and the data folder can read the data. Keep it apart (--key-file), or lock the folder with KYC_DATA_PASSPHRASE instead.`);

  if (args.demo) {
    const started = Date.now();
    const r = await seedDemo(service, clock, demo);
    out(r.seeded ? `Demo data: ${r.cases} cases created in ${Date.now() - started} ms` : 'Demo data: store already has cases, left as it is');
    out(`Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role})`).join(', ')}`);
    out(`demo API token: ${issueDemoApiToken(service.deps)}`);
  }
  const hasAdmin = await ensureFirstAdmin(service.deps, {
    email: args.adminEmail,
    password: args.adminPassword,
    interactive: process.stdin.isTTY === true,
    out,
  });
  if (!hasAdmin) {
    out('No operator accounts exist yet: open the workstation in a browser to create the first admin (or start with --admin-email and --admin-password, or --demo).');
  }

  if (args.analysis) {
    await service.startAnalysis();
    out(`Verification engine: ${service.deps.engine?.pool.size ?? 0} worker threads; queued jobs resume`);
  }

  service.startExports();
  service.startSchedules();
  service.startSync();

  const server = createHttpServer(service, { staticDir: join(repoRoot, 'out', 'renderer'), kycRest: { maxUploadBytes: args.maxUploadBytes }, allowedHosts: args.allowHosts });
  server.listen(args.port, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    out(`KYC workstation listening on http://127.0.0.1:${port}`);
  });

  const shutdown = () => {
    server.close();
    // Running jobs finish or are re-queued at the next start; either way nothing is lost.
    void service.shutdown().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  const message = e instanceof UsageError ? e.message : e instanceof ServiceFailure ? `serve failed: ${e.code}: ${e.message}` : `serve failed: ${e instanceof Error ? e.message : String(e)}`;
  process.stderr.write(`${message}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
