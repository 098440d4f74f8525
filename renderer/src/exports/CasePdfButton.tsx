import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { CasePdf } from '../../../shared/schemas/report';
import { sha256Line } from '../../../shared/sha256Line';
import { callOrToast } from '../api/useOperation';
import { useSession } from '../store/sessionStore';
import { useEscapeKey } from '../components/useEscapeKey';
import { trapTab } from '../components/trapTab';
import { base64ToBlob, saveBlob } from './saveFile';

/** The case page's "Download PDF": the audit report, shown only to roles the service lets export. */
export function CasePdfButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Omit<CasePdf, 'dataBase64'> | null>(null);
  if (!role || !(contract['reports.casePdf'].roles as readonly string[]).includes(role)) return null;
  const download = async () => {
    setBusy(true);
    const pdf = await callOrToast('reports.casePdf', { caseId });
    setBusy(false);
    if (!pdf) return;
    const { dataBase64, ...facts } = pdf;
    saveBlob(pdf.fileName, base64ToBlob(dataBase64, 'application/pdf'));
    setSaved(facts);
  };
  return (
    <>
      <button type="button" className="button secondary" onClick={() => void download()} disabled={busy} title={t('reports.casePdf.title')} aria-busy={busy}>
        {busy ? t('reports.casePdf.busy') : t('reports.casePdf.button')}
      </button>
      {saved ? createPortal(<SavedPdf pdf={saved} onClose={() => setSaved(null)} />, document.body) : null}
    </>
  );
}

/**
 * What was saved: the file's SHA-256 (every page of the report points to it) and its checksum
 * file, which the browser's download alone does not bring; the workstation keeps both as well.
 */
function SavedPdf({ pdf, onClose }: { pdf: Omit<CasePdf, 'dataBase64'>; onClose(): void }) {
  const { t } = useTranslation();
  useEscapeKey(onClose);
  const saveChecksum = () => saveBlob(`${pdf.fileName}.sha256`, new Blob([sha256Line(pdf.sha256, pdf.fileName)], { type: 'text/plain' }));
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="pdf-saved-title" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="overlay-card pdf-saved" onKeyDown={trapTab}>
        <h2 id="pdf-saved-title">{t('reports.casePdf.saved')}</h2>
        <p className="pdf-saved-file">{t('reports.casePdf.file', { name: pdf.fileName, pages: pdf.pages })}</p>
        <p className="muted small">{t('reports.casePdf.sha256')}</p>
        <code className="pdf-saved-hash" data-testid="pdf-sha256">
          {pdf.sha256}
        </code>
        <p className="muted small">{t('reports.casePdf.kept', { path: pdf.savedTo })}</p>
        <div className="actions">
          <button type="button" className="button secondary" onClick={saveChecksum}>
            {t('reports.casePdf.saveChecksum')}
          </button>
          <button type="button" className="button primary" onClick={onClose} autoFocus>
            {t('reports.casePdf.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
