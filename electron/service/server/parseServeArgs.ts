import { parseArgs } from 'node:util';
import { DEFAULT_MAX_UPLOAD_BYTES } from './kycRest/restContext';

/** The workstation's loopback port unless --port or KYC_PORT says otherwise (the kyc CLI's default server). */
export const DEFAULT_PORT = 4780;
const DEFAULT_UPLOAD_MB = DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024);

export interface ServeArgs {
  port: number;
  data: string | undefined;
  demo: boolean;
  analysis: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Per-file limit of the kycService REST uploads, in bytes. */
  maxUploadBytes: number;
  /** Host names besides loopback that requests may address (a reverse proxy forwarding webhooks). */
  allowHosts: string[];
  /** The key file that unlocks the data folder (else KYC_DATA_KEY_FILE, a passphrase, or the default). */
  keyFile: string | undefined;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--port N] [--data DIR] [--demo] [--admin-email E --admin-password P]
  --port N          port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data DIR        data directory (default: KYC_DATA_DIR, else the OS user-data folder)
  --key-file FILE   key file that unlocks the encrypted data folder (or KYC_DATA_KEY_FILE).
                    A new folder is locked by KYC_DATA_PASSPHRASE if set, else by a key file
                    made beside it (DIR.key); an existing one by what it was locked with.
  --demo            fill an empty store with demo accounts and about 50 cases
  --no-analysis     do not start the verification engine (jobs wait in the queue)
  --admin-email     first admin for a store with no accounts (or KYC_ADMIN_EMAIL)
  --admin-password  its password (or KYC_ADMIN_PASSWORD)
  --max-upload-mb N per-file limit of REST uploads (or KYC_MAX_UPLOAD_MB; default ${DEFAULT_UPLOAD_MB})
  --allow-host NAME also answer requests addressed to NAME (repeatable; a reverse proxy
                    forwarding Didit webhooks). Otherwise only 127.0.0.1 and localhost.
  With --demo, a fresh REST API token is printed as "demo API token: <token>".`;

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      'key-file': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'no-analysis': { type: 'boolean', default: false },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'max-upload-mb': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(SERVE_USAGE);
  const port = values.port === undefined ? Number(env.KYC_PORT ?? DEFAULT_PORT) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0 to 65535\n${SERVE_USAGE}`);
  const uploadMb = Number(values['max-upload-mb'] ?? env.KYC_MAX_UPLOAD_MB ?? DEFAULT_UPLOAD_MB);
  if (!Number.isFinite(uploadMb) || uploadMb <= 0 || uploadMb > 1024) throw new UsageError(`--max-upload-mb must be a number of megabytes, 0 to 1024\n${SERVE_USAGE}`);
  for (const h of values['allow-host'] ?? []) if (!/^[a-z0-9.-]+$/i.test(h)) throw new UsageError(`--allow-host takes a host name, not ${JSON.stringify(h)}\n${SERVE_USAGE}`);
  return {
    port,
    data: values.data,
    demo: values.demo ?? false,
    analysis: !(values['no-analysis'] ?? false),
    adminEmail: values['admin-email'] ?? env.KYC_ADMIN_EMAIL,
    adminPassword: values['admin-password'] ?? env.KYC_ADMIN_PASSWORD,
    maxUploadBytes: Math.round(uploadMb * 1024 * 1024),
    allowHosts: values['allow-host'] ?? [],
    keyFile: values['key-file'],
  };
}

export class UsageError extends Error {}
