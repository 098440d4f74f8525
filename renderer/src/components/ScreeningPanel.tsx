import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/schemas/case';
import { profileFacts } from '../../../shared/profileFacts';
import { MAX_BLOCKLIST_REASON } from '../../../shared/contract';
import { callOrToast } from '../api/useOperation';
import { useSession } from '../store/sessionStore';
import { toast } from '../store/toastStore';
import { navigate, routeHash } from '../useHashRoute';
import { useEngineText } from '../format/useEngineText';
import { formatDateTime } from '../format/formatDateTime';
import { useEscapeKey } from './useEscapeKey';
import { DiditBlocklistRequests } from './DiditBlocklistRequests';
import type { BlocklistTargets } from '../../../shared/schemas/screening';

/** Blocklist hits and duplicates with links to the other case, what of this case is blocklisted, and the blocklist action. */
export function ScreeningPanel({ detail, reload }: { detail: CaseDetail; reload: () => void }) {
  const { t } = useTranslation();
  const words = useEngineText();
  const role = useSession((s) => s.session?.operator.role);
  const canAdd = role === 'officer' || role === 'senior_officer';
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const closedForm = useRef(false);
  const close = () => {
    closedForm.current = true;
    setOpen(false);
    // Back to the button that opened the form, not to the page body; to the panel when nothing is
    // left to block and the button is gone.
    requestAnimationFrame(() => (opener.current ?? heading.current)?.focus());
  };
  const entries = detail.blocklisted;
  const targets = detail.blocklistTargets;
  // What is already blocked (or asked of Didit) is not offered again; a company has no selfie, and
  // a face neither we nor Didit hold cannot be blocked.
  const faceAskedOfDidit = targets.diditRequests.some((r) => r.face && r.status !== 'discarded');
  const offersFace = detail.profile.type === 'PERSON' && !entries.some((e) => e.kind === 'FACE') && (targets.localFace || (targets.diditFace && !faceAskedOfDidit));
  const offersDocument = !entries.some((e) => e.kind === 'DOCUMENT');
  // Where each option blocks: said in the form, so "face" never reads as a selfie that is not there.
  const faceLabel = t(targets.localFace ? (targets.diditFace ? 'screening.faceOptionBoth' : 'screening.faceOption') : 'screening.faceOptionDidit');
  const offersAny = offersFace || offersDocument;
  // The action goes once nothing is left to block: if it had the focus, the panel takes it, not the page body.
  useEffect(() => {
    if (!offersAny && closedForm.current && window.document.activeElement === window.document.body) heading.current?.focus();
  }, [offersAny]);
  const documentLabel = t(targets.diditDocument ? 'screening.documentOptionDidit' : 'screening.documentOption', { number: profileFacts(detail.profile).documentNumber ?? '—' });

  return (
    <section className="panel" aria-labelledby="screening-title">
      <div className="panel-head">
        <h2 id="screening-title" ref={heading} tabIndex={-1}>
          {t('screening.title')}
        </h2>
        {canAdd && !open && offersAny && (
          <button ref={opener} type="button" className="button secondary" onClick={() => setOpen(true)}>
            {t('screening.add')}
          </button>
        )}
      </div>
      {detail.flags.length === 0 && entries.length === 0 && targets.diditRequests.length === 0 ? (
        <p className="muted">{t('screening.none')}</p>
      ) : (
        <ul className="flags">
          {detail.flags.map((f) => (
            <li key={f.id} className={`flag flag-${f.kind.startsWith('BLOCKLIST') ? 'block' : 'dup'}`} data-flag={f.kind}>
              <strong>{t(`screening.${f.kind}`)}</strong> <span className="muted small">{words(f.detailText, f.detail)}</span>
              {f.otherCaseId && (
                <button type="button" className="link" onClick={() => navigate({ page: 'case', caseId: f.otherCaseId! })}>
                  {t('screening.open')}
                  {t('case.colon')}
                  {f.otherCaseName ?? f.otherCaseId}
                </button>
              )}
            </li>
          ))}
          {entries.map((e) => (
            <li key={e.id} className="flag flag-block" data-blocklisted={e.kind}>
              <strong>{t(e.kind === 'FACE' ? 'screening.faceBlocklisted' : 'screening.documentBlocklisted', { number: e.documentNumber ?? '' })}</strong>{' '}
              <span className="muted small">{t('screening.blocklistedBy', { name: e.createdBy, at: formatDateTime(e.createdAt), reason: e.reason })}</span>{' '}
              <a className="link" href={routeHash({ page: 'blocklist' })}>
                {t('screening.seeBlocklist')}
              </a>
            </li>
          ))}
          <DiditBlocklistRequests targets={targets} />
        </ul>
      )}
      {open && (
        <BlocklistForm
          caseId={detail.case.id}
          targets={targets}
          offersFace={offersFace}
          offersDocument={offersDocument}
          faceLabel={faceLabel}
          documentLabel={documentLabel}
          onDone={(added) => {
            close();
            if (added) {
              toast(t(added.atDidit ? 'screening.addedWithDidit' : 'screening.added'));
              reload();
            }
          }}
        />
      )}
    </section>
  );
}

/** The blocklist form: says what it will block, refuses nothing chosen before asking the service, Escape cancels. */
function BlocklistForm({
  caseId,
  targets,
  offersFace,
  offersDocument,
  faceLabel,
  documentLabel,
  onDone,
}: {
  caseId: string;
  targets: BlocklistTargets;
  offersFace: boolean;
  offersDocument: boolean;
  faceLabel: string;
  documentLabel: string;
  onDone(added: { atDidit: boolean } | null): void;
}) {
  const { t } = useTranslation();
  const [face, setFace] = useState(false);
  const [document, setDocument] = useState(offersDocument);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEscapeKey(() => onDone(null));
  useEffect(() => first.current?.focus(), []);
  const chosen = (face && offersFace) || (document && offersDocument);
  const add = async () => {
    setBusy(true);
    const r = await callOrToast('blocklist.add', { caseId, face: face && offersFace, document: document && offersDocument, reason });
    setBusy(false);
    // Didit is asked in the same transaction for what it captured: its answer shows in the panel.
    if (r) onDone({ atDidit: (face && offersFace && targets.diditFace) || (document && offersDocument && targets.diditDocument) });
  };
  return (
    <form
      className="decision-form"
      aria-label={t('screening.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) void add();
      }}
    >
      <div className="button-row">
        {offersFace && (
          <label className="check">
            <input ref={first} type="checkbox" checked={face} onChange={(e) => setFace(e.target.checked)} /> {faceLabel}
          </label>
        )}
        {offersDocument && (
          <label className="check">
            <input ref={offersFace ? undefined : first} type="checkbox" checked={document} onChange={(e) => setDocument(e.target.checked)} /> {documentLabel}
          </label>
        )}
      </div>
      {!chosen && <p className="muted small">{t('screening.chooseOne')}</p>}
      <label>
        {t('screening.reason')}
        <textarea required rows={2} maxLength={MAX_BLOCKLIST_REASON} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="button-row">
        <button type="submit" className="button reject" disabled={!chosen || busy} aria-busy={busy}>
          {t('screening.save')}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(null)}>
          {t('decide.cancel')}
        </button>
      </div>
    </form>
  );
}
