import type { ListFormat, SanctionList } from '../../../shared/schemas/sanctions';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { parseListFile } from './parseListFile';
import { enqueueRescreen } from './rescreenJob';

/**
 * Imports a list file as a new snapshot of its source and makes it the active one, audited
 * with the file's SHA-256 and entry count. The file is parsed whole first: a malformed or
 * truncated file is refused (LIST.0001) before anything is written, and the snapshot active
 * before stays active. The screening index is rebuilt at the next screening, and the new
 * snapshot queues the re-screening of every open and approved case (ongoing monitoring).
 */
export async function importSanctionsList(
  deps: Pick<ServiceDeps, 'db' | 'sanctions' | 'sanctionsIndex' | 'audit' | 'clock' | 'jobs' | 'engine'>,
  input: { file: string; format: ListFormat; source?: string | undefined; fileName?: string | undefined },
  actor: { id: string | null; name: string },
): Promise<{ list: SanctionList; previous: SanctionList | null }> {
  const parsed = await parseListFile(input.file, input.format, input.source);
  const at = deps.clock().toISOString();
  const list = {
    id: newId(),
    source: parsed.source,
    format: input.format,
    fileName: input.fileName ?? parsed.files.map((f) => f.name).join(' + '),
    fileSha256: parsed.files.map((f) => f.sha256).join(' '),
    publishedAt: parsed.publishedAt,
    importedAt: at,
    importedBy: actor.id,
  };
  const previous = deps.db.transaction(() => {
    const prev = deps.sanctions.insertActive(list, parsed.entries);
    deps.audit.append({
      at,
      actor,
      type: 'screening.list_imported',
      payload: { listId: list.id, source: list.source, format: list.format, files: parsed.files, entryCount: parsed.entries.length, publishedAt: list.publishedAt, previousListId: prev?.id ?? null },
    });
    enqueueRescreen(deps, list.id, actor.id, new Date(at));
    return prev;
  })();
  deps.sanctionsIndex.invalidate();
  return { list: { ...list, entryCount: parsed.entries.length, active: true }, previous };
}
