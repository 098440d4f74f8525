import { ErrorCode } from '../../../shared/errorCodes';
import { anchorSignatureValid } from '../audit/auditSigner';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import type { HandlerSlice } from './Handlers';

export const anchorHandlers: HandlerSlice<'audit.receiveAnchor' | 'audit.receivedAnchors'> = {
  'audit.receiveAnchor'(input, { deps, now, tx, actor }) {
    const a = input.anchor;
    if (!anchorSignatureValid(a)) throw new ServiceFailure(ErrorCode.INVALID_INPUT, "the anchor's signature does not verify under the key it names", 'anchor');
    return tx(() => {
      const status = deps.receivedAnchors.record(newId(), a, actor.id, now.toISOString());
      if (status !== 'known') {
        deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: status === 'conflict' ? 'audit.anchor_conflict' : 'audit.anchor_received', payload: { keyId: a.keyId, seq: a.seq, head: a.head } });
      }
      return { status };
    });
  },

  'audit.receivedAnchors'(_input, { deps }) {
    return deps.receivedAnchors.list();
  },
};
