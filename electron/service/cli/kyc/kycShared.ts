import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { IntakeDocument, IntakeStatus } from '../../../../shared/schemas/intake';
import { uploadPath, type Upload } from '../../../../shared/schemas/upload';
import { sniffMimeType } from '../../evidence/sniffMimeType';
import { CliError, EXIT } from './cliExitCodes';
import { lines } from './cliIo';
import type { CliEnv, CommonOptions } from './cliEnv';

export type Runner = <O extends CommonOptions>(fn: (env: CliEnv, opts: O) => Promise<void>) => (opts: O) => Promise<void>;
export type Common = (c: Command) => Command;

/** `--kind` names (LeapCat-style, lower case) and the document kinds they file as. */
export const KINDS = {
  front: 'DOCUMENT_FRONT',
  back: 'DOCUMENT_BACK',
  selfie: 'SELFIE',
  'proof-of-address': 'PROOF_OF_ADDRESS',
  'source-of-funds': 'SOURCE_OF_FUNDS',
  supplementary: 'SUPPLEMENTARY',
} as const satisfies Record<string, IntakeDocument['kind']>;
export type KindFlag = keyof typeof KINDS;

/** A `--kind` value or a kind as the service names it (`DOCUMENT_FRONT`); USAGE otherwise. */
export function kindOf(v: string, flag = '--kind'): IntakeDocument['kind'] {
  if (v in KINDS) return KINDS[v as KindFlag];
  const upper = v.toUpperCase();
  const named = Object.values(KINDS).find((k) => k === upper);
  if (named) return named;
  throw new CliError(EXIT.USAGE, `${flag} must be one of ${Object.keys(KINDS).join(', ')}`, null, 'kind');
}

export function statusLines(s: IntakeStatus): string {
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

/** `kyc status --json`: LeapCat's `status` value and where each step stands. */
export function statusJson(s: IntakeStatus) {
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

/** The review notes as readable lines (`kyc detail`, `kyc supplementary`). */
export function reviewNoteLines(s: IntakeStatus): string[] {
  return s.reviewNotes.map((n) => {
    const said = [n.message, n.remark].filter(Boolean).join(' / ');
    return `  ${n.at.slice(0, 16).replace('T', ' ')}  ${n.status.padEnd(22)} ${n.reasonCode ?? ''}${said ? ` "${said}"` : ''} (${n.reviewer})`;
  });
}

/** The current customer, or a new one (intake.begin) remembered for the next commands. */
export async function ensureCustomer(env: CliEnv, opts: { new?: boolean | undefined; type?: string | undefined }): Promise<string> {
  if (!opts.new && env.profileId) return env.profileId;
  const type = opts.type ?? (typeof env.stdin.type === 'string' ? env.stdin.type : 'PERSON');
  if (type !== 'PERSON' && type !== 'COMPANY') throw new CliError(EXIT.USAGE, '--type must be PERSON or COMPANY', null, 'type');
  const s = await env.client().call('intake.begin', { type });
  env.save({ profileId: s.profileId });
  return s.profileId;
}

/** Reads and checks a local file before anything is sent: LeapCat's "unreadable or wrong format". */
export async function readDocument(path: string): Promise<{ data: Buffer; mimeType: 'image/jpeg' | 'image/png' | 'application/pdf' }> {
  let data: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    data = readFileSync(path);
  } catch {
    throw new CliError(EXIT.INVALID_DOCUMENT, `cannot read ${path}`, null, 'file');
  }
  const mime = await sniffMimeType(data);
  if (mime !== 'image/jpeg' && mime !== 'image/png' && mime !== 'application/pdf') {
    throw new CliError(EXIT.INVALID_DOCUMENT, `${basename(path)} is not a JPG, PNG or PDF file`, null, 'file');
  }
  return { data, mimeType: mime };
}

/** Stores a local file on the workstation (`uploads.put`), with progress on a terminal; remembers it for the prompts. */
export async function storeFile(env: CliEnv, path: string): Promise<{ upload: Upload; url: string }> {
  const { data, mimeType } = await readDocument(path);
  const name = basename(path);
  const total = (data.length / 1024 / 1024).toFixed(1);
  const upload = await env.client().callStreamingFile('uploads.put', { fileName: name, mimeType }, data, (sent, all) =>
    env.out.progress(`Uploading ${name}  ${String(Math.floor((sent / all) * 100)).padStart(3)}%  (${(sent / 1024 / 1024).toFixed(1)} of ${total} MB)`),
  );
  env.out.done();
  const url = new URL(uploadPath(upload.key), env.server).toString();
  // The last few, newest last: `kyc documents` offers them as the answers to its prompts.
  env.save({ uploads: [...(env.config.uploads ?? []), { key: upload.key, url, fileName: name }].slice(-10) });
  return { upload, url };
}

/**
 * Questions on the terminal (on stderr, so stdout stays the command's answer); Enter takes the
 * default. Lines typed ahead are queued, not lost: readline hands over every line of a paste at
 * once, before the next question is asked. At end of input the remaining answers are empty.
 */
export function openPrompts(): { ask(question: string, fallback?: string): Promise<string>; close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const typedAhead: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let ended = false;
  const deliver = (line: string) => {
    const w = waiting;
    waiting = null;
    w?.(line);
  };
  rl.on('line', (line) => (waiting ? deliver(line) : typedAhead.push(line)));
  rl.on('close', () => {
    ended = true;
    deliver('');
  });
  return {
    ask: (question, fallback) =>
      new Promise((resolve) => {
        const answer = (line: string) => resolve(line.trim() || fallback || '');
        rl.setPrompt(`${question}${fallback ? ` [${fallback}]` : ''}: `);
        rl.prompt();
        const next = typedAhead.shift();
        if (next !== undefined) answer(next);
        else if (ended) answer('');
        else waiting = answer;
      }),
    close: () => rl.close(),
  };
}

/** A string from the flag, else the first of these stdin keys that holds one. */
export function pick(env: CliEnv, flag: unknown, ...keys: string[]): string | undefined {
  if (typeof flag === 'string' && flag.trim() !== '') return flag.trim();
  for (const k of keys) {
    const v = env.stdin[k];
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v).trim();
  }
  return undefined;
}
