import type { HandlerSlice } from './Handlers';
import type { reportContract } from '../../../shared/contracts/reportContract';

export const reportHandlers: HandlerSlice<keyof typeof reportContract> = {};
