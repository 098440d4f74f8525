import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/schemas/case';
import { callOrToast } from '../api/useOperation';
import { useSession } from '../store/sessionStore';
import { navigate } from '../useHashRoute';
import { useEngineText } from '../format/useEngineText';

/** Blocklist hits and duplicates with links to the other case, and the blocklist action. */
export function ScreeningPanel({ detail, reload }: { detail: CaseDetail; reload: () => void }) {
  const { t } = useTranslation();
  const words = useEngineText();
  const role = useSession((s) => s.session?.operator.role);
  const canAdd = role === 'officer' || role === 'senior_officer';
  const [open, setOpen] = useState(false);
  const [face, setFace] = useState(false);
  const [document, setDocument] = useState(true);
  const [reason, setReason] = useState('');

  const add = async () => {
    if (await callOrToast('blocklist.add', { caseId: detail.case.id, face, document, reason })) {
      setOpen(false);
      setReason('');
      reload();
    }
  };

  return (
    <section className="panel" aria-labelledby="screening-title">
      <div className="panel-head">
        <h2 id="screening-title">{t('screening.title')}</h2>
        {canAdd && !open && (
          <button type="button" className="button secondary" onClick={() => setOpen(true)}>
            {t('screening.add')}
          </button>
        )}
      </div>
      {detail.flags.length === 0 ? (
        <p className="muted">{t('screening.none')}</p>
      ) : (
        <ul className="flags">
          {detail.flags.map((f) => (
            <li key={f.id} className={`flag flag-${f.kind.startsWith('BLOCKLIST') ? 'block' : 'dup'}`} data-flag={f.kind}>
              <strong>{t(`screening.${f.kind}`)}</strong> <span className="muted small">{words(f.detailText, f.detail)}</span>
              {f.otherCaseId && (
                <button type="button" className="link" onClick={() => navigate({ page: 'case', caseId: f.otherCaseId! })}>
                  {t('screening.open')}: {f.otherCaseName ?? f.otherCaseId}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form
          className="decision-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="button-row">
            <label className="check">
              <input type="checkbox" checked={face} onChange={(e) => setFace(e.target.checked)} /> {t('screening.face')}
            </label>
            <label className="check">
              <input type="checkbox" checked={document} onChange={(e) => setDocument(e.target.checked)} /> {t('screening.document')}
            </label>
          </div>
          <label>
            {t('screening.reason')}
            <textarea required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="button-row">
            <button type="submit" className="button reject">
              {t('screening.save')}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('decide.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
