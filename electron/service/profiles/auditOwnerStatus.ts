import type { CaseStatus } from '../../../shared/caseStatus';
import type { ServiceDeps } from '../core/ServiceDeps';
import { ownersApproved } from './companyOwners';

/**
 * An owner's status change that bears on the approved companies they own, audited on each: leaving
 * APPROVED (reset, rejected, expired) puts the company on owner alert (the queue's `ownerAlert`,
 * read from the data), a final state reached outside approval says how it ended, and an approval
 * again says whether the alert is cleared. So a company's own trail shows when and why it was on
 * alert. The company's approval itself stands: whether it still holds is an officer's call. Ids
 * and statuses only: names stay out of the audit payload. Call inside the owner's transaction,
 * after the owner's status is written.
 */
export function auditOwnerStatus(
  deps: Pick<ServiceDeps, 'profiles' | 'cases' | 'audit'>,
  owner: { caseId: string; profileId: string; from: CaseStatus; to: CaseStatus },
  at: string,
  actor: { id: string | null; name: string },
): void {
  const bears = owner.from === 'APPROVED' || owner.to === 'APPROVED' || owner.to === 'REJECTED' || owner.to === 'EXPIRED';
  if (!bears || owner.from === owner.to) return;
  for (const companyId of deps.profiles.companiesOwnedBy(owner.profileId)) {
    const company = deps.cases.byProfileId(companyId);
    if (company?.status !== 'APPROVED') continue;
    deps.audit.append({
      at,
      actor,
      type: 'case.owner_status_changed',
      caseId: company.id,
      profileId: companyId,
      payload: { ownerCaseId: owner.caseId, ownerProfileId: owner.profileId, from: owner.from, to: owner.to, ownerAlert: !ownersApproved(deps, companyId) },
    });
  }
}
