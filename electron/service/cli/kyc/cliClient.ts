import { request } from 'node:http';
import type { InputOf, OperationName, OutputOf } from '../../../../shared/contract';
import type { Result } from '../../../../shared/result';
import { CliError, EXIT, exitKindFor } from './cliExitCodes';

/** Talks to a running workstation server: the contract over `/rpc/<op>`, and the kycService REST API. */
export class CliClient {
  constructor(
    readonly server: string,
    private readonly token: string | null,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  private async fetchJson(path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    let r: Response;
    try {
      r = await fetch(new URL(path, this.server), init);
    } catch {
      throw new CliError(EXIT.SERVER_UNREACHABLE, `cannot reach the workstation at ${this.server}; is \`npm run serve\` running?`);
    }
    try {
      return { status: r.status, body: await r.json() };
    } catch {
      throw new CliError(EXIT.SERVER_UNREACHABLE, `${this.server} did not answer like a KYC workstation (HTTP ${r.status})`);
    }
  }

  /** One contract operation; a failure becomes a CliError with LeapCat's meaning. */
  async call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const { body } = await this.fetchJson(`/rpc/${operation}`, { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body: JSON.stringify(input) });
    return unwrap(body as Result<OutputOf<K>>);
  }

  /** A kycService REST GET; the `{code, message, data}` envelope is unwrapped. */
  async restGet<T>(path: string): Promise<T> {
    const { body } = await this.fetchJson(path, { method: 'GET', headers: this.headers() });
    const env = body as { code: number; message: string; data: T & { errorCode?: string; field?: string } };
    if (env.code === 0) return env.data;
    const code = env.data?.errorCode ?? '';
    throw new CliError(exitKindFor(code), env.message, code || String(env.code), env.data?.field ?? null);
  }

  /**
   * A contract operation whose input carries one large base64 field, streamed in chunks so the
   * caller can show progress (bytes of the file sent so far, of the total).
   */
  callStreamingFile<K extends OperationName>(operation: K, input: Record<string, unknown>, file: Buffer, onProgress: (sent: number, total: number) => void): Promise<OutputOf<K>> {
    const head = Buffer.from(`${JSON.stringify(input).slice(0, -1)}${Object.keys(input).length ? ',' : ''}"dataBase64":"`);
    const tail = Buffer.from('"}');
    const CHUNK = 3 * 64 * 1024; // a multiple of 3: each chunk encodes to whole base64 quads
    const encodedLength = Math.ceil(file.length / 3) * 4;
    const url = new URL(`/rpc/${operation}`, this.server);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: this.headers({ 'content-type': 'application/json', 'content-length': String(head.length + encodedLength + tail.length) }) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(unwrap(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<OutputOf<K>>));
            } catch (e) {
              reject(e instanceof CliError ? e : new CliError(EXIT.UPLOAD_FAILED, `the workstation answered HTTP ${res.statusCode} to the upload; retry`));
            }
          });
        },
      );
      req.on('error', () => reject(new CliError(EXIT.UPLOAD_FAILED, `the upload to ${this.server} was interrupted; retry \`kyc upload --file\``)));
      let offset = 0;
      const pump = () => {
        while (offset < file.length) {
          const part = file.subarray(offset, offset + CHUNK);
          offset += part.length;
          const more = req.write(part.toString('base64'));
          onProgress(offset, file.length);
          if (!more) return void req.once('drain', pump);
        }
        req.end(tail);
      };
      req.write(head);
      pump();
    });
  }
}

function unwrap<T>(r: Result<T>): T {
  if (r && typeof r === 'object' && 'ok' in r) {
    if (r.ok) return r.value;
    throw new CliError(exitKindFor(r.error.code), r.error.message, r.error.code, r.error.field ?? null);
  }
  throw new CliError(EXIT.INTERNAL, 'unexpected answer from the workstation');
}
