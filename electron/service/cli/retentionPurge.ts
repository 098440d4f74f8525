import { parseArgs } from 'node:util';
import { contract } from '../../../shared/contract';
import { openStoreAs } from './openStoreAs';
import { previewRetention } from '../retention/previewRetention';
import { purgeDueCases } from '../retention/purgeDueCases';
import { helpRequested } from './helpRequested';

/** The tool's name in the audit trail and in a refused data folder's message. */
const TOOL = 'retention:purge';
const USAGE = 'Usage: npm run retention:purge -- --data DIR --as ADMIN_EMAIL [--password-file FILE] [--apply] [--json]\n  The admin\'s password: --password-file, else KYC_OPERATOR_PASSWORD, else a prompt on a terminal.';

/**
 * The retention purge from the command line (for a scheduled task): a dry run by default, the
 * purge itself with --apply, as the named admin, audited exactly as from the app. Prints case
 * ids and counts only, never personal data. Exit 0 when nothing was skipped, 1 when a due case
 * was tried and skipped (named with its code; due cases a rule keeps are listed as kept), 2 on
 * usage errors.
 */
async function main(): Promise<number> {
  if (helpRequested()) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let values: { data?: string | undefined; as?: string | undefined; 'password-file'?: string | undefined; apply?: boolean | undefined; json?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, as: { type: 'string' }, 'password-file': { type: 'string' }, apply: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, strict: true }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (!values.as) {
    process.stderr.write(`--as is required\n${USAGE}\n`);
    return 2;
  }
  const opened = await openStoreAs(TOOL, { data: values.data, email: values.as, passwordFile: values['password-file'] }, contract['retention.purge'].roles as readonly string[], 'admin');
  if (!opened.ok) {
    process.stderr.write(`${opened.message}\n`);
    return opened.exit;
  }
  const { service, actor } = opened;
  try {
    const deps = service.deps;
    const now = deps.clock();
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (!values.apply) {
      const p = previewRetention(deps, now);
      if (values.json) out(JSON.stringify(p));
      else {
        out(`retention ${p.retentionYears} years after closing (policy v${p.policyVersion}); cases closed before ${p.cutoff} are due`);
        for (const d of p.due) out(`${d.caseId}  closed ${d.closedAt.slice(0, 10)}  ${d.blockedBy ? `blocked ${d.blockedBy.code}: ${d.blockedBy.message}` : 'due'}`);
        out(`${p.due.filter((d) => !d.blockedBy).length} of ${p.due.length} due cases would be purged (dry run; add --apply)`);
      }
      return 0;
    }
    const r = purgeDueCases(deps, { now, actor: { id: actor.id, name: actor.displayName }, note: `command line (${TOOL})` });
    // Due cases a rule still blocks after the run were not tried; they are reported as kept, with the rule's code.
    const kept = previewRetention(deps, now).due.flatMap((d) => (d.blockedBy ? [{ caseId: d.caseId, code: d.blockedBy.code, message: d.blockedBy.message }] : []));
    if (values.json) out(JSON.stringify({ ...r, kept }));
    else {
      for (const t of r.purged) out(`purged ${t.caseId}: ${t.counts.evidenceFilesDeleted} files deleted, tombstone event #${t.auditSeq}`);
      for (const s of r.skipped) out(`skipped ${s.caseId}: ${s.code} ${s.message}`);
      for (const k of kept) out(`kept ${k.caseId}: ${k.code} ${k.message}`);
      out(`${r.purged.length} purged, ${r.skipped.length} skipped, ${kept.length} kept (due but blocked)`);
    }
    // Kept cases are said, not failed: a hold or a company still on file can last for years, and a
    // nightly job that always fails is one nobody reads. A case tried and refused is a failure.
    return r.skipped.length ? 1 : 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`retention purge failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
