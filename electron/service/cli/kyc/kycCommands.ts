import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { IntakeStatus } from '../../../../shared/schemas/intake';
import { sniffMimeType } from '../../evidence/sniffMimeType';
import { CliError, EXIT } from './cliExitCodes';
import { lines } from './cliIo';
import type { CliEnv, CommonOptions } from './cliEnv';

type Runner = <O extends CommonOptions>(fn: (env: CliEnv, opts: O) => Promise<void>) => (opts: O) => Promise<void>;

const KINDS = {
  front: 'DOCUMENT_FRONT',
  back: 'DOCUMENT_BACK',
  selfie: 'SELFIE',
  'proof-of-address': 'PROOF_OF_ADDRESS',
  'source-of-funds': 'SOURCE_OF_FUNDS',
  supplementary: 'SUPPLEMENTARY',
} as const;
type KindFlag = keyof typeof KINDS;

function statusLines(s: IntakeStatus): string {
  const done = (b: boolean) => (b ? 'done' : 'to do');
  return lines([
    ['Customer', s.displayName ?? '(no personal information yet)'],
    ['Profile id', s.profileId],
    ['Status', s.leapCatStatus],
    ['Consent', done(s.steps.consent)],
    ['Documents', `${done(s.steps.documents)} (${s.documents.length} file${s.documents.length === 1 ? '' : 's'})`],
    ['Personal info', done(s.steps.personalInfo)],
    ['Agreements', done(s.steps.agreements)],
    ['Submitted', s.submittedAt ?? 'no'],
    ['Still needed', s.missingForSubmit.join(', ') || 'nothing'],
    ...(s.resubmission ? ([['Reviewer asks for', s.resubmission.items.join(', ')]] as [string, unknown][]) : []),
  ]);
}

function statusJson(s: IntakeStatus) {
  return {
    profileId: s.profileId,
    type: s.type,
    status: s.leapCatStatus,
    caseStatus: s.caseStatus,
    caseId: s.caseId,
    steps: s.steps,
    missingForSubmit: s.missingForSubmit,
    submittedAt: s.submittedAt,
    resubmission: s.resubmission,
  };
}

/** The current customer, or a new one (intake.begin) remembered for the next commands. */
async function ensureCustomer(env: CliEnv, opts: { new?: boolean; type?: string }): Promise<string> {
  if (!opts.new && env.profileId) return env.profileId;
  const type = (opts.type ?? env.stdin.type ?? 'PERSON') as string;
  if (type !== 'PERSON' && type !== 'COMPANY') throw new CliError(EXIT.USAGE, '--type must be PERSON or COMPANY');
  const s = await env.client().call('intake.begin', { type });
  env.save({ profileId: s.profileId });
  return s.profileId;
}

/** Reads and checks a local file before anything is sent: LeapCat's INVALID_DOCUMENT. */
function readDocument(path: string): { data: Buffer; mimeType: 'image/jpeg' | 'image/png' | 'application/pdf' } {
  let data: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    data = readFileSync(path);
  } catch {
    throw new CliError(EXIT.INVALID_DOCUMENT, `cannot read ${path}`, null, 'file');
  }
  const mime = sniffMimeType(data);
  if (mime !== 'image/jpeg' && mime !== 'image/png' && mime !== 'application/pdf') {
    throw new CliError(EXIT.INVALID_DOCUMENT, `${basename(path)} is not a JPG, PNG or PDF file`, null, 'file');
  }
  return { data, mimeType: mime };
}

async function uploadFile(env: CliEnv, profileId: string, path: string, kind: KindFlag) {
  const { data, mimeType } = readDocument(path);
  const name = basename(path);
  const total = (data.length / 1024 / 1024).toFixed(1);
  const doc = await env.client().callStreamingFile('intake.addDocument', { profileId, kind: KINDS[kind], fileName: name, mimeType }, data, (sent, all) =>
    env.out.progress(`Uploading ${name}  ${String(Math.floor((sent / all) * 100)).padStart(3)}%  (${(sent / 1024 / 1024).toFixed(1)} of ${total} MB)`),
  );
  env.out.done();
  return doc;
}

function kindOf(v: string | undefined, fallback: KindFlag): KindFlag {
  const k = (v ?? fallback) as KindFlag;
  if (!(k in KINDS)) throw new CliError(EXIT.USAGE, `--kind must be one of ${Object.keys(KINDS).join(', ')}`);
  return k;
}

/** Person flags (and stdin JSON) as the KillB profile `intake.savePersonalInfo` validates. */
function personalData(env: CliEnv, o: Record<string, string | undefined>): Record<string, unknown> {
  const fromStdin = (typeof env.stdin.data === 'object' && env.stdin.data !== null ? env.stdin.data : Object.fromEntries(Object.entries(env.stdin).filter(([k]) => !['type', 'profileId'].includes(k)))) as Record<string, unknown>;
  const data: Record<string, unknown> = { ...fromStdin };
  const set = (key: string, v: string | undefined) => {
    if (v !== undefined) data[key] = v;
  };
  set('externalId', o.externalId);
  set('firstName', o.firstName);
  set('middleName', o.middleName);
  set('lastName', o.lastName);
  set('email', o.email);
  set('phone', o.phone);
  set('dateOfBirth', o.dateOfBirth);
  set('nationality', o.nationality);
  if (o.street ?? o.city ?? o.state ?? o.zip ?? o.country) {
    const a = { ...((data.address as Record<string, unknown> | undefined) ?? {}) };
    if (o.street) a.street1 = o.street;
    if (o.city) a.city = o.city;
    if (o.state) a.state = o.state;
    if (o.zip) a.zipCode = o.zip;
    if (o.country) a.countryCode = o.country;
    data.address = a;
  }
  return data;
}

export function addKycCommands(parent: Command, run: Runner, common: (c: Command) => Command): void {
  common(parent.command('status').description("where the customer stands (LeapCat's NOT_STARTED ... APPROVED, REJECTED)")).action(
    run(async (env) => {
      const client = env.client();
      const id = env.profileId;
      if (!id) return env.out.result({ profileId: null, status: 'NOT_STARTED' }, () => 'No customer yet: start with `kyc consent`.');
      const s = await client.call('intake.status', { profileId: id });
      env.out.result(statusJson(s), () => statusLines(s));
    }),
  );

  common(parent.command('detail').description('everything on file: steps, documents, agreements, review notes, liveness and face match')).action(
    run(async (env) => {
      const s = await env.client().call('intake.status', { profileId: env.requireProfileId() });
      const service = s.caseId ? await env.client().restGet<Record<string, unknown>>(`/api/web/kycService/status/${encodeURIComponent(s.profileId)}`).catch(() => null) : null;
      env.out.result({ ...s, kycService: service }, () =>
        [statusLines(s), '', 'Documents:', ...s.documents.map((d) => `  ${d.kind.padEnd(16)} ${d.fileName} (${d.byteSize} bytes)`), ...(service ? ['', `Liveness: ${JSON.stringify(service.liveness)}`, `Face match: ${JSON.stringify(service.faceMatch)}`] : [])].join('\n'),
      );
    }),
  );

  common(
    parent
      .command('consent')
      .description('record the customer\'s consent to the current consent text (starts a new customer when none is chosen)')
      .option('--new', 'start a new customer even if one is chosen')
      .option('--type <type>', 'PERSON or COMPANY, for a new customer', 'PERSON'),
  ).action(
    run<CommonOptions & { new?: boolean; type?: string }>(async (env, opts) => {
      const profileId = await ensureCustomer(env, opts);
      const texts = await env.client().call('intake.texts', {});
      const s = await env.client().call('intake.recordConsent', { profileId, consentVersion: texts.consent.version });
      env.out.result({ ...statusJson(s), consent: s.consent }, () => `Consent recorded (version ${texts.consent.version}, "${texts.consent.title}").\n${statusLines(s)}`);
    }),
  );

  common(
    parent
      .command('upload')
      .description('upload a document image or PDF for the customer (JPG, PNG or PDF)')
      .requiredOption('--file <path>', 'the file')
      .option('--kind <kind>', `${Object.keys(KINDS).join(' | ')}`, 'front')
      .option('--new', 'start a new customer even if one is chosen'),
  ).action(
    run<CommonOptions & { file: string; kind?: string; new?: boolean }>(async (env, opts) => {
      const profileId = await ensureCustomer(env, opts);
      const doc = await uploadFile(env, profileId, opts.file, kindOf(env.param(opts.kind, 'kind'), 'front'));
      env.out.result({ key: doc.sha256, documentId: doc.id, profileId, kind: doc.kind, fileName: doc.fileName, byteSize: doc.byteSize, pending: doc.pending }, () =>
        lines([
          ['Uploaded', `${doc.fileName} as ${doc.kind}`],
          ['Key', doc.sha256],
          ['Profile id', profileId],
        ]),
      );
    }),
  );

  common(
    parent
      .command('documents')
      .description('the identity document: its type, number and country; lists the uploaded files')
      .option('--type <type>', 'document type, e.g. PASSPORT, NUIP, CC')
      .option('--number <number>', 'document number')
      .option('--country <code>', 'issuing country (ISO 3166-1 alpha-2)')
      .option('--expedition-date <date>', 'date of issue, YYYY-MM-DD'),
  ).action(
    run<CommonOptions & { type?: string; number?: string; country?: string; expeditionDate?: string }>(async (env, opts) => {
      const profileId = env.requireProfileId();
      const document: Record<string, string> = {};
      const type = env.param(opts.type, 'type');
      const number = env.param(opts.number, 'number');
      const country = env.param(opts.country, 'issuedCountryCode') ?? env.param(undefined, 'country');
      const date = env.param(opts.expeditionDate, 'expeditionDate');
      if (type) document.type = type;
      if (number) document.number = number;
      if (country) document.issuedCountryCode = country;
      if (date) document.expeditionDate = date;
      let s = await env.client().call('intake.status', { profileId });
      if (Object.keys(document).length) {
        if (s.profile) {
          await env.client().call('profiles.update', { id: profileId, patch: { document }, reason: 'document details given with kyc documents' });
          s = await env.client().call('intake.status', { profileId });
        } else {
          // No profile yet: kept here and sent with `kyc personal-info`.
          env.save({ pendingDocuments: { ...(env.config.pendingDocuments ?? {}), [profileId]: document } });
        }
      }
      if (!s.documents.some((d) => d.kind === 'DOCUMENT_FRONT')) {
        throw new CliError(EXIT.MISSING_FIELDS, 'no document front uploaded yet: run `kyc upload --file <front image>`', null, 'DOCUMENT_FRONT');
      }
      const current = s.profile && 'document' in s.profile.data ? s.profile.data.document : (env.config.pendingDocuments?.[profileId] ?? null);
      env.out.result({ profileId, document: current, files: s.documents }, () =>
        [lines([['Document', current ? `${current.type} ${current.number} (${current.issuedCountryCode})` : '(details not given yet)']]), ...s.documents.map((d) => `  ${d.kind.padEnd(16)} ${d.fileName}`)].join('\n'),
      );
    }),
  );

  common(
    parent
      .command('personal-info')
      .description('the customer\'s personal information (flags, or the KillB profile as JSON on stdin)')
      .option('--type <type>', 'PERSON or COMPANY (COMPANY takes its fields from stdin JSON)')
      .option('--external-id <id>')
      .option('--first-name <name>')
      .option('--middle-name <name>')
      .option('--last-name <name>')
      .option('--email <email>')
      .option('--phone <e164>')
      .option('--date-of-birth <date>', 'YYYY-MM-DD')
      .option('--nationality <code>')
      .option('--street <street>')
      .option('--city <city>')
      .option('--state <state>')
      .option('--zip <zip>')
      .option('--country <code>', 'country of the address'),
  ).action(
    run<CommonOptions & Record<string, string | undefined>>(async (env, opts) => {
      const profileId = await ensureCustomer(env, { type: opts.type });
      const status = await env.client().call('intake.status', { profileId });
      const data = personalData(env, opts);
      const pending = env.config.pendingDocuments?.[profileId];
      if (!data.document && pending) data.document = pending;
      const type = (opts.type ?? env.stdin.type ?? status.type) as 'PERSON' | 'COMPANY';
      const profile = await env.client().call('intake.savePersonalInfo', { profileId, type, data } as never);
      if (pending) {
        const rest = { ...(env.config.pendingDocuments ?? {}) };
        delete rest[profileId];
        env.save({ pendingDocuments: rest });
      }
      env.out.result({ profileId, profile }, () => lines([['Saved', profile.displayName], ['Profile id', profileId]]));
    }),
  );

  common(
    parent
      .command('supplementary')
      .description('add a supplementary document the reviewer asked for (then run `kyc submit` again)')
      .requiredOption('--file <path>', 'the file')
      .option('--kind <kind>', 'supplementary | proof-of-address | source-of-funds | front | back | selfie', 'supplementary'),
  ).action(
    run<CommonOptions & { file: string; kind?: string }>(async (env, opts) => {
      const profileId = env.requireProfileId();
      const doc = await uploadFile(env, profileId, opts.file, kindOf(env.param(opts.kind, 'kind'), 'supplementary'));
      const s = await env.client().call('intake.status', { profileId });
      env.out.result({ key: doc.sha256, documentId: doc.id, kind: doc.kind, status: s.leapCatStatus, resubmission: s.resubmission }, () => lines([['Added', `${doc.fileName} as ${doc.kind}`], ['Status', s.leapCatStatus]]));
    }),
  );

  common(
    parent
      .command('agreements')
      .description('accept the legal agreements and disclosures at their current versions')
      .option('--accept <ids>', 'comma-separated agreement ids (default: all outstanding)'),
  ).action(
    run<CommonOptions & { accept?: string }>(async (env, opts) => {
      const profileId = env.requireProfileId();
      const texts = await env.client().call('intake.texts', {});
      const wanted = env.param(opts.accept, 'accept')?.split(',').map((x) => x.trim()).filter(Boolean);
      const accepted = texts.agreements.filter((a) => !wanted || wanted.includes(a.id)).map((a) => ({ id: a.id, version: a.version }));
      if (wanted && accepted.length !== wanted.length) throw new CliError(EXIT.REFUSED, `unknown agreement id; known: ${texts.agreements.map((a) => a.id).join(', ')}`, null, 'accept');
      const s = await env.client().call('intake.acceptAgreements', { profileId, accepted });
      env.out.result({ ...statusJson(s), accepted }, () => `Accepted: ${accepted.map((a) => `${a.id} v${a.version}`).join(', ')}\n${statusLines(s)}`);
    }),
  );

  common(parent.command('submit').description('submit the completed application for review')).action(
    run(async (env) => {
      const s = await env.client().call('intake.submit', { profileId: env.requireProfileId() });
      env.out.result(statusJson(s), () => `Submitted for review.\n${statusLines(s)}`);
    }),
  );
}
