import { ErrorCode } from '../../../shared/errorCodes';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { KycAdminItem } from '../../../shared/schemas/kycAdmin';
import { toKycServiceAdminStatus, toKycServiceSubmitResult } from '../../../shared/statusMappings';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { moveCase } from '../cases/caseWorkflow';
import { decideCase } from '../cases/decideCase';
import { approvedBy } from '../cases/approvedBy';
import { caseHandlers } from './caseHandlers';
import type { AuthedContext, HandlerSlice } from './Handlers';

function item(deps: ServiceDeps, c: CaseSummary): KycAdminItem {
  const last = deps.decisions.forCase(c.id).at(-1);
  return {
    profileId: c.profileId,
    caseId: c.id,
    documentId: c.documentId,
    name: c.displayName,
    type: c.profileType,
    status: toKycServiceAdminStatus(c.status),
    submitResult: toKycServiceSubmitResult(c.status, c.userModified, approvedBy(deps, c)),
    caseStatus: c.status,
    remark: last ? last.internalComment || last.customerMessage || null : null,
    updatedAt: c.updatedAt,
  };
}

function caseOfProfile(deps: ServiceDeps, profileId: string): CaseSummary {
  const c = deps.cases.byProfileId(profileId);
  if (!c) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no KYC application for this profile', 'profileId');
  return c;
}

export const kycAdminHandlers: HandlerSlice<'admin.kycList' | 'admin.kycDetail' | 'admin.kycUpdateStatus'> = {
  'admin.kycList'(input, { deps }) {
    const offset = (input.page - 1) * input.limit;
    if (input.profileIds?.length) {
      const all = input.profileIds.map((id) => deps.cases.byProfileId(id)).filter((c): c is CaseSummary => c !== undefined);
      return { list: all.slice(offset, offset + input.limit).map((c) => item(deps, c)), total: all.length, page: input.page, limit: input.limit };
    }
    const page = deps.cases.list({ sort: 'updated', order: 'desc', limit: input.limit, offset });
    return { list: page.rows.map((c) => item(deps, c)), total: page.total, page: input.page, limit: input.limit };
  },

  async 'admin.kycDetail'(input, ctx) {
    const c = caseOfProfile(ctx.deps, input.profileId);
    const detail = await caseHandlers['cases.get']({ id: c.id }, ctx);
    return { ...item(ctx.deps, c), detail };
  },

  /** 2 approves and -1 rejects through the same decision path as the UI (four-eyes included); 0 sends it back to review. */
  'admin.kycUpdateStatus'(input, { deps, now, tx, actor }: AuthedContext) {
    return tx(() => {
      let c = caseOfProfile(deps, input.profileId);
      if (input.status === 0) {
        if (c.status === 'SUBMITTED') c = moveCase(deps, c, 'IN_REVIEW', { actor, now, assigneeId: actor.id, payload: { remark: input.remark } });
        else if (['APPROVED', 'REJECTED', 'RESUBMISSION_REQUESTED'].includes(c.status)) {
          // kycService's remark is optional; the record still says who reopened it and through what.
          decideCase(deps, actor, now, { caseId: c.id, action: 'reset', internalComment: input.remark || 'reopened through the kycService admin API (no remark)', customerMessage: '', resubmitItems: [], expectedVersion: c.version });
        } else if (c.status !== 'IN_REVIEW') throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} case cannot be set to pending`);
        return item(deps, deps.cases.byId(c.id)!);
      }
      // The API acts on the case as it is: take it for review first when nobody holds it.
      if (c.status === 'SUBMITTED') c = moveCase(deps, c, 'IN_REVIEW', { actor, now, assigneeId: actor.id });
      decideCase(
        deps,
        actor,
        now,
        {
          caseId: c.id,
          action: input.status === 2 ? 'approve' : 'reject',
          ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
          // kycService's remark is optional; an empty one still leaves who decided and through what.
          internalComment: input.remark || `${input.status === 2 ? 'approved' : 'rejected'} through the kycService admin API (no remark)`,
          customerMessage: '',
          resubmitItems: [],
          expectedVersion: c.version,
        },
        { reasonOptional: true },
      );
      return item(deps, deps.cases.byId(c.id)!);
    });
  },
};
