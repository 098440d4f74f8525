import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../shared/schemas/audit';
import type { AuditEventType } from '../../../shared/auditEventTypes';
import { humanise } from '../format/humanise';
import { reasonCodeWords } from '../format/decisionWords';

// Every type the service writes has its words: a new type without them does not compile.
const EVENT_KEYS: Record<AuditEventType, string> = {
  'profile.created': 'profileCreated',
  'analysis.requested': 'analysisRequested',
  'analysis.cancelled': 'analysisCancelled',
  'case.assigned': 'caseAssigned',
  'case.second_review': 'secondReview',
  'case.flagged': 'caseFlagged',
  'case.owner_status_changed': 'ownerStatusType',
  'analysis.cross_checks_rerun': 'crossChecksRerun',
  'blocklist.added': 'blocklistAdded',
  'blocklist.removed': 'blocklistRemoved',
  'document.confirmed': 'documentConfirmed',
  'intake.begun': 'intakeBegun',
  'intake.consent_recorded': 'consentRecorded',
  'intake.discarded': 'intakeDiscarded',
  'intake.document_added': 'intakeDocumentAdded',
  'intake.draft_saved': 'draftSaved',
  'intake.agreements_accepted': 'agreementsAccepted',
  'intake.submitted': 'intakeSubmitted',
  'liveness.started': 'livenessStarted',
  'liveness.verified': 'livenessVerified',
  'liveness.callback': 'livenessCallback',
  'liveness.remote_result': 'livenessRemoteResult',
  'report.exported': 'reportExported',
  'retention.hold_set': 'holdSet',
  'retention.hold_cleared': 'holdCleared',
  'retention.erasure_requested': 'erasureRequested',
  'retention.erasure_refused': 'erasureRefused',
  'retention.erasure_executed': 'erasureExecuted',
  'api.request': 'apiRequest',
  // Types the switch below words from their payload, named alone (in lists of types).
  'case.status_changed': 'statusChangedType',
  'evidence.added': 'evidenceAddedType',
  'profile.field_edited': 'fieldEditedType',
  'case.decision': 'decisionType',
  'analysis.completed': 'analysisCompletedType',
  'auth.signed_in': 'signedIn',
  'auth.signed_out': 'signedOut',
  'auth.sign_in_failed': 'signInFailed',
  'auth.locked_out': 'lockedOut',
  'auth.unlocked': 'unlocked',
  'audit.checkpoint': 'auditCheckpoint',
  'apiToken.created': 'apiTokenCreated',
  'apiToken.revoked': 'apiTokenRevoked',
  'audit.anchor_conflict': 'anchorConflict',
  'audit.anchor_received': 'anchorReceived',
  'backup.configured': 'backupConfigured',
  'backup.failed': 'backupFailed',
  'backup.written': 'backupWritten',
  'case.released': 'caseReleased',
  'intake.document_declared': 'documentDeclared',
  'intake.text_published': 'textPublished',
  'operator.created': 'operatorCreated',
  'operator.disabled': 'operatorDisabled',
  'operator.enabled': 'operatorEnabled',
  'operator.password_changed': 'passwordChanged',
  'operator.password_reset': 'passwordReset',
  'operator.role_changed': 'operatorRoleChanged',
  'policy.updated': 'policyUpdated',
  'report.batch_cancelled': 'batchCancelled',
  'report.batch_completed': 'batchCompleted',
  'report.batch_failed': 'batchFailed',
  'report.batch_requested': 'batchRequested',
  'retention.purged': 'purged',
  'screening.faces_described': 'facesDescribed',
  'screening.hit': 'screeningHit',
  'screening.hit_disposed': 'hitDisposed',
  'screening.list_imported': 'listImported',
  'screening.rescreened': 'rescreened',
  'settings.changed': 'settingsChanged',
  'setup.completed': 'setupCompleted',
  'store.encrypted': 'storeEncrypted',
  'store.key_rotated': 'keyRotated',
  'store.keys_rewrapped': 'keysRewrapped',
  'sync.applied': 'syncApplied',
  'sync.central_step': 'centralStep',
  'sync.configured': 'syncConfigured',
  'sync.dead_lettered': 'deadLettered',
  'sync.delivered': 'syncDelivered',
  'sync.didit_approval': 'diditApproval',
  'sync.didit_result': 'diditResult',
  'sync.didit_session_requested': 'diditSessionRequested',
  'sync.discarded': 'syncDiscarded',
  'sync.event_ignored': 'eventIgnored',
  'sync.retried': 'syncRetried',
  'upload.stored': 'uploadStored',
};

/** One audit event in words, with what its payload says where that matters (a status change, a decision). */
export function describeAuditEvent(e: AuditEvent, t: TFunction, ctx: { caseName?: (caseId: string) => string | undefined } = {}): string {
  const p = e.payload ?? {};
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  switch (e.type) {
    case 'case.status_changed':
      return t('event.statusChanged', { from: t(`status.${str('from') ?? ''}`), to: t(`status.${str('to') ?? ''}`) });
    case 'evidence.added':
      return t('event.evidenceAdded', { kind: t(`evidence.${str('kind') ?? 'SUPPLEMENTARY'}`) });
    case 'profile.field_edited':
      return `${t('event.fieldEdited', { field: str('field') ?? '?' })}${str('reason') ? `: ${str('reason')}` : ''}`;
    case 'case.decision':
      return `${t('event.decision', { action: t(`action.${str('action') ?? 'approve'}`) })}${str('reasonCode') ? ` · ${reasonCodeWords(str('reasonCode')!, null, t)}` : ''}`;
    case 'blocklist.added':
    case 'blocklist.removed': {
      // What was blocked: an addition names its parts, a removal its one entry's kind.
      const added = e.type === 'blocklist.added';
      const face = added ? p.face === true : str('kind') === 'FACE';
      const document = added ? p.document === true : str('kind') === 'DOCUMENT';
      const what = [face ? t('event.blocklistFace') : null, document ? t('event.blocklistDocument', { number: str('documentNumber') ?? '' }).trim() : null].filter(Boolean).join(t('case.listSeparator'));
      const label = what ? t('event.blocklistWhat', { label: auditTypeLabel(e.type, t), what }) : auditTypeLabel(e.type, t);
      return `${label}${str('reason') ? `: ${str('reason')}` : ''}`;
    }
    case 'sync.didit_approval': {
      const outcome = str('outcome');
      if (outcome === 'held') return t('event.diditApprovalHeld');
      if (outcome === 'confirmed') return t('event.diditApprovalConfirmed');
      if (outcome === 'withdrawn') return t('event.diditApprovalWithdrawn');
      const codes = Array.isArray(p.objections) ? p.objections.filter((c): c is string => typeof c === 'string') : [];
      return t('event.diditApprovalDisputed', { reasons: codes.map((c) => reasonCodeWords(c, null, t)).join(t('case.listSeparator')) });
    }
    case 'case.owner_status_changed': {
      // The owner by name where the page knows it (the company's owners), else as "an owner".
      const name = ctx.caseName?.(str('ownerCaseId') ?? '');
      const words = { owner: name ?? t('event.anOwner'), from: t(`status.${str('from') ?? ''}`), to: t(`status.${str('to') ?? ''}`) };
      return t(p.ownerAlert === true ? 'event.ownerStatusAlert' : 'event.ownerStatusClear', words);
    }
    case 'analysis.completed':
      return t('event.analysisCompleted', { recommendation: t(`recommendation.${str('recommendation') ?? 'MANUAL_REVIEW'}`) });
    default:
      return auditTypeLabel(e.type, t);
  }
}

/** An event type in words ("case.status_changed" -> "Status changed"), for lists of types. */
export function auditTypeLabel(type: string, t: TFunction): string {
  // A type no longer written (an older store's) is still shown, from its name.
  const key = (EVENT_KEYS as Record<string, string>)[type];
  return key ? t(`event.${key}`) : humanise(type);
}
