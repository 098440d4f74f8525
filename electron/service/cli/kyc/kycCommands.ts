import type { Command } from 'commander';
import type { InputOf } from '../../../../shared/contract';
import { profileDocumentOf, type IntakeStatus } from '../../../../shared/schemas/intake';
import { CliError, EXIT } from './cliExitCodes';
import { lines } from './cliIo';
import type { CliEnv, CommonOptions } from './cliEnv';
import { ensureCustomer, reviewNoteLines, statusJson, statusLines, type Common, type Runner } from './kycShared';

type PersonalInfoInput = InputOf<'intake.savePersonalInfo'>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The personal information from stdin and flags. On stdin, KillB's user body
 * (`{type, externalId, data}`, the same as `POST /api/v2/users`) or the profile fields flat;
 * flags go on top. A document declared with `kyc documents` fills `data.document` when the body
 * has none.
 */
function personalData(env: CliEnv, o: Record<string, string | undefined>, declared: IntakeStatus['declaredDocument']): Record<string, unknown> {
  const body = env.stdin;
  const data: Record<string, unknown> = isObject(body.data) ? { ...body.data } : Object.fromEntries(Object.entries(body).filter(([k]) => !['type', 'profileId'].includes(k)));
  if (isObject(body.data) && body.externalId !== undefined) {
    // KillB carries externalId beside data; our profile keeps it inside. Two different ones are a mistake, not a choice.
    if (data.externalId !== undefined && data.externalId !== body.externalId) {
      throw new CliError(EXIT.USAGE, 'externalId is given twice (top level and in data) with different values', null, 'externalId');
    }
    data.externalId = body.externalId;
  }
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
    const a = { ...(isObject(data.address) ? data.address : {}) };
    if (o.street) a.street1 = o.street;
    if (o.city) a.city = o.city;
    if (o.state) a.state = o.state;
    if (o.zip) a.zipCode = o.zip;
    if (o.country) a.countryCode = o.country;
    data.address = a;
  }
  if (data.document === undefined && declared) data.document = profileDocumentOf(declared);
  return data;
}

export function addKycCommands(parent: Command, run: Runner, common: Common): void {
  common(parent.command('status').description("where the customer stands (LeapCat's NOT_STARTED ... APPROVED, REJECTED)")).action(
    run(async (env) => {
      const client = env.client();
      const id = env.profileId;
      if (!id) {
        // A session with no customer chosen proves the session first: an expired one is exit 3, not NOT_STARTED.
        await client.call('auth.me', {});
        return env.out.result({ profileId: null, status: 'NOT_STARTED' }, () => 'Status NOT_STARTED: no customer yet; start with `kyc consent`.');
      }
      const s = await client.call('intake.status', { profileId: id });
      env.out.result(statusJson(s), () => statusLines(s));
    }),
  );

  common(parent.command('detail').description('everything on file: steps, declared document, files, agreements, review notes, liveness and face match')).action(
    run(async (env) => {
      const s = await env.client().call('intake.status', { profileId: env.requireProfileId() });
      const service = s.caseId ? await env.client().restGet<Record<string, unknown>>(`/api/web/kycService/status/${encodeURIComponent(s.profileId)}`).catch(() => null) : null;
      // kycService's KycStatusDto is `data.status`; a server before seed 002's shape answered it flat.
      const dto = isObject(service?.status) ? service.status : service;
      env.out.result({ ...s, status: s.leapCatStatus, kycService: service }, () =>
        [
          statusLines(s),
          ...(s.declaredDocument ? [lines([['Declared document', s.declaredDocument.type]])] : []),
          '',
          'Documents:',
          ...s.documents.map((d) => `  ${d.kind.padEnd(16)} ${d.fileName} (${d.byteSize} bytes)`),
          // Whatever the status: a rejection's or an approval's note matters as much as a resubmission's.
          ...(s.reviewNotes.length ? ['', 'Review notes:', ...reviewNoteLines(s)] : []),
          // A person reads this: nothing yet is said so, not printed as JSON's null.
          ...(dto ? ['', `Liveness: ${dto.liveness == null ? 'none yet' : JSON.stringify(dto.liveness)}`, `Face match: ${dto.faceMatch == null ? 'none yet' : JSON.stringify(dto.faceMatch)}`] : []),
        ].join('\n'),
      );
    }),
  );

  common(
    parent
      .command('consent')
      .description("record the customer's consent to the current consent text (starts a new customer when none is chosen)")
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
      .command('personal-info')
      .description("the customer's personal information: KillB's {type, externalId, data} as JSON on stdin, or flags")
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
      const stdinType = typeof env.stdin.type === 'string' ? env.stdin.type : undefined;
      const profileId = await ensureCustomer(env, { type: opts.type ?? stdinType });
      const status = await env.client().call('intake.status', { profileId });
      const type = opts.type ?? stdinType ?? status.type;
      if (type !== 'PERSON' && type !== 'COMPANY') throw new CliError(EXIT.USAGE, 'type must be PERSON or COMPANY', null, 'type');
      const data = personalData(env, opts, status.declaredDocument);
      // The service parses `data` with KillB's schemas and answers each missing field by name (exit 7).
      const profile = await env
        .client()
        .call('intake.savePersonalInfo', { profileId, type, data } as PersonalInfoInput)
        .catch((e: unknown) => {
          // No flag names the identity document: it comes from `kyc documents` or from stdin. A
          // missing one is said with the way out, not as the schema's "expected object".
          if (e instanceof CliError && (e.field === 'data.document' || e.field === 'data.document.number')) {
            throw new CliError(e.kind, 'the identity document and its number are required: give them to `kyc documents` (docType, docNumber, issueCountry), or send data.document on stdin', e.serviceCode, e.field);
          }
          throw e;
        });
      env.out.result({ profileId, profile }, () => lines([['Saved', profile.displayName], ['Profile id', profileId]]));
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
      const wanted = env
        .param(opts.accept, 'accept')
        ?.split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const accepted = texts.agreements.filter((a) => !wanted || wanted.includes(a.id)).map((a) => ({ id: a.id, version: a.version }));
      if (wanted && accepted.length !== wanted.length) throw new CliError(EXIT.REFUSED, `unknown agreement id; known: ${texts.agreements.map((a) => a.id).join(', ')}`, null, 'accept');
      const s = await env.client().call('intake.acceptAgreements', { profileId, accepted });
      env.out.result({ ...statusJson(s), accepted }, () => `Accepted: ${accepted.map((a) => `${a.id} v${a.version}`).join(', ')}\n${statusLines(s)}`);
    }),
  );

  common(parent.command('submit').description('submit the completed application for review (and again after supplementary documents)')).action(
    run(async (env) => {
      const s = await env.client().call('intake.submit', { profileId: env.requireProfileId() });
      env.out.result(statusJson(s), () => `Submitted for review.\n${statusLines(s)}`);
    }),
  );
}
