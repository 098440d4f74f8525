import { profileFacts } from '../../../shared/profileFacts';
import type { ScreeningHitRecord } from '../../../shared/schemas/sanctions';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/**
 * Screens a case's customer (name, birth date, nationality, document number) against the
 * active lists and records every hit at or above `threshold` once per list entry. A hit an
 * officer cleared for this customer before (a false positive) is recorded already cleared, so
 * re-screening never raises it again. New hits are audited. Call inside a transaction.
 * Returns the case's hits.
 */
export function screenCaseSanctions(deps: Pick<ServiceDeps, 'cases' | 'profiles' | 'sanctions' | 'sanctionsIndex' | 'audit'>, caseId: string, now: Date, threshold: number): ScreeningHitRecord[] {
  const c = deps.cases.byId(caseId);
  const profile = c && deps.profiles.byId(c.profileId);
  if (!c || !profile) return [];
  const facts = profileFacts(profile);
  const nationality = profile.type === 'PERSON' ? (profile.data.nationality ?? null) : null;
  const listIds = new Map(deps.sanctions.active().map((l) => [l.source, l.id]));
  const at = now.toISOString();
  const hits = deps.sanctionsIndex.index().screen({ name: profile.displayName, birthDate: facts.dateOfBirth, country: nationality ?? facts.countryCode, documentNumber: facts.documentNumber }, threshold);
  for (const h of hits) {
    const listId = listIds.get(h.list);
    if (!listId) continue;
    const cleared = deps.sanctions.clearance(profile.id, h.list, h.entryId);
    const fresh = deps.sanctions.upsertHit({ id: newId(), caseId, profileId: profile.id, source: h.list, entryId: h.entryId, listId, matchedName: h.matchedName, score: h.score, why: h.why, foundAt: at, cleared });
    if (fresh) {
      deps.audit.append({ at, actor: { id: null, name: SYSTEM_ACTOR_NAMES.screening }, type: 'screening.hit', caseId, profileId: profile.id, payload: { source: h.list, entryId: h.entryId, listId, score: h.score, clearedBefore: cleared !== null } });
    }
  }
  return deps.sanctions.hitsFor(caseId);
}
