import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { loadCase, moveCase, refreshKycLevel } from '../cases/caseWorkflow';
import type { HandlerSlice } from './Handlers';
import { decideCase } from '../cases/decideCase';
import { enqueueAnalysis } from '../jobs/enqueueAnalysis';
import { applyProfilePatch } from '../profiles/applyProfilePatch';
import { rerunCrossChecks } from '../analysis/rerunCrossChecks';
import { assertOwnersApproved, companiesOwned, companyOwners } from '../profiles/companyOwners';
import { blocklistTargets } from '../screening/blocklistTargets';

export const caseHandlers: HandlerSlice<
  'cases.list' | 'cases.counts' | 'cases.get' | 'cases.start' | 'cases.submit' | 'cases.restart' | 'cases.claim' | 'cases.decide' | 'cases.review' | 'cases.editField'
> = {
  'cases.list'(input, { deps, actor, now }) {
    return deps.cases.list(input, actor.id, now);
  },

  'cases.counts'(input, { deps, actor, now }) {
    return deps.cases.counts(input, actor.id, now);
  },

  'cases.get'(input, { deps }) {
    const c = loadCase(deps, input.id);
    const profile = deps.profiles.byId(c.profileId);
    if (!profile) throw new ServiceFailure(ErrorCode.INTERNAL, 'case has no profile');
    return {
      case: c,
      profile,
      evidence: deps.evidenceRows.forCase(c.id),
      decisions: deps.decisions.forCase(c.id),
      timeline: deps.auditRows.forCase(c.id),
      kycLevelMissing: refreshKycLevel(deps, c.id).missingForNext,
      analysis: deps.analyses.latestForCase(c.id) ?? null,
      flags: deps.screening.flagsFor(c.id),
      blocklisted: deps.screening.activeEntriesFrom(c.id),
      owners: companyOwners(deps, profile),
      ownerOf: companiesOwned(deps, profile),
      blocklistTargets: blocklistTargets(deps, c.id),
    };
  },

  'cases.start'(input, { deps, now, tx, actor }) {
    return tx(() => moveCase(deps, loadCase(deps, input.id), 'IN_PROGRESS', { actor, now }));
  },

  'cases.submit'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.id);
      const kinds = new Set(deps.evidenceRows.forCase(c.id).map((e) => e.kind));
      if (!kinds.has('DOCUMENT_FRONT')) {
        throw new ServiceFailure(ErrorCode.REQUIRED, 'add the front of the identity document before submitting', 'DOCUMENT_FRONT');
      }
      const submitted = moveCase(deps, c, 'SUBMITTED', { actor, now });
      // Every submission is analysed; the job waits in SQLite if the engine is not running.
      enqueueAnalysis(deps, c.id, actor, now);
      return submitted;
    });
  },

  'cases.restart'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.id);
      if (input.expectedVersion !== undefined && c.version !== input.expectedVersion) {
        throw new ServiceFailure(ErrorCode.STALE_CASE, 'the case changed since you opened it; reload it');
      }
      // Only an expired application restarts; any other state has its own way forward.
      if (c.status !== 'EXPIRED') throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `only an expired application is restarted; this one is ${c.status}`);
      // The customer carries on where they left off: consent, documents and retries stay as they were.
      return moveCase(deps, c, 'IN_PROGRESS', { actor, now, payload: { restart: true } });
    });
  },

  'cases.claim'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.id);
      if (c.assigneeId && c.assigneeId !== actor.id) {
        throw new ServiceFailure(ErrorCode.FORBIDDEN, `the case is assigned to ${c.assigneeName ?? 'someone else'}`);
      }
      if (c.status === 'SUBMITTED') return moveCase(deps, c, 'IN_REVIEW', { actor, now, assigneeId: actor.id });
      if (c.status !== 'IN_REVIEW') {
        throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} case cannot be taken for review`);
      }
      if (c.assigneeId === actor.id) return c;
      deps.cases.transition(c.id, c.version, { to: c.status, now: now.toISOString(), assigneeId: actor.id });
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'case.assigned',
        caseId: c.id,
        profileId: c.profileId,
        payload: { assigneeId: actor.id },
      });
      return loadCase(deps, c.id);
    });
  },

  'cases.decide'(input, { deps, now, tx, actor }) {
    return tx(() => decideCase(deps, actor, now, input));
  },

  'cases.editField'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.caseId);
      if (c.version !== input.expectedVersion) throw new ServiceFailure(ErrorCode.STALE_CASE, 'the case changed since you opened it; reload it and edit again');
      if (c.assigneeId && c.assigneeId !== actor.id) {
        throw new ServiceFailure(ErrorCode.FORBIDDEN, `the case is assigned to ${c.assigneeName ?? 'someone else'}; it is read-only for you`);
      }
      if (!['SUBMITTED', 'IN_REVIEW'].includes(c.status)) throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `fields of a ${c.status} case are not edited`);
      const [head, leaf] = input.field.split('.') as [string, string | undefined];
      const value = input.value === '' ? null : input.value;
      const patch = leaf ? { [head]: { [leaf]: value } } : { [head]: value };
      applyProfilePatch(deps, { profileId: c.profileId, patch, reason: input.reason, actor, now });
      deps.cases.touch(c.id, now.toISOString(), { userModified: true });
      const analysis = rerunCrossChecks(deps, c.id, now);
      return { case: loadCase(deps, c.id), analysis };
    });
  },

  'cases.review'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const d = deps.decisions.byId(input.decisionId);
      if (!d) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such decision', 'decisionId');
      if (d.state !== 'proposed') throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `this decision is already ${d.state}`);
      // The four-eyes rule itself: whoever proposed a decision can never be its second reviewer.
      if (d.actorId === actor.id) {
        throw new ServiceFailure(ErrorCode.FORBIDDEN, 'the same person cannot both propose and confirm a decision; another senior officer must review it');
      }
      const c = loadCase(deps, d.caseId);
      if (c.version !== input.expectedVersion) {
        throw new ServiceFailure(ErrorCode.STALE_CASE, 'the case changed since you opened it; reload it and review again');
      }
      if (c.status !== 'AWAITING_SECOND_REVIEW') throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} case has no decision waiting`);
      const confirm = input.verdict === 'confirm';
      if (!confirm && !input.comment) throw new ServiceFailure(ErrorCode.REQUIRED, 'say why the decision goes back to review', 'comment');
      // An owner may have been reset or expired since the approval was proposed.
      if (confirm && d.toStatus === 'APPROVED') assertOwnersApproved(deps, c.profileId);
      moveCase(deps, c, confirm ? d.toStatus : 'IN_REVIEW', {
        actor,
        now,
        expectedVersion: input.expectedVersion,
        payload: { decisionId: d.id, secondReview: input.verdict },
      });
      deps.decisions.review(d.id, { state: confirm ? 'confirmed' : 'returned', reviewerId: actor.id, at: now.toISOString(), comment: input.comment });
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'case.second_review',
        caseId: c.id,
        profileId: c.profileId,
        payload: { decisionId: d.id, verdict: input.verdict, comment: input.comment, proposedBy: d.actorId },
      });
      return deps.decisions.byId(d.id)!;
    });
  },
};
