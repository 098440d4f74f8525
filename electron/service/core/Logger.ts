/**
 * Structured, personal-data-free logging. Callers pass only operation names, codes, counts
 * and timings: never inputs, names, document numbers or tokens.
 */
export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createStderrLogger(): Logger {
  const write = (level: string, event: string, fields?: LogFields) =>
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, event, ...fields })}\n`);
  return {
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
