import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { makeTempDir } from '../helpers/tempService';
import { tokenFor } from '../helpers/rpc';

const root = join(import.meta.dirname, '../..');
const demo = (f: string) => join(root, 'resources/demo', f);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The `kyc` command line end to end: spawned as a process (bin/kyc.mjs, what `npx kyc` runs)
 * against a real `npm run serve --demo` on 127.0.0.1, the way a user or an agent drives it.
 */
describe('kyc command line against a served workstation', () => {
  let server: RunningServer;
  let dataDir: string;
  let configFile: string;

  const kyc = (args: string[], stdin = '', extraEnv: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [join(root, 'bin/kyc.mjs'), ...args], {
        cwd: root,
        env: { ...process.env, KYC_CLI_CONFIG: configFile, KYC_SERVER: server.url, KYC_PASSWORD: '', ...extraEnv },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(stdin);
    });
  const json = <T = Record<string, unknown>>(r: Run): T => JSON.parse(r.stdout) as T;

  beforeAll(async () => {
    dataDir = makeTempDir('kyc-cli-data-');
    configFile = join(makeTempDir('kyc-cli-config-'), 'kyc-workstation', 'cli.json');
    server = await startServe(['--data', dataDir, '--demo', '--no-analysis']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('documents the exit codes in --help', async () => {
    const r = await kyc(['--help']);
    expect(r.code).toBe(0);
    // KYC_ALREADY_COMPLETED, not ..._APPROVED: a rejected application is completed too.
    for (const name of ['NOT_AUTHENTICATED', 'KYC_ALREADY_SUBMITTED', 'KYC_ALREADY_COMPLETED', 'INVALID_DOCUMENT', 'MISSING_FIELDS', 'UPLOAD_FAILED']) expect(r.stdout).toContain(name);
    expect(r.stdout).not.toContain('KYC_ALREADY_APPROVED');
    expect((await kyc(['upload', '--help'])).stdout).toMatch(/Exit codes:[\s\S]*8 {2}UPLOAD_FAILED/);
    expect((await kyc(['no-such-command'])).code).toBe(2);
  });

  it('runs the whole LeapCat flow up to submit; an officer approves through the admin endpoint; status shows APPROVED', async () => {
    // Not signed in yet: exit 3 with the hint to log in.
    const early = await kyc(['status', '--json']);
    expect(early.code).toBe(3);
    expect(json<{ error: { name: string; hint: string } }>(early).error).toMatchObject({ name: 'NOT_AUTHENTICATED' });

    // A wrong password is exit 3, with a hint about the password, not about an expired session.
    const wrongPassword = await kyc(['auth', 'login', '--email', 'branch@demo.kyc', '--json'], 'not-the-password\n');
    expect(wrongPassword.code).toBe(3);
    expect(json<{ error: { name: string; hint: string } }>(wrongPassword).error).toMatchObject({ name: 'NOT_AUTHENTICATED', hint: expect.stringContaining('the email or password is wrong') });
    const login = await kyc(['auth', 'login', '--email', 'branch@demo.kyc', '--json'], 'kyc-demo-2026\n');
    expect(login.code).toBe(0);
    expect(json<{ operator: { role: string } }>(login).operator.role).toBe('branch_staff');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(configFile, 'utf8')).not.toContain('kyc-demo-2026');

    expect(json(await kyc(['status', '--json']))).toMatchObject({ status: 'NOT_STARTED', profileId: null });
    const consent = await kyc(['consent', '--json']);
    expect(consent.code).toBe(0);
    const profileId = json<{ profileId: string; steps: { consent: boolean } }>(consent).profileId;
    expect(json<{ steps: { consent: boolean } }>(consent).steps.consent).toBe(true);

    // Submitting now: required steps are missing.
    const tooEarly = await kyc(['submit', '--json']);
    expect(tooEarly.code).toBe(7);
    expect(json<{ error: { name: string } }>(tooEarly).error.name).toBe('MISSING_FIELDS');

    // A wrong-format file is refused before anything is sent.
    const wrong = await kyc(['upload', '--file', demo('SOURCES.md'), '--json']);
    expect([wrong.code, json<{ error: { name: string } }>(wrong).error.name]).toEqual([6, 'INVALID_DOCUMENT']);
    expect((await kyc(['upload', '--file', '/no/such/file.jpg'])).code).toBe(6);

    const up = await kyc(['upload', '--file', demo('set1_doc_front.png'), '--kind', 'front', '--json']);
    expect(up.code).toBe(0);
    // --json output is one JSON document, without progress, and nothing on stderr.
    // --kind stores and files in one step: LeapCat's {url, key}, and where it was filed.
    expect(json(up)).toEqual({ url: expect.stringContaining('/api/web/kycService/uploads/'), key: expect.stringMatching(/^uploads\//), profileId, kind: 'DOCUMENT_FRONT' });
    expect(up.stderr).not.toContain('Uploading');
    expect((await kyc(['upload', '--file', demo('set1_doc_back.png'), '--kind', 'back'])).code).toBe(0);

    const docs = await kyc(['documents', '--type', 'NUIP', '--number', '1020304050', '--country', 'CO', '--expiry-date', '2034-04-12', '--json']);
    expect(docs.code).toBe(0);
    expect(json<{ files: unknown[] }>(docs).files).toHaveLength(2);

    // Required fields empty: exit 7. Then the profile as JSON on stdin, with a flag on top.
    const empty = await kyc(['personal-info', '--json'], JSON.stringify({ firstName: 'Ana' }));
    expect(empty.code).toBe(7);
    const person = {
      externalId: `cli-${Date.now()}`,
      firstName: 'Ana',
      lastName: 'Gómez',
      email: `ana.${Date.now()}@example.co`,
      phone: '+573001234567',
      dateOfBirth: '1990-04-12',
      address: { street1: 'Carrera 7 # 71-21', city: 'Bogotá', state: 'Cundinamarca', zipCode: '110231', countryCode: 'CO' },
    };
    // A type this customer cannot use is named with the ones a person can, not a company's.
    const foreign = await kyc(['documents', '--type', 'NIT', '--json']);
    const refusal = json<{ error: { message: string; field: string } }>(foreign).error;
    expect(refusal).toMatchObject({ field: 'document.type', message: expect.stringContaining('is not one a person can use: PASSPORT') });
    expect(refusal.message).not.toContain('CNPJ');
    // Declared without a number, the document is all that is missing: the answer says where it
    // comes from (no flag sets it) instead of the schema's own wording.
    expect((await kyc(['documents', '--type', 'NUIP', '--json'])).code).toBe(0);
    const noNumber = await kyc(['personal-info', '--json'], JSON.stringify(person));
    expect(noNumber.code).toBe(7);
    expect(json<{ error: { message: string; field: string } }>(noNumber).error).toMatchObject({ field: expect.stringMatching(/^data\.document/), message: expect.stringContaining('`kyc documents` (docType, docNumber, issueCountry)') });
    expect((await kyc(['documents', '--type', 'NUIP', '--number', '1020304050', '--country', 'CO', '--expiry-date', '2034-04-12', '--json'])).code).toBe(0);
    const info = await kyc(['personal-info', '--last-name', 'Gómez Ruiz', '--json'], JSON.stringify(person));
    expect(info.code, info.stdout).toBe(0);
    // The declared document becomes the profile's, its expiry date included.
    expect(json<{ profile: { displayName: string; data: { document: { number: string } } } }>(info).profile).toMatchObject({ displayName: 'Ana Gómez Ruiz', data: { document: { number: '1020304050', expiryDate: '2034-04-12' } } });

    expect((await kyc(['agreements', '--json'])).code).toBe(0);
    const submitted = await kyc(['submit', '--json']);
    expect(submitted.code).toBe(0);
    expect(json(submitted)).toMatchObject({ profileId, status: 'SUBMITTED' });
    const again = await kyc(['kyc', 'submit', '--json']);
    expect([again.code, json<{ error: { name: string } }>(again).error.name]).toEqual([4, 'KYC_ALREADY_SUBMITTED']);

    // An officer approves through the kycService admin endpoint.
    const officer = await tokenFor(server.url, 'officer@demo.kyc', 'kyc-demo-2026');
    const r = await fetch(`${server.url}/admin/kyc/update-status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ profileId, status: 2, remark: 'identity verified' }),
    });
    expect(await r.json()).toMatchObject({ code: 0, data: { status: 2, caseStatus: 'APPROVED' } });

    const final = await kyc(['status', '--json']);
    expect(final.code).toBe(0);
    expect(json(final)).toMatchObject({ profileId, status: 'APPROVED' });
    // LeapCat's spelling works the same way.
    expect(json(await kyc(['kyc', 'status', '--json']))).toMatchObject({ status: 'APPROVED' });
    const done = await kyc(['agreements', '--json']);
    expect([done.code, json<{ error: { name: string } }>(done).error.name]).toEqual([5, 'KYC_ALREADY_COMPLETED']);
    const detail = await kyc(['detail', '--json']);
    // kycService's status for the profile rides along (its KycStatusDto shape is seed 002's, tested there).
    const shown = json<{ profileId: string; status: string; kycService: unknown; reviewNotes: { remark: string }[] }>(detail);
    expect(shown).toMatchObject({ profileId, status: 'APPROVED', reviewNotes: [{ remark: 'identity verified' }] });
    expect(JSON.stringify(shown.kycService)).toContain('"caseStatus":"APPROVED"');
    // For a person: no liveness was run, and it says so rather than printing JSON's null.
    const human = await kyc(['detail']);
    expect(human.stdout).toContain('Liveness: none yet');
    expect(human.stdout).not.toContain('null');
  }, 120_000);

  it('shows upload progress on a terminal only', async () => {
    const r = spawnSync('script', ['-qec', `${process.execPath} ${join(root, 'bin/kyc.mjs')} upload --new --file ${demo('set1_selfie.png')} --kind selfie`, '/dev/null'], {
      cwd: root,
      env: { ...process.env, KYC_CLI_CONFIG: configFile, KYC_SERVER: server.url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Uploading set1_selfie\.png +100%/);
    expect(r.stdout).toContain('Uploaded');
  });

  it('an expired session says to log in again (exit 3); an unreachable server is exit 9', async () => {
    const cfg = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...cfg, token: 'expired-or-revoked' }), { mode: 0o600 });
    const r = await kyc(['status']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kyc auth login');
    const down = await kyc(['status', '--json'], '', { KYC_SERVER: 'http://127.0.0.1:9' });
    expect([down.code, json<{ error: { name: string } }>(down).error.name]).toEqual([9, 'SERVER_UNREACHABLE']);
    // Logging in with an API token works too (printed by serve --demo).
    const apiToken = /demo API token: (kyc_\S+)/.exec(server.output())![1]!;
    expect((await kyc(['auth', 'login', '--token', apiToken])).code).toBe(0);
    expect((await kyc(['status', '--json'])).code).toBe(0);
  });

  it('an upload cut off mid-way is UPLOAD_FAILED (exit 8), with the hint to retry', async () => {
    // A server that drops the connection as soon as the upload starts, as a broken network would.
    const dropper = createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => dropper.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`;
    const r = await kyc(['upload', '--file', demo('set1_doc_front.png'), '--profile-id', 'p-1', '--json'], '', { KYC_SERVER: url });
    await new Promise((res) => dropper.close(res));
    expect(r.code).toBe(8);
    expect(json<{ error: { name: string; hint: string } }>(r).error).toMatchObject({ name: 'UPLOAD_FAILED', hint: expect.stringContaining('retry') });
  });
});
