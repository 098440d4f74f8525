import { CliError, EXIT, type ExitKind } from './cliExitCodes';
import { ErrorCode } from '../../../../shared/errorCodes';

/** What to do about the error: its exit kind's meaning, but for a wrong password, which is not an expired session. */
const hintFor = (err: CliError): string => (err.serviceCode === ErrorCode.BAD_CREDENTIALS ? 'the email or password is wrong: log in again with the right ones' : err.kind.meaning);

/** JSON parameters on stdin (never read from a terminal): an object merged under the flags. */
export async function readStdinParams(stdin: NodeJS.ReadStream = process.stdin): Promise<{ params: Record<string, unknown>; raw: string }> {
  if (stdin.isTTY) return { params: {}, raw: '' };
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8').trim();
  if (!raw) return { params: {}, raw };
  if (!raw.startsWith('{')) return { params: {}, raw };
  try {
    const v = JSON.parse(raw) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return { params: v as Record<string, unknown>, raw };
  } catch {
    throw new CliError(EXIT.USAGE, 'stdin is not a JSON object');
  }
}

export interface Output {
  json: boolean;
  /** The command's result: JSON on stdout with --json, else readable lines. */
  result(value: unknown, human: () => string): void;
  /** Progress and notes go to stderr, on a terminal only, never with --json. */
  progress(line: string): void;
  done(): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Output {
  const live = !json && stderr.isTTY === true;
  let drawn = false;
  return {
    json,
    result(value, human) {
      stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    progress(line) {
      if (!live) return;
      stderr.write(`\r${line}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stderr.write('\n');
      drawn = false;
    },
  };
}

/** The error as the user sees it; returns the exit code. */
export function reportError(e: unknown, json: boolean): number {
  const err = e instanceof CliError ? e : new CliError(EXIT.INTERNAL, e instanceof Error ? e.message : String(e));
  const kind: ExitKind = err.kind;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: { name: kind.name, exitCode: kind.code, message: err.message, hint: hintFor(err), serviceCode: err.serviceCode, field: err.field } }, null, 2)}\n`,
    );
  } else {
    process.stderr.write(`kyc: ${err.message}${err.field ? ` (${err.field})` : ''}\n  ${kind.name}: ${hintFor(err)}\n`);
  }
  return kind.code;
}

/** Lines of `label: value`, aligned, for the human output. */
export function lines(rows: [string, unknown][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v === null || v === undefined || v === '' ? '-' : String(v)}`).join('\n');
}
