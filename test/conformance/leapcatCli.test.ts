import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStoreFile } from '../helpers/openStoreFile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { makeTempDir } from '../helpers/tempService';
import { rpc, tokenFor } from '../helpers/rpc';

/**
 * Seed 000 (LeapCat's KYC skill) against our `kyc` command line: every command and JSON example
 * of the seed, run as written (`npx leapcat@latest` is `bin/kyc.mjs`, spawned as a process)
 * against a real `npm run serve` on 127.0.0.1 with a temp SQLite store, in the seed's workflow
 * order, with real specimen images from ../shared/fixtures/documents.
 */

const root = join(import.meta.dirname, '../..');
const SHARED = join(root, '../shared');
const SEED_FILE = join(SHARED, 'seeds/000_3ece8803901af953.txt');
const IMAGES = join(SHARED, 'fixtures/documents/images');
const haveShared = existsSync(SEED_FILE) && existsSync(IMAGES);
if (!haveShared) console.warn(`[leapcatCli.test] ../shared (seed 000 and fixtures/documents) not found at ${SHARED}: skipping the LeapCat conformance suite`);

/** The seed's commands, copied from the seed (the first test proves each is in it verbatim). */
const SEED = {
  login: 'npx leapcat@latest auth login --email <email>',
  upload: 'npx leapcat@latest upload --file <path-to-file> --json',
  uploadFront: 'npx leapcat@latest upload --file ./id-front.jpg --json',
  uploadBack: 'npx leapcat@latest upload --file ./id-back.jpg --json',
  status: 'npx leapcat@latest kyc status --json',
  detail: 'npx leapcat@latest kyc detail --json',
  consent: 'npx leapcat@latest kyc consent --json',
  documents: 'npx leapcat@latest kyc documents --json',
  personalInfo: 'npx leapcat@latest kyc personal-info --json',
  supplementary: 'npx leapcat@latest kyc supplementary --json',
  agreements: 'npx leapcat@latest kyc agreements --json',
  submit: 'npx leapcat@latest kyc submit --json',
} as const;
/** The seed's one JSON example: the answer of `upload`. */
const UPLOAD_EXAMPLE = '{ "url": "https://...", "key": "uploads/..." }';
/** The seed's error table, English column (its first column, the error codes, was lost in extraction). */
const ERROR_ROWS = {
  'Session expired': { code: 3, name: 'NOT_AUTHENTICATED' },
  'KYC application already under review': { code: 4, name: 'KYC_ALREADY_SUBMITTED' },
  'KYC already completed': { code: 5, name: 'KYC_ALREADY_COMPLETED' },
  'Uploaded file is unreadable or wrong format': { code: 6, name: 'INVALID_DOCUMENT' },
  'Required personal info fields are empty': { code: 7, name: 'MISSING_FIELDS' },
  'File upload error': { code: 8, name: 'UPLOAD_FAILED' },
} as const;

/**
 * KillB's basic PERSON example (seed 001), the body `kyc personal-info` takes on stdin. Only the
 * email differs: the seed's text shows "[email protected]", an address lost to the web page's
 * e-mail obfuscation when the text was extracted, which no validator accepts.
 */
const KILLB_PERSON = {
  type: 'PERSON',
  externalId: 'user-12345',
  data: {
    firstName: 'Juan',
    lastName: 'García',
    email: 'juan.garcia@example.com',
    phone: '+573001234567',
    dateOfBirth: '1990-05-15',
    address: { street1: 'Calle 123 #45-67', city: 'Bogotá', state: 'Cundinamarca', zipCode: '110111', countryCode: 'CO' },
    document: { type: 'NUIP', number: '1234567890', issuedCountryCode: 'CO' },
  },
};
/** The same person shape with seed 001's Brazilian passport document object, for a second customer. */
const KILLB_PASSPORT_PERSON = {
  ...KILLB_PERSON,
  externalId: 'user-67890',
  data: { ...KILLB_PERSON.data, email: 'juan.garcia.br@example.com', document: { type: 'PASSPORT', number: 'AB1234567', issuedCountryCode: 'BR', expeditionDate: '2020-01-15' } },
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
interface CliErrorJson {
  ok: false;
  error: { name: string; exitCode: number; message: string; hint: string; field: string | null };
}

const FINAL = ['APPROVED', 'REJECTED'];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!haveShared)('seed 000: LeapCat KYC CLI, verbatim, against a served workstation', () => {
  let server: RunningServer;
  let dataDir: string;
  let seedText: string;

  /** One CLI user: a config file (the saved session) and a working directory holding ./id-front.jpg and ./id-back.jpg. */
  interface User {
    config: string;
    cwd: string;
  }
  const newUser = (front: string, back?: string): User => {
    const cwd = makeTempDir('leapcat-cwd-');
    copyFileSync(join(IMAGES, front), join(cwd, 'id-front.jpg'));
    if (back) copyFileSync(join(IMAGES, back), join(cwd, 'id-back.jpg'));
    return { config: join(makeTempDir('leapcat-config-'), 'cli.json'), cwd };
  };

  /** Runs one of the seed's command lines: `npx leapcat@latest` is our `kyc` (bin/kyc.mjs). */
  const leapcat = (user: User, commandLine: string, stdin = '', extraEnv: Record<string, string> = {}): Promise<Run> => {
    const words = commandLine.replace(/^npx leapcat@latest /, '').split(/\s+/).filter(Boolean);
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(root, 'bin/kyc.mjs'), ...words], {
        cwd: user.cwd,
        env: { ...process.env, KYC_CLI_CONFIG: user.config, KYC_SERVER: server.url, KYC_PASSWORD: '', ...extraEnv },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(stdin);
    });
  };
  const json = <T = Record<string, unknown>>(r: Run): T => JSON.parse(r.stdout) as T;
  const ok = <T = Record<string, unknown>>(r: Run): T => {
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    return json<T>(r);
  };
  const failure = (r: Run) => ({ code: r.code, name: json<CliErrorJson>(r).error.name });
  const tokenOf = (user: User) => (JSON.parse(readFileSync(user.config, 'utf8')) as { token: string }).token;
  const login = async (user: User) => {
    const r = await leapcat(user, SEED.login.replace('<email>', 'branch@demo.kyc'), 'kyc-demo-2026\n');
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  const adminUpdateStatus = async (profileId: string, status: number, remark: string) => {
    const officer = await tokenFor(server.url, 'officer@demo.kyc', 'kyc-demo-2026');
    const r = await fetch(`${server.url}/admin/kyc/update-status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ profileId, status, remark }),
    });
    return (await r.json()) as { code: number; data: { caseStatus: string } };
  };
  /** The seed's last step: `kyc status --json` until APPROVED or REJECTED; the officer decides after the first poll. */
  const pollStatus = async (user: User, decide: () => Promise<void>): Promise<string[]> => {
    const seen: string[] = [];
    for (let i = 0; i < 20 && !FINAL.includes(seen.at(-1) ?? ''); i++) {
      seen.push(ok<{ status: string }>(await leapcat(user, SEED.status)).status);
      if (i === 0) await decide();
    }
    return seen;
  };

  beforeAll(async () => {
    seedText = readFileSync(SEED_FILE, 'utf8');
    dataDir = makeTempDir('leapcat-data-');
    server = await startServe(['--data', dataDir, '--demo', '--no-analysis']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  // Twelve kyc processes: on a loaded 2-core machine each start takes about 3 s.
  it('uses the seed verbatim: its commands, its upload answer and its error table are in the seed text; each command has help', async () => {
    for (const command of Object.values(SEED)) expect(seedText).toContain(command);
    expect(seedText).toContain(UPLOAD_EXAMPLE);
    for (const row of Object.keys(ERROR_ROWS)) expect(seedText).toContain(row);
    for (const status of ['NOT_STARTED', 'APPROVED', 'REJECTED']) expect(seedText).toContain(status);
    const user = newUser('fm_td1.jpg');
    for (const command of [SEED.login, SEED.upload, SEED.status, SEED.detail, SEED.consent, SEED.documents, SEED.personalInfo, SEED.supplementary, SEED.agreements, SEED.submit]) {
      const words = command.replace(/^npx leapcat@latest /, '').split(' ').filter((w) => !w.startsWith('-') && !w.startsWith('<'));
      const r = await leapcat(user, [...words, '--help'].join(' '));
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(/Usage: kyc /);
    }
    // The error table's rows, each an exit code and name in --help.
    const help = await leapcat(user, '--help');
    for (const { code, name } of Object.values(ERROR_ROWS)) expect(help.stdout).toMatch(new RegExp(`\\b${code}\\s+${name}\\b`));
  }, 120_000);

  it('runs the seed workflow in order: status, consent, upload front and back, documents, personal info, supplementary, agreements, submit, status polled to APPROVED', async () => {
    const user = newUser('fm_td1.jpg', 'pe_100_id-che.jpg');
    // Prerequisite: authenticated first. Before that: the "Session expired" row, exit 3, re-authenticate.
    const early = await leapcat(user, SEED.status);
    expect(failure(early)).toEqual(ERROR_ROWS['Session expired']);
    expect(json<CliErrorJson>(early).error.hint).toContain('auth login --email');
    const signedIn = await login(user);
    expect(signedIn.stdout).toMatch(/Signed in .*branch@demo\.kyc/);

    // 1. Check status: NOT_STARTED, so 2. consent begins.
    expect(ok(await leapcat(user, SEED.status))).toMatchObject({ status: 'NOT_STARTED' });
    const consent = ok<{ profileId: string; status: string; steps: { consent: boolean } }>(await leapcat(user, SEED.consent));
    expect(consent).toMatchObject({ status: 'IN_PROGRESS', steps: { consent: true } });
    const profileId = consent.profileId;

    // 3. Upload each identity document image: the answer is exactly the seed's {url, key}.
    const exampleKeys = Object.keys(JSON.parse(UPLOAD_EXAMPLE) as object).sort();
    const front = ok<{ url: string; key: string }>(await leapcat(user, SEED.uploadFront));
    const back = ok<{ url: string; key: string }>(await leapcat(user, SEED.uploadBack));
    for (const answer of [front, back]) {
      expect(Object.keys(answer).sort()).toEqual(exampleKeys);
      expect(answer.key).toMatch(/^uploads\/\S+$/);
      expect(answer.url).toBe(`${server.url}/api/web/kycService/${answer.key}`);
    }
    expect(back.key).not.toBe(front.key);
    // Each URL gives back the very file, to the uploader's token; without a token it is refused.
    for (const [answer, file] of [[front, 'fm_td1.jpg'], [back, 'pe_100_id-che.jpg']] as const) {
      const got = await fetch(answer.url, { headers: { authorization: `Bearer ${tokenOf(user)}` } });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/jpeg');
      expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(readFileSync(join(IMAGES, file))));
    }
    expect(await (await fetch(front.url)).json()).toMatchObject({ code: 40100 });
    // Uploading files nothing yet: the back is not a second front.
    expect(ok<{ documents: unknown[] }>(await leapcat(user, SEED.detail)).documents).toEqual([]);

    // 4. Document metadata: the type and the uploaded URLs, from stdin.
    const documentsInput = JSON.stringify({ docType: 'NATIONAL_ID', frontImageUrl: front.url, backImageUrl: back.url });
    const docs = ok<{ document: { type: string }; files: { kind: string; fileName: string; sha256: string }[] }>(await leapcat(user, SEED.documents, documentsInput));
    expect(docs.document).toEqual({ type: 'NATIONAL_ID' });
    expect(docs.files.map((f) => [f.kind, f.fileName, f.sha256])).toEqual([
      ['DOCUMENT_FRONT', 'id-front.jpg', sha256(readFileSync(join(IMAGES, 'fm_td1.jpg')))],
      ['DOCUMENT_BACK', 'id-back.jpg', sha256(readFileSync(join(IMAGES, 'pe_100_id-che.jpg')))],
    ]);
    // Run again (an agent retrying): nothing is filed twice.
    expect(ok<{ files: unknown[] }>(await leapcat(user, SEED.documents, documentsInput)).files).toHaveLength(2);

    // 5. Personal information: KillB's {type, externalId, data} on stdin.
    const info = ok<{ profile: { id: string; externalId: string; displayName: string; data: { document: { type: string; number: string } } } }>(
      await leapcat(user, SEED.personalInfo, JSON.stringify(KILLB_PERSON)),
    );
    expect(info.profile).toMatchObject({ id: profileId, externalId: 'user-12345', displayName: 'Juan García', data: { document: { type: 'NUIP', number: '1234567890' } } });

    // 6. Supplementary documents (optional): nothing is requested, and saying so is a success.
    // And what `kyc submit` will still want: here the agreements (step 7).
    expect(ok(await leapcat(user, SEED.supplementary))).toMatchObject({ profileId, status: 'IN_PROGRESS', requested: [], stillNeeded: [], missingForSubmit: ['agreements'] });

    // 7. Agreements, 8. submit for review.
    const agreed = ok<{ steps: { agreements: boolean }; missingForSubmit: string[] }>(await leapcat(user, SEED.agreements));
    expect(agreed).toMatchObject({ steps: { agreements: true }, missingForSubmit: [] });
    expect(ok(await leapcat(user, SEED.submit))).toMatchObject({ profileId, status: 'SUBMITTED' });
    // "KYC application already under review": wait, check with kyc status.
    const underReview = await leapcat(user, SEED.submit);
    expect(failure(underReview)).toEqual(ERROR_ROWS['KYC application already under review']);
    expect(json<CliErrorJson>(underReview).error.hint).toContain('kyc status');

    // 9. Poll status until APPROVED; an officer approves through the kycService admin API meanwhile.
    const seen = await pollStatus(user, async () => {
      expect(await adminUpdateStatus(profileId, 2, 'identity verified against the national ID')).toMatchObject({ code: 0, data: { caseStatus: 'APPROVED' } });
    });
    expect(seen[0]).toBe('SUBMITTED');
    expect(seen.at(-1)).toBe('APPROVED');

    // "KYC already completed": no action needed.
    const done = await leapcat(user, SEED.consent);
    expect(failure(done)).toEqual(ERROR_ROWS['KYC already completed']);
    expect(json<CliErrorJson>(done).error.message).toContain('APPROVED');
    // The detail: the submitted data and the review note, now that it is approved.
    const detail = ok<{ status: string; declaredDocument: { type: string }; documents: unknown[]; reviewNotes: { status: string; remark: string }[] }>(await leapcat(user, SEED.detail));
    expect(detail).toMatchObject({ status: 'APPROVED', declaredDocument: { type: 'NATIONAL_ID' } });
    expect(detail.documents).toHaveLength(2);
    expect(detail.reviewNotes).toEqual([expect.objectContaining({ status: 'APPROVED', remark: 'identity verified against the national ID' })]);
  }, 240_000);

  it('takes the documents step at its prompts on a terminal, asks for supplementary documents, resubmits, and polls to REJECTED: a completed case, not an approved one', async () => {
    const user = newUser('pt_passport-td3.jpg');
    await login(user);
    const { profileId } = ok<{ profileId: string }>(await leapcat(user, SEED.consent));
    const front = ok<{ url: string; key: string }>(await leapcat(user, SEED.uploadFront));

    // `kyc documents --json` on a terminal asks for the type, the front URL and the back URL.
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${join(root, 'bin/kyc.mjs')} kyc documents --json`, '/dev/null'], {
      cwd: user.cwd,
      env: { ...process.env, KYC_CLI_CONFIG: user.config, KYC_SERVER: server.url },
      input: `PASSPORT\n${front.url}\n-\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(tty.status, tty.stdout).toBe(0);
    expect(tty.stdout).toContain('Document type (e.g. PASSPORT, NATIONAL_ID)');
    expect(tty.stdout).toContain('Front image URL (from upload)');
    expect(tty.stdout).toContain('Back image URL (from upload, if applicable');
    // The terminal shows the prompts (stderr) and then the answer (stdout) on one stream.
    const answered = JSON.parse(tty.stdout.slice(tty.stdout.search(/\{\s*"profileId"/))) as { document: { type: string }; files: { kind: string }[] };
    expect(answered.document.type).toBe('PASSPORT');
    expect(answered.files.map((f) => f.kind)).toEqual(['DOCUMENT_FRONT']);

    ok(await leapcat(user, SEED.personalInfo, JSON.stringify(KILLB_PASSPORT_PERSON)));
    ok(await leapcat(user, SEED.agreements));
    ok(await leapcat(user, SEED.submit));

    // The reviewer asks for a new front.
    const officer = await tokenFor(server.url, 'officer@demo.kyc', 'kyc-demo-2026');
    const caseId = ok<{ caseId: string }>(await leapcat(user, SEED.status)).caseId;
    const claimed = await rpc<{ id: string; version: number }>(server.url, 'cases.claim', { id: caseId }, officer);
    expect(claimed.body.ok).toBe(true);
    const version = claimed.body.ok ? claimed.body.value.version : 0;
    const message = 'The photo of the passport page is not sharp enough; please upload a new one.';
    const asked = await rpc(server.url, 'cases.decide', { caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', customerMessage: message, resubmitItems: ['DOCUMENT_FRONT'], expectedVersion: version }, officer);
    expect(asked.body.ok).toBe(true);

    // "If the KYC status indicates supplementary docs are needed": the status says so, and
    // `kyc supplementary --json` without a file lists what was asked (exit 0).
    expect(ok(await leapcat(user, SEED.status))).toMatchObject({ status: 'SUPPLEMENTARY_REQUIRED', resubmission: { items: ['DOCUMENT_FRONT'] } });
    expect(ok(await leapcat(user, SEED.supplementary))).toMatchObject({ status: 'SUPPLEMENTARY_REQUIRED', requested: ['DOCUMENT_FRONT'], stillNeeded: ['DOCUMENT_FRONT'], reasonCode: 'BLURRY_DOCUMENT', message });
    // Upload, then submit it via `kyc supplementary --json` (the URL on stdin; filed as what was asked).
    copyFileSync(join(IMAGES, 'fm_td3.jpg'), join(user.cwd, 'id-front.jpg'));
    const sharper = ok<{ url: string; key: string }>(await leapcat(user, SEED.uploadFront));
    const added = ok<{ added: { kind: string; key: string }[]; stillNeeded: string[] }>(await leapcat(user, SEED.supplementary, JSON.stringify({ url: sharper.url })));
    expect(added.added).toEqual([{ key: sharper.key, kind: 'DOCUMENT_FRONT' }]);
    expect(added.stillNeeded).toEqual([]);
    expect(ok(await leapcat(user, SEED.submit))).toMatchObject({ status: 'SUBMITTED' });

    const seen = await pollStatus(user, async () => {
      expect(await adminUpdateStatus(profileId, -1, 'the passport does not match the applicant')).toMatchObject({ code: 0, data: { caseStatus: 'REJECTED' } });
    });
    expect(seen).toEqual(expect.arrayContaining(['SUBMITTED']));
    expect(seen.at(-1)).toBe('REJECTED');

    // The review notes show whatever the status: the resubmission request and the rejection.
    const detail = ok<{ status: string; reviewNotes: { status: string; message: string; remark: string }[]; documents: { kind: string }[] }>(await leapcat(user, SEED.detail));
    expect(detail.status).toBe('REJECTED');
    expect(detail.reviewNotes.map((n) => n.status)).toEqual(['SUPPLEMENTARY_REQUIRED', 'REJECTED']);
    expect(detail.reviewNotes[0]!.message).toBe(message);
    expect(detail.reviewNotes[1]!.remark).toBe('the passport does not match the applicant');
    expect(detail.documents.map((d) => d.kind)).toEqual(['DOCUMENT_FRONT', 'DOCUMENT_FRONT']);
    const human = await leapcat(user, 'npx leapcat@latest kyc detail');
    expect(human.stdout).toMatch(/Review notes:[\s\S]*the passport does not match the applicant/);

    // REJECTED is "KYC already completed", never "already approved".
    const closed = await leapcat(user, SEED.agreements);
    expect(failure(closed)).toEqual(ERROR_ROWS['KYC already completed']);
    expect(json<CliErrorJson>(closed).error.message).toContain('REJECTED');
    expect(closed.stdout.toLowerCase()).not.toContain('already approved');
  }, 240_000);

  it('answers every row of the error table with its exit code', async () => {
    const user = newUser('fm_td1.jpg');
    await login(user);
    ok(await leapcat(user, SEED.consent));

    // Uploaded file is unreadable or wrong format: a text file, a missing file, a URL from elsewhere.
    copyFileSync(join(SHARED, 'fixtures/documents/SOURCES.md'), join(user.cwd, 'id-front.txt'));
    for (const file of ['./id-front.txt', './no-such-file.jpg']) {
      const r = await leapcat(user, SEED.upload.replace('<path-to-file>', file));
      expect(failure(r)).toEqual(ERROR_ROWS['Uploaded file is unreadable or wrong format']);
      expect(json<CliErrorJson>(r).error.hint).toMatch(/upload a clearer image/);
    }
    const elsewhere = await leapcat(user, SEED.documents, JSON.stringify({ docType: 'PASSPORT', frontImageUrl: 'https://cdn.example.com/uploads/id-front.jpg' }));
    expect(failure(elsewhere)).toEqual(ERROR_ROWS['Uploaded file is unreadable or wrong format']);

    // Required personal info fields are empty: named, and nothing is saved.
    const empty = await leapcat(user, SEED.personalInfo, JSON.stringify({ type: 'PERSON', externalId: 'user-empty', data: { firstName: 'Juan', lastName: '' } }));
    expect(failure(empty)).toEqual(ERROR_ROWS['Required personal info fields are empty']);
    expect(json<CliErrorJson>(empty).error.field).toBe('data.lastName');
    expect(ok<{ steps: { personalInfo: boolean } }>(await leapcat(user, SEED.status)).steps.personalInfo).toBe(false);
    // So are the documents step's own fields, off a terminal.
    const noType = await leapcat(user, SEED.documents, '{}');
    expect(failure(noType)).toEqual(ERROR_ROWS['Required personal info fields are empty']);
    expect(json<CliErrorJson>(noType).error.field).toBe('docType');

    // File upload error: the connection drops mid-upload; retry.
    const dropper = createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => dropper.listen(0, '127.0.0.1', r));
    const dropped = await leapcat(user, SEED.uploadFront, '', { KYC_SERVER: `http://127.0.0.1:${(dropper.address() as AddressInfo).port}` });
    await new Promise((r) => dropper.close(r));
    expect(failure(dropped)).toEqual(ERROR_ROWS['File upload error']);
    expect(json<CliErrorJson>(dropped).error.hint).toContain('retry');

    // Session expired: the saved session no longer works; re-authenticate.
    const cfg = JSON.parse(readFileSync(user.config, 'utf8')) as Record<string, unknown>;
    writeFileSync(user.config, JSON.stringify({ ...cfg, token: 'expired-session-token' }), { mode: 0o600 });
    const expired = await leapcat(user, SEED.status);
    expect(failure(expired)).toEqual(ERROR_ROWS['Session expired']);
    expect(json<CliErrorJson>(expired).error.hint).toContain('auth login --email');
  }, 120_000);

  it('an upload cut off on the way stores nothing: no key, no row; the server keeps serving', async () => {
    const db = await openStoreFile(dataDir, { readonly: true });
    const count = () => (db.prepare('SELECT count(*) AS n FROM uploads').get() as { n: number }).n;
    const before = count();
    const token = await tokenFor(server.url, 'branch@demo.kyc', 'kyc-demo-2026');
    const body = Buffer.from(`{"fileName":"id-front.jpg","mimeType":"image/jpeg","dataBase64":"${readFileSync(join(IMAGES, 'fm_td1.jpg')).toString('base64')}"}`);
    await new Promise<void>((resolve) => {
      const url = new URL('/rpc/uploads.put', server.url);
      const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(body.length) } });
      req.on('error', () => resolve());
      req.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        req.destroy();
        resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(count()).toBe(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    db.close();
  });
});
