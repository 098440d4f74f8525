import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/schemas/case';
import type { Decision, DecisionAction } from '../../../shared/schemas/decision';
import type { TFunction } from 'i18next';
import { resubmitItemsFor, type ResubmitItem } from '../../../shared/schemas/decision';
import { REASON_CODE_LIST, REASON_CODES, type ReasonCode } from '../../../shared/reasonCodes';
import { fourEyesWords, reasonCodeWords } from '../format/decisionWords';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ServiceError } from '../../../shared/result';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { useSession } from '../store/sessionStore';
import { toast } from '../store/toastStore';
import { isDialogOpen } from './isDialogOpen';
import { formatDateTime } from '../format/formatDateTime';
import { useEngineText } from '../format/useEngineText';

type FormAction = Exclude<DecisionAction, never>;

/** Calls a mutating operation; a stale-case refusal reloads the case so the officer sees what changed. */
async function run<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: ServiceError }>, reload: () => void, staleMessage: string): Promise<T | null> {
  const r = await p;
  if (r.ok) {
    reload();
    return r.value;
  }
  if (r.error.code === ErrorCode.STALE_CASE) {
    toast(staleMessage, r.error.code);
    reload();
  } else handleError(r.error);
  return null;
}

/** What a decision did, said once it is recorded: in effect, or waiting for a second review and why. */
function decidedMessage(d: Decision, t: TFunction): string {
  if (d.state === 'proposed') return t('decide.done.proposed', { reason: fourEyesWords(d.fourEyesReason, t) });
  return t(`decide.done.${d.action}`);
}

/** Single-key actions on the case page. */
const SHORTCUTS: Partial<Record<string, FormAction>> = { a: 'approve', r: 'reject', s: 'request_resubmission' };

export function DecisionBar({ detail, reload }: { detail: CaseDetail; reload: () => void }) {
  const { t } = useTranslation();
  const words = useEngineText();
  const me = useSession((s) => s.session?.operator);
  const [form, setForm] = useState<FormAction | null>(null);
  const [reason, setReason] = useState<ReasonCode | ''>('');
  const [items, setItems] = useState<string[]>([]);
  const [internalComment, setInternal] = useState('');
  const [customerMessage, setCustomer] = useState('');
  const [reviewComment, setReviewComment] = useState('');
  const c = detail.case;
  const isReviewer = me?.role === 'officer' || me?.role === 'senior_officer';
  const mine = c.assigneeId === me?.id;
  const heldBySomeoneElse = c.assigneeId !== null && !mine;
  const canDecide = isReviewer && mine && c.status === 'IN_REVIEW';
  const canClaim = isReviewer && !heldBySomeoneElse && !mine && (c.status === 'SUBMITTED' || c.status === 'IN_REVIEW');
  // Someone else's closed case: a senior officer may reset it (the service's rule, decideCase.ts).
  const canReset = isReviewer && ['APPROVED', 'REJECTED', 'RESUBMISSION_REQUESTED'].includes(c.status) && (!heldBySomeoneElse || (me?.role === 'senior_officer' && ['APPROVED', 'REJECTED'].includes(c.status)));
  const proposed = detail.decisions.find((d) => d.state === 'proposed');
  // An approved person's reset puts each approved company they own on owner alert.
  const approvedCompanies = c.status === 'APPROVED' ? detail.ownerOf.filter((o) => o.caseStatus === 'APPROVED') : [];
  const stale = t('decide.stale');

  const open = (a: FormAction) => {
    setForm(a);
    setReason('');
    setItems([]);
    setInternal('');
    setCustomer('');
  };

  // Single-key actions on the case page; ignored while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (!canDecide || form || isDialogOpen()) return;
      const action = SHORTCUTS[e.key];
      if (!action) return;
      // The key opens the form and nothing more: left alone, it would go on to type into the field
      // the form focuses (an "a" in the comment) or pick a reason by type-ahead ("s" chose SELFIE_QUALITY).
      e.preventDefault();
      open(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canDecide, form]);

  const reasons = REASON_CODE_LIST.filter((r) => (form === 'request_resubmission' ? REASON_CODES[r].kind === 'RETRY' : true));
  const needsReason = form === 'reject' || form === 'request_resubmission';

  const submit = async () => {
    if (!form) return;
    const decided = await run(
      api.call('cases.decide', {
        caseId: c.id,
        action: form,
        ...(reason ? { reasonCode: reason } : {}),
        internalComment,
        customerMessage,
        resubmitItems: form === 'request_resubmission' ? (items as ResubmitItem[]) : [],
        expectedVersion: c.version,
      }),
      reload,
      stale,
    );
    if (decided) {
      setForm(null);
      toast(decidedMessage(decided, t));
    }
  };
  const review = async (verdict: 'confirm' | 'return') => {
    if (!proposed) return;
    const reviewed = await run(api.call('cases.review', { decisionId: proposed.id, verdict, comment: reviewComment, expectedVersion: c.version }), reload, stale);
    if (reviewed) toast(verdict === 'confirm' ? t('decide.done.confirmed', { action: t(`action.${reviewed.action}`) }) : t('decide.done.returned', { name: reviewed.actorName }));
  };
  // The newest decision, when a senior officer sent it back: the officer deciding again must see why.
  const last = detail.decisions[detail.decisions.length - 1];
  const returned = last?.state === 'returned' && c.status === 'IN_REVIEW' ? last : null;
  // Nothing below applies (an auditor, or a case with nothing to decide now): the panel says so
  // rather than standing empty.
  const idle =
    !canClaim && !canDecide && !canReset && !form && !returned && !(heldBySomeoneElse && c.status === 'IN_REVIEW') && !(isReviewer && mine) && !(proposed && c.status === 'AWAITING_SECOND_REVIEW');
  const openFindings = form === 'approve' && detail.analysis && detail.analysis.recommendation !== 'AUTO_APPROVE' ? detail.analysis.reasons : [];

  return (
    <section className="panel decision-bar" aria-labelledby="decide-title">
      <div className="panel-head">
        <h2 id="decide-title">{t('decide.title')}</h2>
        <div className="button-row">
          {canClaim && (
            <button type="button" className="button primary" onClick={() => void run(api.call('cases.claim', { id: c.id }), reload, stale)}>
              {t('decide.claim')}
            </button>
          )}
          {isReviewer && mine && c.status === 'IN_REVIEW' && (
            <button type="button" className="button secondary" onClick={() => void run(api.call('cases.release', { id: c.id, expectedVersion: c.version }), reload, stale)}>
              {t('decide.release')}
            </button>
          )}
        </div>
      </div>
      {heldBySomeoneElse && c.status === 'IN_REVIEW' && <p className="hint">{t('decide.readOnly', { name: c.assigneeName ?? '?' })}</p>}
      {idle && <p className="hint">{isReviewer ? t('decide.nothingNow', { status: t(`status.${c.status}`) }) : t('decide.notYourRole')}</p>}
      {returned && (
        <p className="hint returned-decision" role="status">
          {t('decide.returnedBy', { name: returned.reviewerName ?? '?', at: returned.reviewedAt ? formatDateTime(returned.reviewedAt) : '', action: t(`action.${returned.action}`) })}
          {returned.reviewComment ? `${t('case.colon')}“${returned.reviewComment}”` : ''}
        </p>
      )}
      {canDecide && !form && (
        <div className="button-row">
          <button type="button" className="button approve" onClick={() => open('approve')}>
            {t('decide.approve')} <kbd>a</kbd>
          </button>
          <button type="button" className="button reject" onClick={() => open('reject')}>
            {t('decide.reject')} <kbd>r</kbd>
          </button>
          <button type="button" className="button secondary" onClick={() => open('request_resubmission')}>
            {t('decide.resubmit')} <kbd>s</kbd>
          </button>
        </div>
      )}
      {canReset && !form && (
        <button type="button" className="button secondary" onClick={() => open('reset')}>
          {t('decide.reset')}
        </button>
      )}
      {form && (
        <form
          className="decision-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {openFindings.length > 0 && (
            // Approving against the engine: what it found is restated where the click is made.
            <div className="open-findings" role="note">
              <strong>{t('decide.openFindings')}</strong>
              <ul>
                {openFindings.map((r, i) => (
                  <li key={i}>
                    <span className="reason-words">{words(r.text, r.message)}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {form === 'reset' && approvedCompanies.length > 0 && (
            // The reset's effect beyond this case, said where the click is made.
            <p className="owner-alert small" role="note" data-testid="reset-owner-note">
              {t('decide.resetOwnerNote', { count: approvedCompanies.length, companies: approvedCompanies.map((o) => o.displayName ?? o.profileId.slice(0, 8)).join(t('case.listSeparator')) })}
            </p>
          )}
          {needsReason && (
            <label>
              {t('decide.reason')}
              <select required value={reason} onChange={(e) => setReason(e.target.value as ReasonCode)} autoFocus>
                <option value="">{t('decide.chooseReason')}</option>
                {reasons.map((r) => (
                  <option key={r} value={r}>
                    {reasonCodeWords(r, REASON_CODES[r].kind, t)} · {r}
                  </option>
                ))}
              </select>
            </label>
          )}
          {form === 'request_resubmission' && (
            <fieldset className="items">
              <legend>{t('decide.items')}</legend>
              {resubmitItemsFor(detail.profile.type).map((i) => (
                <label key={i} className="check">
                  <input
                    type="checkbox"
                    checked={items.includes(i)}
                    onChange={(e) => setItems(e.target.checked ? [...items, i] : items.filter((x) => x !== i))}
                  />
                  {t(`evidence.${i === 'LIVENESS' ? 'LIVENESS_CLIP' : i}`)}
                </label>
              ))}
            </fieldset>
          )}
          <label>
            {t('decide.internalComment')}
            <textarea value={internalComment} onChange={(e) => setInternal(e.target.value)} rows={2} required={form === 'reset'} autoFocus={!needsReason} />
          </label>
          {form !== 'reset' && (
            <label>
              {t('decide.customerMessage')}
              <textarea value={customerMessage} onChange={(e) => setCustomer(e.target.value)} rows={2} />
            </label>
          )}
          <div className="button-row">
            <button type="submit" className={`button ${form === 'approve' ? 'approve' : form === 'reject' ? 'reject' : 'primary'}`}>
              {t('decide.confirm', { action: t(`action.${form}`) })}
            </button>
            <button type="button" className="button secondary" onClick={() => setForm(null)}>
              {t('decide.cancel')}
            </button>
          </div>
        </form>
      )}
      {proposed && c.status === 'AWAITING_SECOND_REVIEW' && (
        <div className="second-review">
          <p className="hint">{t('decide.held', { reason: fourEyesWords(proposed.fourEyesReason, t) })}</p>
          <p>
            <strong>{t('decide.proposedBy', { name: proposed.actorName, action: t(`action.${proposed.action}`) })}</strong>
            {proposed.reasonCode && (
              <>
                {t('case.colon')}
                {reasonCodeWords(proposed.reasonCode, proposed.reasonKind, t)} <code className="reason-code">{proposed.reasonCode}</code>
              </>
            )}
          </p>
          {me?.role !== 'senior_officer' && <p className="muted">{t('decide.awaitSenior')}</p>}
          {me?.role === 'senior_officer' &&
            (proposed.actorId === me.id ? (
              <p className="muted">{t('decide.ownDecision')}</p>
            ) : (
              <>
                <label>
                  {t('decide.reviewComment')}
                  <textarea value={reviewComment} onChange={(e) => setReviewComment(e.target.value)} rows={2} />
                </label>
                <div className="button-row">
                  <button
                    type="button"
                    className="button approve"
                    onClick={() => void review('confirm')}
                  >
                    {t('decide.confirmDecision')}
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => void review('return')}
                  >
                    {t('decide.returnDecision')}
                  </button>
                </div>
              </>
            ))}
        </div>
      )}
    </section>
  );
}
