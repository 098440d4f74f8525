import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import { isApplicant, type CompanyInput, type PersonData, type Profile, type ProfileType } from '../../../shared/schemas/profile';
import { profileFacts } from '../../../shared/profileFacts';

interface ProfileRow {
  id: string;
  type: 'PERSON' | 'COMPANY';
  external_id: string;
  email: string | null;
  display_name: string;
  country_code: string;
  document_type: string;
  document_number: string;
  data: string;
  created_at: string;
  updated_at: string;
  version: number;
}

function toProfile(r: ProfileRow): Profile {
  const base = { id: r.id, externalId: r.external_id, displayName: r.display_name, createdAt: r.created_at, updatedAt: r.updated_at };
  return r.type === 'PERSON'
    ? { ...base, type: 'PERSON', data: JSON.parse(r.data) as PersonData }
    : { ...base, type: 'COMPANY', data: JSON.parse(r.data) as CompanyInput };
}

export function displayNameOf(p: { type: 'PERSON'; data: PersonData } | { type: 'COMPANY'; data: CompanyInput }): string {
  if (p.type === 'COMPANY') return p.data.companyName;
  const name = [p.data.firstName, p.data.middleName, p.data.lastName].filter(Boolean).join(' ');
  // An applicant is known by the kycService userId until OCR or the customer names them.
  return name || (isApplicant(p.data) ? p.data.externalId : '');
}

/** The queryable columns; an applicant's document columns stay empty until it has one. */
function columns(p: Profile) {
  const f = profileFacts(p);
  const email = p.type === 'PERSON' ? ('email' in p.data ? p.data.email : null) : (p.data.email ?? null);
  return { email, countryCode: f.countryCode, documentType: f.documentType ?? '', documentNumber: f.documentNumber ?? '' };
}

export class ProfileRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(p: Profile): void {
    const c = columns(p);
    this.sql(
        `INSERT INTO profiles (id, type, external_id, email, display_name, country_code, document_type,
           document_number, data, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.type, p.externalId, c.email, p.displayName, c.countryCode, c.documentType, c.documentNumber, JSON.stringify(p.data), p.createdAt, p.updatedAt);
  }

  update(p: Profile): void {
    const c = columns(p);
    this.sql(
        `UPDATE profiles SET email = ?, display_name = ?, country_code = ?, document_type = ?, document_number = ?,
           data = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
      )
      .run(c.email, p.displayName, c.countryCode, c.documentType, c.documentNumber, JSON.stringify(p.data), p.updatedAt, p.id);
  }

  byId(id: string): Profile | undefined {
    const r = this.sql('SELECT * FROM profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    return r && toProfile(r);
  }

  typeOf(id: string): 'PERSON' | 'COMPANY' | undefined {
    const r = this.sql('SELECT type FROM profiles WHERE id = ?').get(id) as { type: 'PERSON' | 'COMPANY' } | undefined;
    return r?.type;
  }

  byExternalId(externalId: string): Profile | undefined {
    const r = this.sql('SELECT * FROM profiles WHERE external_id = ?').get(externalId) as ProfileRow | undefined;
    return r && toProfile(r);
  }

  existsExternalId(externalId: string): boolean {
    return this.sql('SELECT 1 FROM profiles WHERE external_id = ?').get(externalId) !== undefined;
  }

  /** Another profile of this type with this email, other than `exceptId` (emails are stored lower-case). */
  emailTaken(type: ProfileType, email: string, exceptId?: string): boolean {
    // The type as a literal: each type's partial email index is used only for a query that names it.
    const sql = type === 'PERSON' ? "SELECT 1 FROM profiles WHERE type = 'PERSON' AND email = ? AND id IS NOT ?" : "SELECT 1 FROM profiles WHERE type = 'COMPANY' AND email = ? AND id IS NOT ?";
    return this.sql(sql).get(email, exceptId ?? null) !== undefined;
  }

  /** The companies that name this person as an owner. */
  companiesOwnedBy(personId: string): string[] {
    return (this.sql('SELECT company_id AS id FROM company_owners WHERE person_id = ? ORDER BY company_id').all(personId) as { id: string }[]).map((r) => r.id);
  }

  /** `mainOwner` is optional as in KillB: a company may name its owners without a main one. */
  setOwners(companyId: string, mainOwner: string | undefined, owners: readonly string[]): void {
    this.sql('DELETE FROM company_owners WHERE company_id = ?').run(companyId);
    const ins = this.sql('INSERT INTO company_owners (company_id, person_id, is_main) VALUES (?, ?, ?)');
    const all = mainOwner === undefined ? owners : [mainOwner, ...owners];
    for (const id of new Set(all)) ins.run(companyId, id, id === mainOwner ? 1 : 0);
  }
}
