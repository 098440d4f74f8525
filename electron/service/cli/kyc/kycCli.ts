import { Command, CommanderError } from 'commander';
import { addAuthCommands } from './authCommands';
import { addKycCommands } from './kycCommands';
import { addFileCommands } from './fileCommands';
import { CliError, EXIT, EXIT_CODES_HELP } from './cliExitCodes';
import { reportError } from './cliIo';
import { CliEnv, type CommonOptions } from './cliEnv';
import { DEFAULT_SERVER } from './cliConfig';

const FLOW = `LeapCat's flow against a running workstation (npm run serve); \`kyc\` stands for \`npx leapcat@latest\`:
  kyc auth login --email branch@demo.kyc        (password at the prompt, on stdin, or KYC_PASSWORD)
  kyc kyc status --json                         (NOT_STARTED: no customer chosen yet)
  kyc kyc consent --json                        (starts a new customer; --new for another one)
  kyc upload --file ./id-front.jpg --json       ({"url": ..., "key": "uploads/..."})
  kyc upload --file ./id-back.jpg --json
  kyc kyc documents --json                      (prompts, or stdin {"docType", "frontImageUrl", "backImageUrl"})
  kyc kyc personal-info --json < user.json      (KillB's {"type", "externalId", "data"})
  kyc kyc supplementary --json                  (what the reviewer asked for; --file or --url to add it)
  kyc kyc agreements --json
  kyc kyc submit --json
  kyc kyc status --json                         (until APPROVED or REJECTED)
The \`kyc\` group is optional: \`kyc status\` is \`kyc kyc status\`. Every command takes --json, --server URL
(or KYC_SERVER) and --profile-id ID; parameters come as flags or as a JSON object on stdin. The session
is kept in ${'$'}XDG_CONFIG_HOME/kyc-workstation/cli.json (or KYC_CLI_CONFIG), readable only by you.`;

function common(c: Command): Command {
  return c.option('--json', 'machine-readable output on stdout (no progress)').option('--server <url>', `workstation address (default ${DEFAULT_SERVER})`).option('--profile-id <id>', 'the customer to work on');
}

/** Wraps an action: builds the environment, reports errors with LeapCat's exit codes. */
function run<O extends CommonOptions>(fn: (env: CliEnv, opts: O) => Promise<void>) {
  return async (opts: O): Promise<void> => {
    try {
      const env = await CliEnv.create(opts);
      await fn(env, opts);
    } catch (e) {
      process.exitCode = reportError(e, opts.json === true);
    }
  };
}

export function buildProgram(): Command {
  const program = new Command('kyc')
    .description('The KYC workstation from the command line: LeapCat\'s KYC commands against a running workstation server.')
    .addHelpText('after', `\n${FLOW}\n\n${EXIT_CODES_HELP}`)
    .showHelpAfterError()
    .exitOverride();
  addAuthCommands(program, run, common);
  addKycCommands(program, run, common);
  addFileCommands(program, run, common);
  // LeapCat spells them `leapcat kyc status`: `kyc kyc status` works the same way.
  const kyc = program.command('kyc').description('the same KYC commands, spelled as LeapCat does (kyc kyc status)').addHelpText('after', `\n${EXIT_CODES_HELP}`);
  addKycCommands(kyc, run, common);
  addFileCommands(kyc, run, common);
  for (const c of [...program.commands, ...kyc.commands]) c.exitOverride().addHelpText('after', `\n${EXIT_CODES_HELP}`);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version print and exit 0; anything else is a usage error.
      return e.exitCode === 0 ? 0 : EXIT.USAGE.code;
    }
    return reportError(e instanceof CliError ? e : new CliError(EXIT.INTERNAL, String(e)), argv.includes('--json'));
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
