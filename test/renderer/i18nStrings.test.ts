import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zhCN';
import { CASE_STATUSES } from '../../shared/caseStatus';
import { ROLES } from '../../shared/schemas/operator';
import { EVIDENCE_KINDS } from '../../shared/schemas/evidence';
import { RECOMMENDATIONS, CHECK_OUTCOMES } from '../../shared/schemas/analysis';
import { DECISION_ACTIONS } from '../../shared/schemas/decision';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('UI strings', () => {
  it('Simplified Chinese has exactly the English keys, none left empty or untranslated', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o)]));
    const e = flat(en);
    const z = flat(zhCN);
    for (const k of Object.keys(e)) {
      expect(String(z[k]).trim().length, k).toBeGreaterThan(0);
      // Placeholders must survive translation.
      expect(String(z[k]).match(/\{\{\w+\}\}/g)?.sort() ?? [], k).toEqual(String(e[k]).match(/\{\{\w+\}\}/g)?.sort() ?? []);
    }
    const same = Object.keys(e).filter((k) => e[k] === z[k] && /[a-z]{3}/.test(String(e[k])));
    // Only pure placeholders and acronyms may read the same in both languages.
    expect(same.filter((k) => !['fields.cic', 'fields.naics', 'event.statusChanged'].includes(k))).toEqual([]);
  });

  it('names every status, role, evidence kind, recommendation, outcome and action', () => {
    for (const s of CASE_STATUSES) expect(en.status[s]).toBeTruthy();
    for (const r of ROLES) expect(en.role[r]).toBeTruthy();
    for (const k of EVIDENCE_KINDS) expect(en.evidence[k]).toBeTruthy();
    for (const r of RECOMMENDATIONS) expect(en.recommendation[r]).toBeTruthy();
    for (const o of CHECK_OUTCOMES) expect(en.outcome[o]).toBeTruthy();
    for (const a of DECISION_ACTIONS) expect(en.action[a]).toBeTruthy();
  });
});
