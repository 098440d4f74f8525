import type { HandlerSlice } from './Handlers';
import type { ServiceDeps } from '../core/ServiceDeps';

const status = (deps: ServiceDeps) => ({ ...deps.backups.schedule(), passphraseSet: deps.backups.passphraseSet(), lastRun: deps.backups.lastRun() });

export const backupHandlers: HandlerSlice<'backup.status' | 'backup.configure' | 'backup.runNow'> = {
  'backup.status'(_input, { deps }) {
    return status(deps);
  },

  'backup.configure'(input, { deps, now, tx, actor }) {
    const { passphrase, ...schedule } = input;
    tx(() => {
      deps.backups.configure(schedule, passphrase);
      // The folder and the count, and whether the passphrase changed: never the passphrase.
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'backup.configured', payload: { ...schedule, passphraseChanged: passphrase !== undefined } });
    });
    return status(deps);
  },

  'backup.runNow'(_input, { deps, actor }) {
    return deps.backups.runNow({ id: actor.id, name: actor.displayName });
  },
};
