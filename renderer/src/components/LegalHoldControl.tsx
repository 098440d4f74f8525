import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { LegalHold } from '../../../shared/schemas/retention';
import { callOrToast } from '../api/useOperation';
import { useSession } from '../store/sessionStore';

function canCall(role: string | undefined, op: keyof typeof contract): boolean {
  return !!role && (contract[op].roles as readonly string[]).includes(role);
}

/**
 * The case header's legal hold: a badge while the case is held (a hold blocks retention purges
 * and erasure), and for senior officers and admins a form to set or clear it with a reason.
 */
export function LegalHoldControl({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const [hold, setHold] = useState<LegalHold | null>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const canRead = canCall(role, 'retention.legalHolds');
  const canChange = canCall(role, 'retention.setLegalHold');

  const load = useCallback(async () => {
    const holds = await callOrToast('retention.legalHolds', {});
    if (holds) setHold(holds.find((h) => h.caseId === caseId) ?? null);
  }, [caseId]);

  useEffect(() => {
    if (canRead) void load();
  }, [canRead, load]);

  if (!canRead) return null;

  const submit = async () => {
    setBusy(true);
    const ok = hold
      ? await callOrToast('retention.clearLegalHold', { caseId, reason })
      : await callOrToast('retention.setLegalHold', { caseId, reason });
    setBusy(false);
    if (ok) {
      setOpen(false);
      setReason('');
      await load();
    }
  };

  return (
    <span className="legal-hold">
      {hold && (
        <span className="badge hold" title={t('legalHold.heldTitle', { by: hold.setByName, reason: hold.reason })}>
          {t('legalHold.held')}
        </span>
      )}
      {canChange && !open && (
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          {hold ? t('legalHold.clear') : t('legalHold.set')}
        </button>
      )}
      {open && (
        <form
          className="legal-hold-form panel"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={reasonId}>{hold ? t('legalHold.clearReason') : t('legalHold.setReason')}</label>
          <textarea id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} autoFocus required />
          <div className="row-actions">
            <button type="submit" className="button" disabled={busy || !reason.trim()} aria-busy={busy}>
              {hold ? t('legalHold.confirmClear') : t('legalHold.confirmSet')}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('legalHold.cancel')}
            </button>
          </div>
        </form>
      )}
    </span>
  );
}
