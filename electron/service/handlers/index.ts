import type { Handlers } from './Handlers';
import { authHandlers } from './authHandlers';
import { operatorHandlers } from './operatorHandlers';
import { profileHandlers } from './profileHandlers';
import { caseHandlers } from './caseHandlers';
import { evidenceHandlers } from './evidenceHandlers';
import { auditHandlers } from './auditHandlers';
import { settingsHandlers } from './settingsHandlers';
import { analysisHandlers } from './analysisHandlers';
import { assignmentHandlers } from './assignmentHandlers';
import { blocklistHandlers } from './blocklistHandlers';
import { sanctionsHandlers } from './sanctionsHandlers';
import { anchorHandlers } from './anchorHandlers';
import { kycAdminHandlers } from './kycAdminHandlers';
import { livenessHandlers } from './livenessHandlers';
import { intakeHandlers } from './intakeHandlers';
import { apiTokenHandlers } from './apiTokenHandlers';
import { setupHandlers } from './setupHandlers';
import { backupHandlers } from './backupHandlers';
import { reportHandlers } from './reportHandlers';
import { retentionHandlers } from './retentionHandlers';
import { uploadHandlers } from './uploadHandlers';
import { kycServiceHandlers } from './kycServiceHandlers';
import { syncHandlers } from './syncHandlers';

/** The handler table. Typed as Handlers, so leaving an operation out fails the compile. */
export const handlers: Handlers = {
  ...authHandlers,
  ...operatorHandlers,
  ...profileHandlers,
  ...caseHandlers,
  ...evidenceHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...analysisHandlers,
  ...assignmentHandlers,
  ...blocklistHandlers,
  ...kycAdminHandlers,
  ...livenessHandlers,
  ...intakeHandlers,
  ...apiTokenHandlers,
  ...setupHandlers,
  ...backupHandlers,
  ...sanctionsHandlers,
  ...anchorHandlers,
  ...reportHandlers,
  ...retentionHandlers,
  ...uploadHandlers,
  ...kycServiceHandlers,
  ...syncHandlers,
};
