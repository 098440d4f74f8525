import type { TFunction } from 'i18next';
import { systemActorKey } from '../../../shared/systemActors';

/** Who did it, as the UI words it: an operator's name as recorded, a system actor ("verification engine") in the UI's language. */
export function actorLabel(e: { actorId: string | null; actorName: string }, t: TFunction): string {
  const key = e.actorId === null ? systemActorKey(e.actorName) : null;
  return key ? t(`systemActor.${key}`) : e.actorName;
}
