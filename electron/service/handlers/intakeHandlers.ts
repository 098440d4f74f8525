import type { HandlerSlice } from './Handlers';
import type { intakeContract } from '../../../shared/contracts/intakeContract';

export const intakeHandlers: HandlerSlice<keyof typeof intakeContract> = {};
