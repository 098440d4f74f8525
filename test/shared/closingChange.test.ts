import { describe, expect, it } from 'vitest';
import { closingChange } from '../../shared/closingChange';
import type { AuditEvent } from '../../shared/schemas/audit';

let seq = 0;
function changed(to: string, extra: Record<string, unknown> = {}, actor: { id: string | null; name: string } = { id: null, name: 'sync' }): AuditEvent {
  seq += 1;
  return {
    seq,
    at: `2026-12-0${Math.min(seq, 9)}T10:00:00.000Z`,
    actorId: actor.id,
    actorName: actor.name,
    type: 'case.status_changed',
    caseId: 'c1',
    profileId: 'p1',
    payload: { from: 'X', to, ...extra },
    payloadHash: 'h',
    prevHash: 'h',
    hash: 'h',
  };
}

describe('closingChange: what closed a case no officer decided', () => {
  it('is null for an open case and for a case an officer decision closed', () => {
    expect(closingChange('IN_REVIEW', [changed('IN_REVIEW')])).toBeNull();
    expect(closingChange('APPROVED', [changed('APPROVED', { decisionId: 'd1' }, { id: 'op1', name: 'Ana' })])).toBeNull();
  });

  it('names the remote and its session for a status imported from Didit', () => {
    const change = closingChange('REJECTED', [changed('IN_PROGRESS', { via: 'didit' }), changed('REJECTED', { via: 'didit', sessionId: 's-42' })]);
    expect(change).toMatchObject({ via: 'didit', remoteId: 's-42', automatic: false, actorId: null, actorName: 'sync' });
  });

  it("reads the last change into the status: a case reset after Didit's approval and approved by an officer is the officer's", () => {
    const events = [changed('APPROVED', { via: 'didit', sessionId: 's-1' }), changed('IN_REVIEW', { decisionId: 'd1' }), changed('APPROVED', { decisionId: 'd2' })];
    expect(closingChange('APPROVED', events)).toBeNull();
    expect(closingChange('APPROVED', events.slice(0, 1))).toMatchObject({ via: 'didit', remoteId: 's-1' });
  });

  it("says the engine's automatic approval is automatic, and a schedule's expiry is its actor's", () => {
    expect(closingChange('APPROVED', [changed('APPROVED', { automatic: true }, { id: null, name: 'engine' })])).toMatchObject({ automatic: true, via: null });
    expect(closingChange('EXPIRED', [changed('EXPIRED', {}, { id: null, name: 'expiry' })])).toMatchObject({ automatic: false, via: null, remoteId: null, actorName: 'expiry' });
  });

  it('is null when the events were purged under retention (no payload)', () => {
    expect(closingChange('APPROVED', [{ ...changed('APPROVED'), payload: null }])).toBeNull();
    expect(closingChange('APPROVED', [])).toBeNull();
  });
});
