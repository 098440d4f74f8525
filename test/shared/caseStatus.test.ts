import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, allowedTransitions, canTransition } from '../../shared/caseStatus';

describe('the canonical case status machine', () => {
  it('allows the happy paths of intake, review and four-eyes', () => {
    const path = ['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'AWAITING_SECOND_REVIEW', 'APPROVED'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('IN_REVIEW', 'RESUBMISSION_REQUESTED')).toBe(true);
    expect(canTransition('RESUBMISSION_REQUESTED', 'SUBMITTED')).toBe(true);
    expect(canTransition('AWAITING_SECOND_REVIEW', 'IN_REVIEW')).toBe(true);
  });

  it('refuses shortcuts that would skip review or reopen silently', () => {
    expect(canTransition('NOT_STARTED', 'APPROVED')).toBe(false);
    expect(canTransition('IN_PROGRESS', 'APPROVED')).toBe(false);
    expect(canTransition('REJECTED', 'APPROVED')).toBe(false);
    expect(canTransition('EXPIRED', 'APPROVED')).toBe(false);
    expect(canTransition('APPROVED', 'REJECTED')).toBe(false);
  });

  it('has no self-loops and every state can be left', () => {
    for (const s of CASE_STATUSES) {
      expect(allowedTransitions(s)).not.toContain(s);
      expect(allowedTransitions(s).length).toBeGreaterThan(0);
    }
  });

  it('reaches every state from NOT_STARTED', () => {
    const seen = new Set<string>(['NOT_STARTED']);
    const queue = ['NOT_STARTED' as const] as (typeof CASE_STATUSES)[number][];
    while (queue.length) {
      for (const next of allowedTransitions(queue.shift()!)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });
});
