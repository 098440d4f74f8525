import { describe, expect, it } from 'vitest';
import { translator } from '../helpers/translator';
import { policyIssueWords, type PolicyIssue } from '../../renderer/src/policy/policyIssueWords';
import { formBody, toForm } from '../../renderer/src/policy/policyForm';
import { policyBodySchema } from '../../shared/schemas/policy';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';

const issuesOf = (over: Record<string, string>) => {
  const r = policyBodySchema.safeParse(formBody({ ...toForm(DEFAULT_POLICY), ...over }));
  if (r.success) throw new Error('expected a refusal');
  return r.error.issues as unknown as PolicyIssue[];
};
const numbers = { maxDecline: 51, actions: 4 };

describe('policy editor errors in the UI language', () => {
  it('words the schema refusals the editor meets: bounds, numbers and the rules between fields', async () => {
    const t = await translator('en');
    const [decline] = issuesOf({ face_match_score_decline_threshold: '90' });
    expect(policyIssueWords(decline!, t, numbers)).toBe('Must be at most 51 (the match threshold × 100): a score declined outright cannot be a match.');
    const [years] = issuesOf({ retentionYears: '' });
    expect(policyIssueWords(years!, t, numbers)).toMatch(/^Enter a (whole )?number\.$/);
    const [blur] = issuesOf({ 'quality.maxBlur': '3' });
    expect(policyIssueWords(blur!, t, numbers)).toBe('Must be at most 1.');
  });

  it('leaves no English in Chinese for those refusals', async () => {
    const zh = await translator('zh-CN');
    const cases: Record<string, string>[] = [{ face_match_score_decline_threshold: '90' }, { retentionYears: '' }, { 'quality.maxBlur': '3' }, { 'quality.maxBlur': '-1' }];
    for (const over of cases) {
      for (const issue of issuesOf(over)) expect(policyIssueWords(issue, zh, numbers), JSON.stringify(over)).not.toMatch(/[a-z]{3}/);
    }
  });
});
