import type { HandlerSlice } from './Handlers';
import type { retentionContract } from '../../../shared/contracts/retentionContract';

export const retentionHandlers: HandlerSlice<keyof typeof retentionContract> = {};
