import { describe, expect, it } from 'vitest';
import { syntheticCompany, syntheticPerson } from '../../bench/syntheticProfiles';
import { companyInputSchema, personInputSchema } from '../../shared/schemas/profile';

/** A seeded generator, so a failure names the same profile on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('the bench store generator', () => {
  it('makes only profiles the product accepts (the bench builds its store through these schemas)', () => {
    const r = seeded(7);
    const person = personInputSchema();
    for (let i = 0; i < 1500; i++) {
      const p = person.safeParse(syntheticPerson(r, i));
      expect(p.success, `person ${i}: ${p.error?.issues[0]?.message}`).toBe(true);
      const c = companyInputSchema.safeParse(syntheticCompany(r, i, ['owner-1']));
      expect(c.success, `company ${i}: ${c.error?.issues[0]?.message}`).toBe(true);
    }
  });
});
