import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { CliClient } from './cliClient';
import { CliError, EXIT } from './cliExitCodes';
import { lines } from './cliIo';
import type { CliEnv, CommonOptions } from './cliEnv';

type Runner = <O extends CommonOptions>(fn: (env: CliEnv, opts: O) => Promise<void>) => (opts: O) => Promise<void>;

/** Reads a password from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const rlOut = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(question);
    rlOut._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export function addAuthCommands(program: Command, run: Runner, common: (c: Command) => Command): void {
  const auth = program.command('auth').description('sign in to the workstation, sign out, show who is signed in');

  common(
    auth
      .command('login')
      .description('sign in with an operator e-mail and password (or an API token) and keep the session in the config file (mode 0600)')
      .option('--email <email>', 'operator e-mail')
      .option('--password <password>', 'password (prefer stdin or KYC_PASSWORD: flags show in the process list)')
      .option('--token <token>', 'an API token created by an admin, instead of e-mail and password'),
  ).action(
    run<CommonOptions & { email?: string; password?: string; token?: string }>(async (env, opts) => {
      const server = env.server;
      if (opts.token ?? (typeof env.stdin.token === 'string' ? env.stdin.token : undefined)) {
        const token = (opts.token ?? env.stdin.token) as string;
        // Proves the token before saving it; an intake-only token may not list (REFUSED), which is fine.
        await new CliClient(server, token).restGet('/api/web/kycService/list').catch((e: unknown) => {
          if (!(e instanceof CliError && e.kind === EXIT.REFUSED)) throw e;
        });
        env.save({ server, token, tokenKind: 'api', email: undefined });
        return env.out.result({ ok: true, server, tokenKind: 'api' }, () => `Signed in to ${server} with an API token.`);
      }
      const email = env.param(opts.email, 'email');
      if (!email) throw new CliError(EXIT.USAGE, 'give --email <email> (or --token <API token>)');
      let password = env.param(opts.password, 'password') ?? process.env.KYC_PASSWORD;
      if (!password && env.stdinRaw && !env.stdinRaw.startsWith('{')) password = env.stdinRaw.split('\n')[0]!.trim();
      if (!password && process.stdin.isTTY) password = await promptHidden(`Password for ${email}: `);
      if (!password) throw new CliError(EXIT.USAGE, 'no password: type it at the prompt, pipe it on stdin, or set KYC_PASSWORD');
      const session = await env.anonymousClient().call('auth.signIn', { email, password });
      env.save({ server, token: session.token, tokenKind: 'session', email: session.operator.email });
      env.out.result({ ok: true, server, operator: session.operator, idleExpiresAt: session.idleExpiresAt }, () =>
        lines([
          ['Signed in', `${session.operator.displayName} <${session.operator.email}> (${session.operator.role})`],
          ['Server', server],
          ['Session idles out', session.idleExpiresAt],
        ]),
      );
    }),
  );

  common(auth.command('logout').description('end the session and forget it')).action(
    run(async (env) => {
      if (env.config.token && env.config.tokenKind === 'session') {
        await env.client().call('auth.signOut', {}).catch(() => undefined);
      }
      env.save({ token: undefined, tokenKind: undefined, email: undefined });
      env.out.result({ ok: true, signedOut: true }, () => 'Signed out.');
    }),
  );

  common(auth.command('status').description('show whether the saved session is still valid')).action(
    run(async (env) => {
      if (env.config.tokenKind === 'api') {
        await env.client().restGet('/api/web/kycService/status/-').catch((e: unknown) => {
          if (e instanceof CliError && e.kind === EXIT.NOT_AUTHENTICATED) throw e;
        });
        return env.out.result({ authenticated: true, server: env.server, tokenKind: 'api' }, () => `Signed in to ${env.server} with an API token.`);
      }
      const me = await env.client().call('auth.me', {});
      env.out.result({ authenticated: true, server: env.server, tokenKind: 'session', operator: me }, () =>
        lines([
          ['Signed in', `${me.displayName} <${me.email}> (${me.role})`],
          ['Server', env.server],
        ]),
      );
    }),
  );
}
