import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { callOrToast } from '../api/useOperation';
import { useSession } from '../store/sessionStore';
import { base64ToBlob, saveBlob } from './saveFile';

/** The case page's "Download PDF": the audit report, shown only to roles the service lets export. */
export function CasePdfButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const [busy, setBusy] = useState(false);
  if (!role || !(contract['reports.casePdf'].roles as readonly string[]).includes(role)) return null;
  const download = async () => {
    setBusy(true);
    const pdf = await callOrToast('reports.casePdf', { caseId });
    setBusy(false);
    if (pdf) saveBlob(pdf.fileName, base64ToBlob(pdf.dataBase64, 'application/pdf'));
  };
  return (
    <button type="button" className="button secondary" onClick={() => void download()} disabled={busy} title={t('reports.casePdf.title')} aria-busy={busy}>
      {busy ? t('reports.casePdf.busy') : t('reports.casePdf.button')}
    </button>
  );
}
