import { readSettings } from '../settings/readSettings';
import type { HandlerSlice } from './Handlers';

export const settingsHandlers: HandlerSlice<'settings.get' | 'settings.update'> = {
  'settings.get'(_input, { deps }) {
    return readSettings(deps.settings);
  },

  'settings.update'(input, { deps, now, tx, actor }) {
    const before = readSettings(deps.settings);
    tx(() => {
      for (const [key, value] of Object.entries(input)) {
        if (value === undefined || before[key as keyof typeof before] === value) continue;
        deps.settings.set(key, value);
        deps.audit.append({
          at: now.toISOString(),
          actor: { id: actor.id, name: actor.displayName },
          type: 'settings.changed',
          payload: { key, old: before[key as keyof typeof before], new: value },
        });
      }
    });
    return readSettings(deps.settings);
  },
};
