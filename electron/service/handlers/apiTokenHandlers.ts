import type { HandlerSlice } from './Handlers';
import type { apiTokenContract } from '../../../shared/contracts/apiTokenContract';

export const apiTokenHandlers: HandlerSlice<keyof typeof apiTokenContract> = {};
