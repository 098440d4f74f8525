import { profileFacts } from '../../../shared/profileFacts';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase } from '../cases/caseWorkflow';
import { diditBlocklistRequest, enqueueDiditBlocklist } from '../sync/diditEffects';
import type { HandlerSlice } from './Handlers';
import type { BlocklistEntry } from '../../../shared/schemas/screening';
import { queueFaceSweep } from '../screening/faceBackfillJob';
import { FACE_DESCRIPTION_VERSION } from '../../../shared/faceDescriptionVersion';
import { diditCaptured } from '../screening/blocklistTargets';

/** A document entry's type, number and issuer, for the audit payload (nothing for a face). */
function documentOf(e: BlocklistEntry | undefined): { documentType?: string | null; documentNumber?: string | null; documentCountry?: string | null } {
  return e?.kind === 'DOCUMENT' ? { documentType: e.documentType, documentNumber: e.documentNumber, documentCountry: e.documentCountry } : {};
}

export const blocklistHandlers: HandlerSlice<'blocklist.add' | 'blocklist.list' | 'blocklist.remove'> = {
  'blocklist.add'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.caseId);
      const profile = deps.profiles.byId(c.profileId)!;
      const at = now.toISOString();
      const added: string[] = [];
      // A case verified at Didit may have its face there only: Didit blocklists it even when we cannot.
      const atDidit = diditCaptured(deps, c.id);
      // Once is enough: a second entry for the same face or document would only double every hit.
      const already = deps.screening.activeEntriesFrom(c.id);
      const declared = profileFacts(profile).documentNumber;
      for (const [asked, kind, field] of [[input.face, 'FACE', 'face'], [input.document, 'DOCUMENT', 'document']] as const) {
        const e = asked ? already.find((x) => x.kind === kind && (kind === 'FACE' || x.documentNumber === declared)) : undefined;
        if (e) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `this case's ${field} is already on the blocklist (added by ${e.createdBy} on ${e.createdAt.slice(0, 10)})`, field);
      }
      if (input.face) {
        const face = deps.screening.faceOf(c.id);
        if (!face && !atDidit.face) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'this case has no analysed selfie to blocklist (and Didit captured no face for it)', 'face');
        // Kept only at Didit: a request already queued or sent is the whole of what can be done.
        const sent = face ? undefined : diditBlocklistRequest(deps.sync, c.id, 'face');
        if (sent) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `this case's face was already sent to Didit's blocklist (queued on ${sent.createdAt.slice(0, 10)})`, 'face');
        if (face) {
          const id = newId();
          deps.screening.addEntry({ id, kind: 'FACE', face, sourceCaseId: c.id, reason: input.reason, createdBy: actor.id, now: at });
          added.push(id);
          // An older face blocklisted after the sweep ended: the sweep describes it anew.
          if (face.version < FACE_DESCRIPTION_VERSION) queueFaceSweep(deps, now);
        }
      }
      if (input.document) {
        const id = newId();
        const d = profileFacts(profile);
        if (!d.documentType || !d.documentNumber) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'this profile has no document number to blocklist yet', 'document');
        deps.screening.addEntry({ id, kind: 'DOCUMENT', documentType: d.documentType, documentNumber: d.documentNumber, documentCountry: d.documentCountry ?? d.countryCode, sourceCaseId: c.id, reason: input.reason, createdBy: actor.id, now: at });
        added.push(id);
      }
      deps.audit.append({
        at,
        actor: { id: actor.id, name: actor.displayName },
        type: 'blocklist.added',
        caseId: c.id,
        profileId: c.profileId,
        // What was blocked, not only entry ids: the entry itself may be removed later.
        payload: { entries: added, face: input.face, document: input.document, ...documentOf(deps.screening.activeEntriesFrom(c.id).find((e) => added.includes(e.id) && e.kind === 'DOCUMENT')), reason: input.reason },
      });
      // The same person blocklisted at Didit, in this transaction: only what Didit captured of them.
      enqueueDiditBlocklist(deps.sync, c.id, { face: input.face && atDidit.face, document: input.document && atDidit.document }, now);
      return deps.screening.activeEntriesFrom(c.id).filter((e) => added.includes(e.id));
    });
  },

  'blocklist.list'(_input, { deps }) {
    return deps.screening.activeEntries();
  },

  'blocklist.remove'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const entry = deps.screening.activeEntries().find((e) => e.id === input.id);
      const removed = deps.screening.removeEntry(input.id, actor.id, now.toISOString());
      if (!entry || !removed) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such active blocklist entry', 'id');
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'blocklist.removed',
        caseId: entry.sourceCaseId,
        payload: { entry: input.id, kind: entry.kind, ...documentOf(entry), reason: input.reason },
      });
      return { removed };
    });
  },
};
