import type { ConnectorStatus } from '../../../shared/schemas/sync';

/**
 * Whether a connector's last error is history: a delivery succeeded after it (a key the admin
 * corrected, a remote that came back). The status page still shows it, but not as the state now.
 */
export function errorIsHistory(s: Pick<ConnectorStatus, 'lastErrorAt' | 'lastSuccessAt'>): boolean {
  return !!s.lastErrorAt && !!s.lastSuccessAt && Date.parse(s.lastSuccessAt) > Date.parse(s.lastErrorAt);
}
