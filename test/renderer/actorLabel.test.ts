import { describe, expect, it } from 'vitest';
import { translator } from '../helpers/translator';
import { actorLabel } from '../../renderer/src/format/actorLabel';
import { SYSTEM_ACTOR_NAMES, systemActorKey } from '../../shared/systemActors';

describe('actors as the UI words them', () => {
  it('words every system actor the service records in Chinese, with no English left', async () => {
    const zh = await translator('zh-CN');
    for (const name of Object.values(SYSTEM_ACTOR_NAMES)) {
      const label = actorLabel({ actorId: null, actorName: name }, zh);
      expect(label, name).not.toBe(name);
      expect(label, name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(actorLabel({ actorId: null, actorName: 'verification engine' }, zh)).toBe('核验引擎');
  });

  it("keeps an operator's name as recorded, even one that reads like a system actor", async () => {
    const t = await translator('en');
    expect(actorLabel({ actorId: 'op-1', actorName: 'system' }, t)).toBe('system');
    expect(actorLabel({ actorId: 'op-2', actorName: 'Olivia Ortega' }, t)).toBe('Olivia Ortega');
    expect(actorLabel({ actorId: null, actorName: 'verification engine' }, t)).toBe('Verification engine');
    // A system name this build does not know (written by a newer one) is shown as recorded.
    expect(actorLabel({ actorId: null, actorName: 'night batch' }, t)).toBe('night batch');
    expect(systemActorKey('night batch')).toBeNull();
  });
});
