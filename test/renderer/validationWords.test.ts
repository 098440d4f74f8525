import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWith, type IssueWords } from '../../renderer/src/onboarding/formModel';
import { en } from '../../renderer/src/i18n/en';
import { companyInputSchema, personInputSchema } from '../../shared/schemas/profile';
import { companyInput, personInput } from '../helpers/profileFixtures';

const root = join(import.meta.dirname, '../../shared');
const sources = [...readdirSync(root).filter((f) => f.endsWith('.ts')).map((f) => join(root, f)), ...readdirSync(join(root, 'schemas')).map((f) => join(root, 'schemas', f))];

describe('form refusals in the UI language', () => {
  it('has words for every key a shared check carries', () => {
    const keys = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/words: '(\w+)'/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThanOrEqual(12);
    for (const k of keys) expect(en.validation[k as keyof typeof en.validation], k).toBeTruthy();
  });

  it('words a refusal by its key with its parameters, and "required" for what is missing', () => {
    const words: IssueWords = { required: 'R', issue: (key, params) => `${key}:${String(params.type ?? '')}:${String(params.format ?? '')}` };
    const person = validateWith(personInputSchema(), personInput({ email: 'x@', phone: '123', document: { type: 'NUIP', number: '12', issuedCountryCode: 'CO' } }), words);
    expect(person.errors).toMatchObject({ email: 'email::', phone: 'phone::', 'document.number': 'documentFormat:NUIP:10 digits' });
    const company = validateWith(companyInputSchema, { ...companyInput('owner-1'), naics: 'abc', companyName: undefined }, words);
    expect(company.errors).toMatchObject({ naics: 'naics::', companyName: 'R' });
  });
});
