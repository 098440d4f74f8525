import type { ConnectorId } from '../../../shared/schemas/sync';
import type { Connector } from './Connector';
import type { SecretKeyProvider } from './secretBox';
import { SyncRunner, type SyncRunnerDeps, type SyncRunnerOptions } from './SyncRunner';

/** The sync machinery one service owns: the runner, its connectors and the secret key. */
export class SyncRuntime {
  readonly runner: SyncRunner;
  private readonly byId: Map<ConnectorId, Connector>;

  constructor(
    deps: Omit<SyncRunnerDeps, 'secrets'>,
    readonly secrets: SecretKeyProvider,
    connectors: readonly Connector[],
    options: SyncRunnerOptions = {},
  ) {
    this.byId = new Map(connectors.map((c) => [c.id, c]));
    this.runner = new SyncRunner({ ...deps, secrets }, connectors, options);
  }

  connector(id: ConnectorId): Connector {
    const c = this.byId.get(id);
    if (!c) throw new Error(`no connector ${id}`);
    return c;
  }
}
