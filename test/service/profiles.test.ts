import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import type { OperationName } from '../../shared/contract';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput, companyInput } from '../helpers/profileFixtures';
import { snapshotStore } from '../helpers/storeSnapshot';

describe('profiles', () => {
  let t: TempService;
  let staff: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
  });
  afterEach(() => t.cleanup());

  async function expectRefused(op: OperationName, input: unknown, code: string, field?: string) {
    const before = snapshotStore(t.service.deps.db);
    const r = await t.service.callUntyped(op, input, staff);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      if (field) expect(r.error.field).toBe(field);
      expect(r.error.message.length).toBeGreaterThan(5);
    }
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  }

  it('creates a person with one case, a KYC level and an audit event', async () => {
    const r = await t.service.call('profiles.createPerson', personInput({ firstName: 'Ana', middleName: 'María', lastName: 'Gómez' }), staff);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ type: 'PERSON', displayName: 'Ana María Gómez' });
    const c = t.service.deps.cases.byProfileId(r.value.id);
    expect(c).toMatchObject({ status: 'NOT_STARTED', kycLevel: 'L1', profileType: 'PERSON', countryCode: 'CO' });
    const events = t.service.deps.auditRows.forCase(c!.id);
    expect(events.map((e) => e.type)).toEqual(['profile.created']);
    expect(events[0]).toMatchObject({ actorName: 'branch_staff 1', profileId: r.value.id });
  });

  it('USER.0001 for a second profile with the same externalId', async () => {
    const p = personInput();
    expect((await t.service.call('profiles.createPerson', p, staff)).ok).toBe(true);
    await expectRefused('profiles.createPerson', { ...personInput(), externalId: p.externalId }, ErrorCode.USER_EXISTS, 'externalId');
  });

  it('USER.0003 for an email already registered to another person, whatever its case', async () => {
    const p = personInput({ email: 'dup@example.co' });
    expect((await t.service.call('profiles.createPerson', p, staff)).ok).toBe(true);
    await expectRefused('profiles.createPerson', personInput({ email: 'DUP@example.co' }), ErrorCode.EMAIL_REGISTERED, 'email');
  });

  it('USER.0003 for a company email already registered to another company, on create and on update; a person may share it', async () => {
    const owner = await t.service.call('profiles.createPerson', personInput({ email: 'ap@acme.example' }), staff);
    if (!owner.ok) throw new Error('setup');
    const first = await t.service.call('profiles.createCompany', { ...companyInput(owner.value.id), email: 'ap@acme.example' }, staff);
    expect(first.ok).toBe(true);
    await expectRefused('profiles.createCompany', { ...companyInput(owner.value.id), email: 'AP@acme.example' }, ErrorCode.EMAIL_REGISTERED, 'email');
    const r = await t.service.call('profiles.createCompany', { ...companyInput(owner.value.id), email: 'ap@acme.example' }, staff);
    expect(r.ok ? null : r.error.message).toBe('this email is already registered to another company');
    const second = await t.service.call('profiles.createCompany', { ...companyInput(owner.value.id), email: 'treasury@acme.example' }, staff);
    if (!second.ok) throw new Error('setup');
    await expectRefused('profiles.update', { id: second.value.id, patch: { email: 'ap@acme.example' }, reason: 'x' }, ErrorCode.EMAIL_REGISTERED, 'email');
    // Saving a company's own email again is not a clash with itself.
    expect((await t.service.call('profiles.update', { id: second.value.id, patch: { email: 'treasury@acme.example', tradeName: 'Acme Treasury' }, reason: 'trade name' }, staff)).ok).toBe(true);
    // Two companies that shared an email before the rule (migration 39) stay editable.
    t.service.deps.db.prepare("UPDATE profiles SET email = ?, data = json_set(data, '$.email', ?) WHERE id = ?").run('ap@acme.example', 'ap@acme.example', second.value.id);
    expect((await t.service.call('profiles.update', { id: second.value.id, patch: { tradeName: 'Acme Treasury Ltd' }, reason: 'registry extract' }, staff)).ok).toBe(true);
  });

  it.each([
    ['USER.0002', { document: { type: 'NUIP', number: '123', issuedCountryCode: 'CO' } }, 'document.number'],
    ['USER.0004', { phone: '300 123 4567' }, 'phone'],
    ['USER.0005', { dateOfBirth: '2015-06-01' }, 'dateOfBirth'],
    ['USER.0006', { email: 'no-at-sign' }, 'email'],
    ['VALIDATION.0001', { firstName: '' }, 'firstName'],
  ] as const)('%s leaves the store unchanged', async (code, override, field) => {
    await expectRefused('profiles.createPerson', personInput(override as never), code, field);
  });

  it('creates a company whose owners are existing persons', async () => {
    const owner = await t.service.call('profiles.createPerson', personInput(), staff);
    const other = await t.service.call('profiles.createPerson', personInput(), staff);
    if (!owner.ok || !other.ok) throw new Error('setup');
    const co = await t.service.call('profiles.createCompany', companyInput(owner.value.id, { ownerUsers: [other.value.id] }), staff);
    expect(co.ok && co.value).toMatchObject({ type: 'COMPANY', displayName: 'Andes Trading S.A.S.' });
    const owners = t.service.deps.db.prepare('SELECT person_id, is_main FROM company_owners ORDER BY is_main DESC').all();
    expect(owners).toEqual([
      { person_id: owner.value.id, is_main: 1 },
      { person_id: other.value.id, is_main: 0 },
    ]);
    // The officer's case page and the auditor's PDF name each owner, with the owner's own case.
    if (!co.ok) throw new Error('company');
    const auditor = await t.signInAs('auditor');
    const caseOf = (profileId: string) => t.service.deps.cases.byProfileId(profileId)!;
    const detail = await t.service.call('cases.get', { id: caseOf(co.value.id).id }, auditor);
    expect(detail.ok && detail.value.owners).toEqual([
      { profileId: owner.value.id, main: true, displayName: owner.value.displayName, externalId: owner.value.externalId, caseId: caseOf(owner.value.id).id, caseStatus: 'NOT_STARTED' },
      { profileId: other.value.id, main: false, displayName: other.value.displayName, externalId: other.value.externalId, caseId: caseOf(other.value.id).id, caseStatus: 'NOT_STARTED' },
    ]);
    const pdf = await t.service.call('reports.casePdf', { caseId: caseOf(co.value.id).id }, auditor);
    if (!pdf.ok) throw new Error(pdf.error.message);
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf.value.dataBase64, 'base64'), encoding: 'utf8' }).replace(/\s+/g, ' ');
    // Labels and values sit in a three-column grid, so pdftotext reads them apart.
    expect(text).toContain('MAIN OWNER OWNER');
    expect(text).toContain(`${owner.value.displayName} (${owner.value.externalId}), own case Not started`);
    expect(text).toContain(`${other.value.displayName} (${other.value.externalId}), own case Not started`);
    // Enumerations read as words, not codes (LLC, never "LLC" or "C_CORP").
    expect(text).toContain('Limited liability company');
    expect(text).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    // A person has no owners.
    const person = await t.service.call('cases.get', { id: caseOf(owner.value.id).id }, auditor);
    expect(person.ok && person.value.owners).toEqual([]);
  });

  it('creates a company that names owners without a main one (mainOwnerUser is optional in KillB)', async () => {
    const a = await t.service.call('profiles.createPerson', personInput(), staff);
    const b = await t.service.call('profiles.createPerson', personInput(), staff);
    if (!a.ok || !b.ok) throw new Error('setup');
    const input: Record<string, unknown> = companyInput('unused', { ownerUsers: [a.value.id, b.value.id] });
    delete input.mainOwnerUser;
    const co = await t.service.callUntyped('profiles.createCompany', input, staff);
    expect(co.ok).toBe(true);
    const owners = t.service.deps.db.prepare('SELECT person_id, is_main FROM company_owners ORDER BY person_id').all();
    expect(owners).toEqual([a.value.id, b.value.id].sort().map((id) => ({ person_id: id, is_main: 0 })));
    // (another email: this one is the first company's now, USER.0003)
    delete input.email;
    await expectRefused('profiles.createCompany', { ...input, externalId: 'co-other', ownerUsers: ['no-such-person'] }, ErrorCode.INVALID_OWNER, 'ownerUsers.0');
    await expectRefused('profiles.createCompany', { ...input, externalId: 'co-none', ownerUsers: [] }, ErrorCode.REQUIRED, 'mainOwnerUser');
  });

  it('USER.0007 when an owner is missing or is a company', async () => {
    await expectRefused('profiles.createCompany', companyInput('no-such-profile'), ErrorCode.INVALID_OWNER, 'mainOwnerUser');
    const owner = await t.service.call('profiles.createPerson', personInput(), staff);
    if (!owner.ok) throw new Error('setup');
    const co = await t.service.call('profiles.createCompany', companyInput(owner.value.id), staff);
    if (!co.ok) throw new Error('setup');
    await expectRefused('profiles.createCompany', companyInput(owner.value.id, { ownerUsers: [co.value.id] }), ErrorCode.INVALID_OWNER, 'ownerUsers.0');
  });

  it('audits every edited field with old and new value, who and why', async () => {
    const p = await t.service.call('profiles.createPerson', personInput({ lastName: 'Restrepo' }), staff);
    if (!p.ok) throw new Error('setup');
    const r = await t.service.call(
      'profiles.update',
      { id: p.value.id, patch: { lastName: 'Restrepo Gómez', address: { city: 'Medellín' } }, reason: 'Customer showed a utility bill' },
      staff,
    );
    expect(r.ok && r.value.displayName).toBe('Valentina Restrepo Gómez');
    const edits = t.service.deps.auditRows.list({ type: 'profile.field_edited', limit: 10 }).reverse();
    expect(edits.map((e) => e.payload)).toEqual([
      { field: 'address.city', old: 'Bogotá', new: 'Medellín', reason: 'Customer showed a utility bill' },
      { field: 'lastName', old: 'Restrepo', new: 'Restrepo Gómez', reason: 'Customer showed a utility bill' },
    ]);
    expect(edits[0]?.actorName).toBe('branch_staff 1');
  });

  it('re-validates the whole profile on update and writes nothing when the result is invalid', async () => {
    const p = await t.service.call('profiles.createPerson', personInput(), staff);
    if (!p.ok) throw new Error('setup');
    await expectRefused('profiles.update', { id: p.value.id, patch: { phone: '12' }, reason: 'typo' }, ErrorCode.INVALID_PHONE, 'phone');
    await expectRefused('profiles.update', { id: p.value.id, patch: { externalId: 'new' }, reason: 'x' }, ErrorCode.INVALID_INPUT, 'externalId');
    await expectRefused('profiles.update', { id: p.value.id, patch: { lastName: 'X' }, reason: '' }, ErrorCode.INVALID_INPUT, 'reason');
    await expectRefused('profiles.update', { id: 'nope', patch: { lastName: 'X' }, reason: 'x' }, ErrorCode.NOT_FOUND, 'id');
  });

  it('refuses to take another person’s email on update', async () => {
    const a = await t.service.call('profiles.createPerson', personInput({ email: 'a@example.co' }), staff);
    const b = await t.service.call('profiles.createPerson', personInput({ email: 'b@example.co' }), staff);
    if (!a.ok || !b.ok) throw new Error('setup');
    await expectRefused('profiles.update', { id: b.value.id, patch: { email: 'a@example.co' }, reason: 'x' }, ErrorCode.EMAIL_REGISTERED, 'email');
  });
});
