import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStoreAs } from './openStoreAs';
import { ServiceFailure } from '../core/ServiceFailure';
import { exportCaseReport } from '../reports/exportCaseReport';
import { REPORT_READERS } from '../../../shared/schemas/report';
import { helpRequested } from './helpRequested';

/** The tool's name in the audit trail and in a refused data folder's message. */
const TOOL = 'export:case';
const USAGE = 'Usage: npm run export:case -- --data DIR --as EMAIL [--password-file FILE] --case CASE_ID [--case CASE_ID ...] [--out DIR]\n  The operator\'s password: --password-file, else KYC_OPERATOR_PASSWORD, else a prompt on a terminal.';

/**
 * Writes the PDF audit report of one or more cases (with their .sha256 sidecars) from the
 * command line, as the named operator, who must be allowed to export (senior officer, auditor
 * or admin). Each export is audited like one made in the app. Exit 0 when every case was
 * written, 1 when one failed, 2 on usage errors.
 */
async function main(): Promise<number> {
  if (helpRequested()) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let values: { data?: string | undefined; as?: string | undefined; 'password-file'?: string | undefined; case?: string[] | undefined; out?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, as: { type: 'string' }, 'password-file': { type: 'string' }, case: { type: 'string', multiple: true }, out: { type: 'string' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (!values.as || !values.case?.length) {
    process.stderr.write(`--as and --case are required\n${USAGE}\n`);
    return 2;
  }
  // A folder the reports are copied into: an existing file there is a mistake, said before signing in.
  if (values.out && existsSync(values.out) && !statSync(values.out).isDirectory()) {
    process.stderr.write(`--out must name a folder: ${resolve(values.out)} is a file\n${USAGE}\n`);
    return 2;
  }
  const opened = await openStoreAs(TOOL, { data: values.data, email: values.as, passwordFile: values['password-file'] }, REPORT_READERS, 'senior officer, auditor or admin');
  if (!opened.ok) {
    process.stderr.write(`${opened.message}\n`);
    return opened.exit;
  }
  const { service, actor } = opened;
  try {
    const deps = service.deps;
    const out = values.out ? resolve(values.out) : null;
    if (out) mkdirSync(out, { recursive: true });
    let failed = 0;
    for (const caseId of values.case) {
      try {
        const now = deps.clock();
        const r = await exportCaseReport(deps, caseId, actor, now);
        const c = deps.cases.byId(caseId)!;
        deps.db.transaction(() =>
          deps.audit.append({
            at: now.toISOString(),
            actor: { id: actor.id, name: actor.displayName },
            type: 'report.exported',
            caseId,
            profileId: c.profileId,
            payload: { fileName: r.fileName, sha256: r.sha256, byteSize: r.byteSize, pages: r.pages, via: TOOL },
          }),
        )();
        let path = r.path;
        if (out) {
          path = join(out, r.fileName);
          copyFileSync(r.path, path);
          copyFileSync(`${r.path}.sha256`, `${path}.sha256`);
        }
        // The file name and hash only: the report's content stays out of the terminal log.
        process.stdout.write(`${r.sha256}  ${path} (${r.pages} pages)\n`);
      } catch (e) {
        failed += 1;
        process.stderr.write(`${caseId}: ${e instanceof ServiceFailure ? e.message : `failed (${e instanceof Error ? e.name : 'error'})`}\n`);
      }
    }
    if (failed) process.stderr.write(`${failed} of ${values.case.length} reports failed\n`);
    if (failed < values.case.length) process.stdout.write('the reports are not encrypted (they are the deliverable): keep them as you would the paper file\n');
    return failed ? 1 : 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`export failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
