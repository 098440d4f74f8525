import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LIST_FORMATS, type ListFormat } from '../../../shared/schemas/sanctions';
import { ServiceFailure } from '../core/ServiceFailure';
import { importSanctionsList } from '../screening/importSanctionsList';
import { openStoreAs } from './openStoreAs';
import { helpRequested } from './helpRequested';

/** The tool's name in the audit trail and in a refused data folder's message. */
const TOOL = 'lists:import';
const USAGE = `Usage: npm run lists:import -- --data DIR --as ADMIN_EMAIL --file F --format ${LIST_FORMATS.join('|')} [--source NAME] [--password-file P]
  ofac-csv     OFAC SDN legacy CSV: --file sdn.csv (alt.csv beside it is read for the aliases)
  un-xml       UN Security Council consolidated list (XML)
  inhouse-csv  an in-house PEP or watch list: entry_id,name,aliases,kind,birth_date,nationality,document_number
               (kind: individual or entity; --source names the list)
  The file becomes the list's active snapshot only if all of it reads; otherwise the previous one stays.`;

/** `npm run lists:import`: exit 0 imported, 1 refused, 2 usage. Prints counts and hashes, never entries. */
async function main(): Promise<number> {
  if (helpRequested()) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let values: { data?: string | undefined; as?: string | undefined; file?: string | undefined; format?: string | undefined; source?: string | undefined; 'password-file'?: string | undefined; 'key-file'?: string | undefined };
  try {
    ({ values } = parseArgs({
      options: { data: { type: 'string' }, as: { type: 'string' }, file: { type: 'string' }, format: { type: 'string' }, source: { type: 'string' }, 'password-file': { type: 'string' }, 'key-file': { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (!values.as || !values.file || !values.format || !(LIST_FORMATS as readonly string[]).includes(values.format)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const opened = await openStoreAs(TOOL, { data: values.data, email: values.as, passwordFile: values['password-file'], keyFile: values['key-file'] }, ['admin'], 'admin');
  if (!opened.ok) {
    process.stderr.write(`${opened.message}\n`);
    return opened.exit;
  }
  const { service, actor } = opened;
  try {
    const started = performance.now();
    const r = await importSanctionsList(service.deps, { file: resolve(values.file), format: values.format as ListFormat, source: values.source }, { id: actor.id, name: `${actor.displayName} (command line ${TOOL})` });
    const l = r.list;
    process.stdout.write(
      `imported ${l.source}: ${l.entryCount} entries from ${l.fileName} (sha256 ${l.fileSha256})${l.publishedAt ? `, published ${l.publishedAt}` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `${r.previous ? `replaces the snapshot of ${r.previous.importedAt}` : 'the first snapshot of this list'}\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof ServiceFailure ? `${e.code}: ${e.message}` : `${TOOL} failed: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 1;
  } finally {
    await opened.close();
  }
}

main().then((code) => (process.exitCode = code));
