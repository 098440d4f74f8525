import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import { policyBodySchema } from '../../shared/schemas/policy';
import { en } from '../../renderer/src/i18n/en';
import { POLICY_FIELDS } from '../../renderer/src/policy/policyFields';
import { changedKeys, changesBetween, fieldErrors, fieldKeyOf, flattenBody, formBody, toForm } from '../../renderer/src/policy/policyForm';

const at = (o: object, key: string): unknown => key.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown> | undefined)?.[p], o);

describe('the policy editor model', () => {
  it('has one field, with a label and help, for every leaf of the policy body', () => {
    expect(POLICY_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(flattenBody(DEFAULT_POLICY)).sort());
    for (const f of POLICY_FIELDS) {
      expect(at(en.policy.fields, `${f.key}.label`), f.key).toBeTruthy();
      expect(at(en.policy.fields, `${f.key}.help`), f.key).toBeTruthy();
      expect(f.kind, f.key).toBe(typeof at(DEFAULT_POLICY, f.key) === 'boolean' ? 'toggle' : 'number');
    }
  });

  it('reads a body into the form and back unchanged', () => {
    const form = toForm(DEFAULT_POLICY);
    expect(form['quality.maxBlur']).toBe(String(DEFAULT_POLICY.quality.maxBlur));
    expect(policyBodySchema.parse(formBody(form))).toEqual(DEFAULT_POLICY);
    expect(changedKeys(form, DEFAULT_POLICY)).toEqual([]);
  });

  it('counts a changed value, not a re-typed one, and an emptied box as a change the schema refuses', () => {
    const form = { ...toForm(DEFAULT_POLICY), 'faceMatch.matchThreshold': `${DEFAULT_POLICY.faceMatch.matchThreshold}0`, autoApprove: false, retentionYears: '' };
    expect(changedKeys(form, DEFAULT_POLICY).sort()).toEqual(['autoApprove', 'retentionYears']);
    const r = policyBodySchema.safeParse(formBody(form));
    expect(r.success ? {} : fieldErrors(r.error.issues)).toHaveProperty('retentionYears');
  });

  it('names the field of a refinement, client-side and from the service', () => {
    const form = { ...toForm(DEFAULT_POLICY), face_match_score_decline_threshold: '90' };
    const r = policyBodySchema.safeParse(formBody(form));
    expect(r.success ? {} : fieldErrors(r.error.issues)).toEqual({ face_match_score_decline_threshold: expect.stringContaining('match threshold') });
    expect(fieldKeyOf('body.face_match_score_decline_threshold')).toBe('face_match_score_decline_threshold');
    expect(fieldKeyOf('body.aml.reviewThreshold')).toBe('aml.reviewThreshold');
    expect(fieldKeyOf('note')).toBe('note');
    expect(fieldKeyOf(undefined)).toBeNull();
  });

  it('lists what a version changed from the one before, in the editor order', () => {
    const next = { ...DEFAULT_POLICY, retentionYears: 7, faceMatch: { matchThreshold: 0.6 }, checks: { ...DEFAULT_POLICY.checks, liveness: false } };
    expect(changesBetween(DEFAULT_POLICY, next)).toEqual([
      { key: 'checks.liveness', from: true, to: false },
      { key: 'faceMatch.matchThreshold', from: DEFAULT_POLICY.faceMatch.matchThreshold, to: 0.6 },
      { key: 'retentionYears', from: 5, to: 7 },
    ]);
    expect(changesBetween(DEFAULT_POLICY, DEFAULT_POLICY)).toEqual([]);
  });
});
