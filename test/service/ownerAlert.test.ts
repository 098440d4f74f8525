import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveCase } from '../../electron/service/cases/caseWorkflow';
import { companyInput, personInput } from '../helpers/profileFixtures';
import { TINY_PNG } from '../helpers/caseSetup';
import { openTempService, type TempService } from '../helpers/tempService';
import { pdfText } from '../helpers/pdfText';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/**
 * A company is approved only after its owners (CASE.0007). When an owner's own case leaves APPROVED
 * afterwards, the company's approval no longer rests on verified owners: the company stays approved
 * (an officer decides whether it holds) but is on alert in the queue, on its page and in its trail.
 */
describe('owner alert: an approved company whose owner is not approved now', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  let auditor: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    auditor = await t.signInAs('auditor');
  });
  afterEach(() => t.cleanup());

  const inReview = async (profileId: string) => {
    const caseId = t.service.deps.cases.byProfileId(profileId)!.id;
    must(await t.service.call('cases.start', { id: caseId }, staff));
    must(await t.service.call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
    must(await t.service.call('cases.submit', { id: caseId }, staff));
    return must(await t.service.call('cases.claim', { id: caseId }, officer));
  };
  const decide = async (caseId: string, action: 'approve' | 'reset' | 'reject', extra: Record<string, string> = {}) =>
    must(await t.service.call('cases.decide', { caseId, action, expectedVersion: t.service.deps.cases.byId(caseId)!.version, ...extra }, officer));
  const summary = async (caseId: string) => must(await t.service.call('cases.get', { id: caseId }, officer));
  const pdf = async (caseId: string) => pdfText(Buffer.from(must(await t.service.call('reports.casePdf', { caseId }, auditor)).dataBase64, 'base64')).replace(/\s+/g, ' ');
  const alerted = async () => must(await t.service.call('cases.list', { ownerAlert: true }, officer)).rows.map((r) => r.id);
  const ownerEvents = (caseId: string) =>
    t.service.deps.db.prepare("SELECT e.seq, p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'case.owner_status_changed' AND e.case_id = ? ORDER BY e.seq").all(caseId) as { seq: number; body: string }[];

  it("an owner's reset puts the approved company on alert (queue, filter, page data, audit); the owner's approval again clears it", async () => {
    const owner = must(await t.service.call('profiles.createPerson', personInput(), staff));
    const ownerCase = await inReview(owner.id);
    await decide(ownerCase.id, 'approve');
    const company = must(await t.service.call('profiles.createCompany', companyInput(owner.id), staff));
    const companyCase = await inReview(company.id);
    await decide(companyCase.id, 'approve');
    expect((await summary(companyCase.id)).case).toMatchObject({ status: 'APPROVED', ownerAlert: false });
    expect(await alerted()).toEqual([]);
    // The owner's page and PDF name the company whose approval rests on theirs.
    expect((await summary(ownerCase.id)).ownerOf).toEqual([{ profileId: company.id, main: true, displayName: company.displayName, externalId: company.externalId, caseId: companyCase.id, caseStatus: 'APPROVED' }]);
    expect((await summary(companyCase.id)).ownerOf).toEqual([]);
    // (labels are set in capitals, three to a row, so pdftotext gives a row's labels before its values)
    const ownerPdf = await pdf(ownerCase.id);
    expect(ownerPdf).toContain('MAIN OWNER OF');
    expect(ownerPdf).toContain(`${company.displayName} (${company.externalId}), its case Approved`);
    expect(await pdf(companyCase.id)).not.toContain('OWNER ALERT');

    await decide(ownerCase.id, 'reset', { internalComment: 'Address proof questioned' });
    // The company stands approved, on alert; the owner's own case is not (it is a person).
    const detail = await summary(companyCase.id);
    expect(detail.case).toMatchObject({ status: 'APPROVED', ownerAlert: true });
    expect(detail.owners).toMatchObject([{ profileId: owner.id, caseStatus: 'IN_REVIEW' }]);
    expect((await summary(ownerCase.id)).case.ownerAlert).toBe(false);
    expect(await alerted()).toEqual([companyCase.id]);
    expect(must(await t.service.call('cases.list', { ownerAlert: false, statuses: ['APPROVED'] }, officer)).rows.map((r) => r.id)).not.toContain(companyCase.id);
    // The company's trail says which change put it on alert: ids and statuses, never a name.
    const events = ownerEvents(companyCase.id);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.body)).toEqual({ ownerCaseId: ownerCase.id, ownerProfileId: owner.id, from: 'APPROVED', to: 'IN_REVIEW', ownerAlert: true });
    expect(events[0]!.body).not.toContain(owner.displayName);
    expect(detail.timeline.map((e) => e.type)).toContain('case.owner_status_changed');
    const companyPdf = await pdf(companyCase.id);
    expect(companyPdf).toContain('OWNER ALERT');
    expect(companyPdf).toContain('Not every owner is approved in their own application now');

    // Approved again: no alert (it is read from the data), and the company's trail says it cleared.
    await decide(ownerCase.id, 'approve');
    expect((await summary(companyCase.id)).case.ownerAlert).toBe(false);
    expect(await alerted()).toEqual([]);
    expect(ownerEvents(companyCase.id).map((e) => JSON.parse(e.body) as { to: string; ownerAlert: boolean })).toMatchObject([{ to: 'IN_REVIEW' }, { from: 'IN_REVIEW', to: 'APPROVED', ownerAlert: false }]);

    // Rejected: on alert again. A company reset to review is no longer approved, so not on alert.
    await decide(ownerCase.id, 'reset', { internalComment: 'New adverse media' });
    await decide(ownerCase.id, 'reject', { reasonCode: 'SUSPECTED_FORGERY', internalComment: 'Forged utility bill' });
    expect(await alerted()).toEqual([companyCase.id]);
    // Each step that bears on the company: out of approval, then how it ended (the step between, a claim, is not one).
    expect(ownerEvents(companyCase.id).slice(2).map((e) => JSON.parse(e.body) as { from: string; to: string })).toMatchObject([
      { from: 'APPROVED', to: 'IN_REVIEW', ownerAlert: true },
      { from: 'IN_REVIEW', to: 'REJECTED', ownerAlert: true },
    ]);
    await decide(companyCase.id, 'reset', { internalComment: 'Owner rejected' });
    expect((await summary(companyCase.id)).case).toMatchObject({ status: 'IN_REVIEW', ownerAlert: false });
    expect(await alerted()).toEqual([]);
  });

  it('a company approval imported while an owner was never approved here is on alert from the start', async () => {
    const deps = t.service.deps;
    const owner = must(await t.service.call('profiles.createPerson', personInput(), staff));
    const company = must(await t.service.call('profiles.createCompany', companyInput(owner.id), staff));
    const companyCase = await inReview(company.id);
    // As the central connector applies a status it imports (the central's decision is applied as is).
    deps.db.transaction(() => moveCase(deps, deps.cases.byId(companyCase.id)!, 'APPROVED', { actor: { id: null, displayName: 'Central kycService' }, now: new Date(), payload: { via: 'central' } }))();
    expect(await alerted()).toEqual([companyCase.id]);
    expect(ownerEvents(companyCase.id)).toHaveLength(0);
    // Approving a person who owns nothing raises no alert anywhere.
    const loner = await inReview(must(await t.service.call('profiles.createPerson', personInput(), staff)).id);
    await decide(loner.id, 'approve');
    await decide(loner.id, 'reset', { internalComment: 'Re-check' });
    expect(await alerted()).toEqual([companyCase.id]);
  });
});
