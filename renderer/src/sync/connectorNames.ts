import type { ConnectorId } from '../../../shared/schemas/sync';

/** Product names, the same in every language (so they live here, not in the translations). */
export const CONNECTOR_NAMES: Record<ConnectorId, string> = { didit: 'Didit', killb: 'KillB', central: 'kycService' };

/** i18n keys cannot hold the dot of an outbox kind such as `killb.createUser`. */
export function kindKey(kind: string): string {
  return `sync.kinds.${kind.replace(/\./g, '_')}`;
}
