import type { HandlerSlice } from './Handlers';

export const auditHandlers: HandlerSlice<'audit.list' | 'audit.verify' | 'audit.facets'> = {
  'audit.list'(input, { deps }) {
    return deps.auditRows.list(input);
  },
  'audit.verify'(_input, { deps }) {
    return deps.audit.verify(deps.keys.signer().publicKey);
  },
  'audit.facets'(_input, { deps }) {
    return deps.auditRows.facets();
  },
};
