import type { Role } from '../../shared/schemas/operator';
import type { Route } from './useHashRoute';

/**
 * The header's sections and who sees each; the service enforces the same roles per operation.
 * `admin` sections sit together under one Administration menu, so the header keeps one row.
 */
export const NAV_ITEMS: readonly { route: Route; labelKey: string; roles: readonly Role[]; admin?: true }[] = [
  { route: { page: 'queue' }, labelKey: 'app.queue', roles: ['officer', 'senior_officer', 'auditor', 'admin'] },
  { route: { page: 'onboarding' }, labelKey: 'app.onboarding', roles: ['branch_staff', 'officer', 'senior_officer'] },
  { route: { page: 'blocklist' }, labelKey: 'app.blocklist', roles: ['officer', 'senior_officer', 'auditor'] },
  { route: { page: 'audit' }, labelKey: 'app.auditLog', roles: ['auditor', 'admin'] },
  { route: { page: 'exports' }, labelKey: 'app.exports', roles: ['auditor', 'admin'] },
  { route: { page: 'policy' }, labelKey: 'app.policy', roles: ['auditor', 'admin'] },
  { route: { page: 'operators' }, labelKey: 'app.operators', roles: ['admin'], admin: true },
  { route: { page: 'apiTokens' }, labelKey: 'app.apiTokens', roles: ['admin'], admin: true },
  { route: { page: 'backups' }, labelKey: 'app.backups', roles: ['admin'], admin: true },
  { route: { page: 'lists' }, labelKey: 'app.lists', roles: ['admin'], admin: true },
  { route: { page: 'sync' }, labelKey: 'app.sync', roles: ['admin'], admin: true },
];
