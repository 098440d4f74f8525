import { CliClient } from './cliClient';
import { readConfig, writeConfig, configPath, DEFAULT_SERVER, type CliConfig } from './cliConfig';
import { CliError, EXIT } from './cliExitCodes';
import { createOutput, readStdinParams, type Output } from './cliIo';

export interface CommonOptions {
  json?: boolean;
  server?: string;
  profileId?: string;
}

/** What every command gets: the saved config, the output, stdin parameters and a client. */
export class CliEnv {
  readonly config: CliConfig;
  readonly out: Output;

  private constructor(
    readonly configFile: string,
    readonly opts: CommonOptions,
    readonly stdin: Record<string, unknown>,
    readonly stdinRaw: string,
  ) {
    this.config = readConfig(configFile);
    this.out = createOutput(opts.json === true);
  }

  static async create(opts: CommonOptions): Promise<CliEnv> {
    const { params, raw } = await readStdinParams();
    return new CliEnv(configPath(), opts, params, raw);
  }

  get server(): string {
    return (this.opts.server ?? process.env.KYC_SERVER ?? this.config.server ?? DEFAULT_SERVER).replace(/\/+$/, '');
  }

  /** A client with the saved token; NOT_AUTHENTICATED (exit 3) when nobody signed in. */
  client(): CliClient {
    if (!this.config.token) throw new CliError(EXIT.NOT_AUTHENTICATED, 'not signed in; run `kyc auth login --email <email>` first');
    return new CliClient(this.server, this.config.token);
  }

  anonymousClient(): CliClient {
    return new CliClient(this.server, null);
  }

  /** The customer: --profile-id, stdin's profileId, else the one saved by an earlier command. */
  get profileId(): string | undefined {
    const fromStdin = typeof this.stdin.profileId === 'string' ? this.stdin.profileId : undefined;
    return this.opts.profileId ?? fromStdin ?? this.config.profileId;
  }

  requireProfileId(): string {
    const id = this.profileId;
    if (!id) throw new CliError(EXIT.MISSING_FIELDS, 'no customer yet: run `kyc consent` (or pass --profile-id)', null, 'profileId');
    return id;
  }

  /** A flag, else the same key from stdin JSON. */
  param(flag: unknown, key: string): string | undefined {
    if (typeof flag === 'string' && flag !== '') return flag;
    const v = this.stdin[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  }

  save(patch: Partial<CliConfig>): void {
    Object.assign(this.config, patch);
    writeConfig(this.config, this.configFile);
  }
}
