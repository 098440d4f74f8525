import type { Command } from 'commander';
import type { InputOf } from '../../../../shared/contract';
import type { IntakeDocument, IntakeStatus } from '../../../../shared/schemas/intake';
import { uploadKeyOf } from '../../../../shared/schemas/upload';
import { COMPANY_DOCUMENT_TYPES, PERSON_DOCUMENT_TYPES } from '../../../../shared/documentTypes';
import { CliError, EXIT } from './cliExitCodes';
import { lines } from './cliIo';
import type { CommonOptions } from './cliEnv';
import { KINDS, ensureCustomer, kindOf, openPrompts, pick, reviewNoteLines, storeFile, type Common, type Runner } from './kycShared';

type DeclaredDocumentInput = NonNullable<InputOf<'intake.attachUploads'>['document']>;

/** A URL or key the user gave; LeapCat's "unreadable or wrong format" (re-upload) when it is neither. */
function keyOf(reference: string, field: string): string {
  const key = uploadKeyOf(reference);
  if (!key) {
    throw new CliError(
      EXIT.INVALID_DOCUMENT,
      `${field} is not a url or key answered by \`upload --file\` on this workstation (it fetches nothing from other services); upload the file and use its url`,
      null,
      field,
    );
  }
  return key;
}

function fileLines(s: IntakeStatus): string[] {
  return s.documents.map((d) => `  ${d.kind.padEnd(16)} ${d.fileName}${d.pending ? ' (held until the personal information is saved)' : ''}`);
}

/** What the reviewer asked for that is not on file yet (documents newer than the request; liveness redone). */
function stillNeeded(s: IntakeStatus): string[] {
  const r = s.resubmission;
  if (!r) return [];
  return r.items.filter((item) => (item === 'LIVENESS' ? !s.steps.liveness : !s.documents.some((d) => d.kind === item && d.createdAt > r.at)));
}

/** What is left before `kyc submit`: the reviewer's items first, then any step the submit itself requires. */
function nextStep(s: IntakeStatus): string {
  const asked = stillNeeded(s);
  if (asked.length) return asked.join(', ');
  return s.missingForSubmit.length ? `nothing from the reviewer; before \`kyc submit\`: ${s.missingForSubmit.join(', ')}` : 'nothing: run `kyc submit`';
}

function supplementaryJson(s: IntakeStatus) {
  return {
    profileId: s.profileId,
    status: s.leapCatStatus,
    requested: s.resubmission?.items ?? [],
    stillNeeded: stillNeeded(s),
    /** The steps `kyc submit` will still refuse without (consent, agreements...), beside the reviewer's items. */
    missingForSubmit: s.missingForSubmit,
    reasonCode: s.resubmission?.reasonCode ?? null,
    message: s.resubmission?.customerMessage ?? null,
    requestedAt: s.resubmission?.at ?? null,
    reviewNotes: s.reviewNotes,
  };
}

export function addFileCommands(parent: Command, run: Runner, common: Common): void {
  common(
    parent
      .command('upload')
      .description('store a JPG, PNG or PDF on the workstation and answer its url and key (for `kyc documents` and `kyc supplementary`)')
      .requiredOption('--file <path>', 'the file (JPG, PNG or PDF)')
      .option('--kind <kind>', `also file it at once with the current customer as ${Object.keys(KINDS).join(' | ')}`)
      .option('--new', 'with --kind: start a new customer even if one is chosen'),
  ).action(
    run<CommonOptions & { file: string; kind?: string; new?: boolean }>(async (env, opts) => {
      const { upload, url } = await storeFile(env, opts.file);
      const kindFlag = pick(env, opts.kind, 'kind');
      if (!kindFlag) {
        return env.out.result({ url, key: upload.key }, () => lines([['Uploaded', upload.fileName], ['URL', url], ['Key', upload.key]]));
      }
      const kind = kindOf(kindFlag);
      const profileId = await ensureCustomer(env, opts);
      await env
        .client()
        .call('intake.attachUploads', { profileId, files: [{ key: upload.key, kind }] })
        .catch((e: unknown) => {
          // The file is stored: say so, so the user files it instead of uploading it again.
          if (e instanceof CliError) throw new CliError(e.kind, `${e.message} (the file is stored as ${upload.key}; file it with \`kyc documents\`)`, e.serviceCode, e.field);
          throw e;
        });
      env.out.result({ url, key: upload.key, profileId, kind }, () => lines([['Uploaded', `${upload.fileName} as ${kind}`], ['URL', url], ['Key', upload.key], ['Profile id', profileId]]));
    }),
  );

  common(
    parent
      .command('documents')
      .description('submit the identity document: its type (e.g. PASSPORT, NATIONAL_ID) and the front and back URLs from `upload` (prompts on a terminal, or JSON on stdin)')
      .option('--type <type>', 'document type, e.g. PASSPORT, NATIONAL_ID, NUIP (stdin: docType)')
      .option('--front <url>', 'front image URL or key from `upload` (stdin: frontImageUrl)')
      .option('--back <url>', 'back image URL or key from `upload`, if the document has one (stdin: backImageUrl)')
      .option('--number <number>', 'document number (stdin: docNumber)')
      .option('--country <code>', 'issuing country, ISO 3166-1 alpha-2 (stdin: issueCountry)')
      .option('--expedition-date <date>', 'date of issue, YYYY-MM-DD (stdin: expeditionDate)')
      .option('--expiry-date <date>', 'date of expiry, YYYY-MM-DD (stdin: expiryDate)'),
  ).action(
    run<CommonOptions & { type?: string; front?: string; back?: string; number?: string; country?: string; expeditionDate?: string; expiryDate?: string }>(async (env, opts) => {
      const profileId = env.requireProfileId();
      let type = pick(env, opts.type, 'docType', 'documentType', 'type');
      let front = pick(env, opts.front, 'frontImageUrl', 'frontUrl', 'front', 'frontKey');
      let back = pick(env, opts.back, 'backImageUrl', 'backUrl', 'back', 'backKey');
      const before = await env.client().call('intake.status', { profileId });
      const hasFront = before.documents.some((d) => d.kind === 'DOCUMENT_FRONT');
      if (process.stdin.isTTY && (!type || (!front && !hasFront))) {
        // LeapCat asks for the three values; the last two uploads are offered as front and back.
        const recent = env.config.uploads ?? [];
        const [frontGuess, backGuess] = recent.length >= 2 ? [recent.at(-2)?.url, recent.at(-1)?.url] : [recent.at(-1)?.url, undefined];
        const prompts = openPrompts();
        try {
          type ||= await prompts.ask('Document type (e.g. PASSPORT, NATIONAL_ID)');
          front ||= await prompts.ask('Front image URL (from upload)', hasFront ? undefined : frontGuess);
          back ||= await prompts.ask("Back image URL (from upload, if applicable; '-' for none)", backGuess);
        } finally {
          prompts.close();
        }
        if (back === '-') back = undefined;
      }
      if (!type) throw new CliError(EXIT.MISSING_FIELDS, 'the document type is required, e.g. {"docType": "PASSPORT", "frontImageUrl": "...", "backImageUrl": "..."} on stdin', null, 'docType');
      if (!front && !hasFront) throw new CliError(EXIT.MISSING_FIELDS, 'the front image URL is required: run `upload --file <front image> --json` and pass its url as frontImageUrl', null, 'frontImageUrl');
      const files: { key: string; kind: IntakeDocument['kind'] }[] = [];
      if (front) files.push({ key: keyOf(front, 'frontImageUrl'), kind: 'DOCUMENT_FRONT' });
      if (back) files.push({ key: keyOf(back, 'backImageUrl'), kind: 'DOCUMENT_BACK' });
      const given: Record<string, string | undefined> = {
        type: type.toUpperCase(),
        number: pick(env, opts.number, 'docNumber', 'number'),
        issuedCountryCode: pick(env, opts.country, 'issueCountry', 'issuedCountryCode', 'country'),
        expeditionDate: pick(env, opts.expeditionDate, 'expeditionDate'),
        expiryDate: pick(env, opts.expiryDate, 'expiryDate'),
      };
      // Typed as the contract's input but checked by the service: an unknown type is its coded error, not ours.
      const document = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as DeclaredDocumentInput;
      const s = await env
        .client()
        .call('intake.attachUploads', { profileId, files, document })
        .catch((e: unknown) => {
          // The service lists every type it knows; this customer can use only its kind's.
          if (e instanceof CliError && e.field === 'document.type') {
            const types = before.type === 'COMPANY' ? COMPANY_DOCUMENT_TYPES : PERSON_DOCUMENT_TYPES;
            throw new CliError(e.kind, `document type ${document.type} is not one a ${before.type === 'COMPANY' ? 'company' : 'person'} can use: ${types.join(', ')}`, e.serviceCode, e.field);
          }
          throw e;
        });
      env.out.result({ profileId, status: s.leapCatStatus, document: s.declaredDocument, files: s.documents }, () =>
        [lines([['Document', s.declaredDocument?.type ?? '-'], ['Status', s.leapCatStatus]]), ...fileLines(s)].join('\n'),
      );
    }),
  );

  common(
    parent
      .command('supplementary')
      .description('without a file: list what the reviewer asked for; with --file or --url (or JSON on stdin): add it, then run `kyc submit` again')
      .option('--file <path>', 'a local file to upload and add')
      .option('--url <url>', 'a URL or key from `upload` to add (stdin: url, or files: [{url, kind}])')
      .option('--kind <kind>', `${Object.keys(KINDS).join(' | ')} (default: the first thing the reviewer asked for, else supplementary)`),
  ).action(
    run<CommonOptions & { file?: string; url?: string; kind?: string }>(async (env, opts) => {
      const profileId = env.requireProfileId();
      const s = await env.client().call('intake.status', { profileId });
      const wanted = stillNeeded(s).filter((i): i is IntakeDocument['kind'] => i !== 'LIVENESS');
      const defaultKind = (): IntakeDocument['kind'] => wanted[0] ?? 'SUPPLEMENTARY';
      const files: { key: string; kind: IntakeDocument['kind'] }[] = [];
      const kindFlag = pick(env, opts.kind, 'kind');
      const filePath = typeof opts.file === 'string' && opts.file ? opts.file : undefined;
      if (filePath) files.push({ key: (await storeFile(env, filePath)).upload.key, kind: kindFlag ? kindOf(kindFlag) : defaultKind() });
      const url = pick(env, opts.url, 'url', 'key');
      if (url) files.push({ key: keyOf(url, 'url'), kind: kindFlag ? kindOf(kindFlag) : defaultKind() });
      const listed = env.stdin.files;
      if (listed !== undefined) {
        if (!Array.isArray(listed)) throw new CliError(EXIT.USAGE, 'stdin files must be an array of {url, kind}', null, 'files');
        listed.forEach((f: unknown, i) => {
          const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
          const ref = typeof o.url === 'string' ? o.url : typeof o.key === 'string' ? o.key : '';
          if (!ref) throw new CliError(EXIT.MISSING_FIELDS, `files[${i}] needs a url (or key) from \`upload\``, null, `files.${i}.url`);
          files.push({ key: keyOf(ref, `files.${i}.url`), kind: typeof o.kind === 'string' ? kindOf(o.kind, `files[${i}].kind`) : (wanted[i] ?? 'SUPPLEMENTARY') });
        });
      }
      if (files.length === 0) {
        // Nothing to add: LeapCat's "if the KYC status indicates supplementary docs are needed", answered.
        return env.out.result(supplementaryJson(s), () =>
          s.resubmission
            ? [
                lines([
                  ['Status', s.leapCatStatus],
                  ['Reviewer asks for', s.resubmission.items.join(', ')],
                  ['Still needed', nextStep(s)],
                  ['Message', s.resubmission.customerMessage],
                ]),
                ...(s.reviewNotes.length ? ['', 'Review notes:', ...reviewNoteLines(s)] : []),
              ].join('\n')
            : `Status ${s.leapCatStatus}: no supplementary documents are requested.`,
        );
      }
      const after = await env.client().call('intake.attachUploads', { profileId, files });
      env.out.result({ ...supplementaryJson(after), added: files }, () =>
        [lines([['Added', files.map((f) => `${f.kind} (${f.key})`).join(', ')], ['Still needed', nextStep(after)]]), ...fileLines(after)].join('\n'),
      );
    }),
  );
}
