import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { AuditRepository } from '../repositories/AuditRepository';
import { AuditLog } from '../audit/AuditLog';
import { DATABASE_FILE } from '../KycService';
import { resolveDataDir } from '../config/resolveDataDir';

/**
 * `npm run audit:verify -- --data DIR [--json]`: walks the audit hash chain of a store,
 * read-only, and exits 1 naming the first broken row (0 when intact, 2 on usage errors).
 */
function main(): number {
  let values: { data?: string | undefined; json?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\nUsage: npm run audit:verify -- --data DIR [--json]\n`);
    return 2;
  }
  const dataDir = resolveDataDir(values.data);
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    process.stderr.write(`no KYC store at ${file}\n`);
    return 2;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = new AuditLog(new AuditRepository(db)).verify();
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.valid) {
      const purged = result.purgedPayloads ? ` (${result.purgedPayloads} payloads purged under retention, each recorded by a tombstone)` : '';
      process.stdout.write(`audit chain intact: ${result.checked} events${purged}, head ${result.headHash ?? '(empty)'}\n`);
    }
    else {
      process.stdout.write(
        `audit chain BROKEN at event #${result.firstBroken?.seq}: ${result.firstBroken?.problem} [${result.firstBroken?.code}] (${result.checked} events verified before it)\n`,
      );
    }
    return result.valid ? 0 : 1;
  } finally {
    db.close();
  }
}

process.exitCode = main();
