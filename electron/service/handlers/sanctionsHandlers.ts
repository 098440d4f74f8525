import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ScreeningHitView } from '../../../shared/contracts/sanctionsContract';
import type { ScreeningHitRecord } from '../../../shared/schemas/sanctions';
import { DEFAULT_SCREENING_THRESHOLD } from '../../../shared/schemas/sanctions';
import type { ServiceDeps } from '../core/ServiceDeps';
import { ServiceFailure } from '../core/ServiceFailure';
import { loadCase } from '../cases/caseWorkflow';
import { importSanctionsList } from '../screening/importSanctionsList';
import { OFAC_ALIASES_FILE } from '../screening/parseListFile';
import { screenCaseSanctions } from '../screening/screenCaseSanctions';
import type { HandlerSlice } from './Handlers';

const view = (deps: ServiceDeps, h: ScreeningHitRecord): ScreeningHitView => ({
  ...h,
  entry: deps.sanctions.entry(h.listId, h.entryId),
  disposedByName: h.disposedBy ? (deps.operators.byId(h.disposedBy)?.displayName ?? null) : null,
});

function caseOrFail(deps: ServiceDeps, caseId: string) {
  return loadCase(deps, caseId, 'caseId');
}

export const sanctionsHandlers: HandlerSlice<'sanctions.lists' | 'sanctions.import' | 'sanctions.screenCase' | 'sanctions.hits' | 'sanctions.dispose'> = {
  'sanctions.lists'(_input, { deps }) {
    return deps.sanctions.all();
  },

  async 'sanctions.import'(input, { deps, actor }) {
    // The parsers stream from a file: the upload is written to a private temp folder, removed after.
    const dir = mkdtempSync(join(tmpdir(), 'kyc-list-'));
    try {
      // Under the admin's own file name, so a refusal names the file they chose ("sdn.csv cannot be imported: …").
      const own = basename(input.fileName).replace(/[^\w.\- ]/g, '_').replace(/^\.+/, '');
      const file = join(dir, !own || own === OFAC_ALIASES_FILE ? 'list' : own);
      writeFileSync(file, Buffer.from(input.dataBase64, 'base64'), { mode: 0o600 });
      // Beside the list under OFAC's own name, where the parser reads an sdn.csv's aliases from.
      if (input.aliases) writeFileSync(join(dir, OFAC_ALIASES_FILE), Buffer.from(input.aliases.dataBase64, 'base64'), { mode: 0o600 });
      const r = await importSanctionsList(deps, { file, format: input.format, source: input.source, fileName: input.fileName }, { id: actor.id, name: actor.displayName });
      return r.list;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  'sanctions.screenCase'(input, { deps, now, tx }) {
    caseOrFail(deps, input.caseId);
    // On demand, with the policy's review threshold (screening runs even where the policy has it off: the officer asked).
    const threshold = deps.policies.latest()?.body.aml.reviewThreshold ?? DEFAULT_SCREENING_THRESHOLD;
    return tx(() => screenCaseSanctions(deps, input.caseId, now, threshold)).map((h) => view(deps, h));
  },

  'sanctions.hits'(input, { deps }) {
    caseOrFail(deps, input.caseId);
    return deps.sanctions.hitsFor(input.caseId).map((h) => view(deps, h));
  },

  'sanctions.dispose'(input, { deps, now, tx, actor }) {
    const hit = deps.sanctions.hit(input.hitId);
    if (!hit) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such screening hit', 'hitId');
    const c = caseOrFail(deps, hit.caseId);
    const at = now.toISOString();
    tx(() => {
      deps.sanctions.dispose(hit.id, { disposition: input.disposition, reason: input.reason, by: actor.id, at });
      // A false positive is this customer's and this entry's for good; a true positive undoes any such memory.
      if (input.disposition === 'FALSE_POSITIVE') deps.sanctions.remember(c.profileId, hit.source, hit.entryId, input.reason, actor.id, at);
      else deps.sanctions.forget(c.profileId, hit.source, hit.entryId);
      deps.audit.append({
        at,
        actor: { id: actor.id, name: actor.displayName },
        type: 'screening.hit_disposed',
        caseId: c.id,
        profileId: c.profileId,
        payload: { hitId: hit.id, source: hit.source, entryId: hit.entryId, score: hit.score, disposition: input.disposition, reason: input.reason, previous: hit.disposition },
      });
    });
    return view(deps, deps.sanctions.hit(hit.id)!);
  },
};
