/**
 * Whether the command was run to read its usage (`--help` or `-h` anywhere in its arguments):
 * answered with the usage on stdout and exit 0, before the strict argument parser calls it an
 * unknown option.
 */
export function helpRequested(argv: readonly string[] = process.argv.slice(2)): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
