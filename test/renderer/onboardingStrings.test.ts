import { describe, expect, it } from 'vitest';
import { onboardingEn } from '../../renderer/src/i18n/onboarding.en';
import { REASON_CODE_LIST } from '../../shared/reasonCodes';
import { LIVENESS_ACTIONS } from '../../shared/schemas/liveness';
import { COMPANY_DOCUMENT_TYPES, PERSON_DOCUMENT_TYPES } from '../../shared/documentTypes';
import { RESUBMIT_ITEMS } from '../../shared/schemas/decision';
import { ASSET_RANGES, LEGAL_STRUCTURES, MONTHLY_AMOUNT_RANGES, MONTHLY_COUNT_RANGES, REGULATED_STATUSES, RESTRICTED_ACTIVITIES, SOURCE_OF_FUNDS } from '../../shared/schemas/profile';
import { INTAKE_STEPS, TEXT_KINDS, WIZARD_STEPS } from '../../shared/schemas/intake';

describe('onboarding strings', () => {
  it('name every value the wizard shows: steps, document types, actions, reasons and profile enums', () => {
    const e = onboardingEn;
    for (const s of WIZARD_STEPS) expect(e.steps[s]).toBeTruthy();
    for (const s of INTAKE_STEPS) expect(e.checklist[s]).toBeTruthy();
    for (const k of TEXT_KINDS) expect(e.agreements.kind[k]).toBeTruthy();
    for (const d of PERSON_DOCUMENT_TYPES) expect(e.docType[d]).toBeTruthy();
    for (const d of COMPANY_DOCUMENT_TYPES) expect(e.companyDocType[d]).toBeTruthy();
    for (const a of LIVENESS_ACTIONS) expect(e.liveness.action[a]).toBeTruthy();
    for (const r of REASON_CODE_LIST) expect(e.reason[r]).toBeTruthy();
    for (const i of RESUBMIT_ITEMS) expect(e.resubmission.item[i]).toBeTruthy();
    const groups: [Record<string, string>, readonly string[]][] = [
      [e.enum.sourceOfFunds, SOURCE_OF_FUNDS],
      [e.enum.assets, ASSET_RANGES],
      [e.enum.count, MONTHLY_COUNT_RANGES],
      [e.enum.amount, MONTHLY_AMOUNT_RANGES],
      [e.enum.activity, RESTRICTED_ACTIVITIES],
      [e.enum.regulated, REGULATED_STATUSES],
      [e.enum.legal, LEGAL_STRUCTURES],
    ];
    for (const [labels, values] of groups) expect(Object.keys(labels).sort()).toEqual([...values].sort());
  });
});
