import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Heading-like label of the form, e.g. "Put a case on legal hold". */
  title: string;
  submitLabel: string;
  reasonHint: string;
  /** Resolves true when the service accepted it; the form then clears. */
  onSubmit(caseId: string, reason: string): Promise<boolean>;
}

/** A case ID and a reason: what every retention action needs. */
export function CaseReasonForm({ title, submitLabel, reasonHint, onSubmit }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [caseId, setCaseId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await onSubmit(caseId.trim(), reason.trim());
    setBusy(false);
    if (ok) {
      setCaseId('');
      setReason('');
    }
  };
  return (
    <form className="retention-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{title}</h3>
      <label>
        {t('auditLog.filters.caseId')}
        <input value={caseId} onChange={(e) => setCaseId(e.target.value)} required spellCheck={false} placeholder={t('auditLog.filters.casePlaceholder')} />
      </label>
      <label>
        {t('auditLog.retention.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} placeholder={reasonHint} />
      </label>
      <button type="submit" className="button secondary" disabled={busy || !caseId.trim() || !reason.trim()}>
        {submitLabel}
      </button>
    </form>
  );
}
