import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, MAX_BLOCKLIST_REASON } from '../../../shared/contract';
import type { BlocklistEntry } from '../../../shared/schemas/screening';
import { callOrToast, useOperation } from '../api/useOperation';
import { useTextPrompt } from '../components/TextPromptDialog';
import { SkeletonBlock } from '../components/Skeleton';
import { formatDateTime } from '../format/formatDateTime';
import { regionName } from '../format/regionName';
import { useSession } from '../store/sessionStore';
import { routeHash } from '../useHashRoute';
import { toast } from '../store/toastStore';
import './apiTokens.css';

/** What an entry blocks: a face, or a document by type, number and issuing country. */
function Blocked({ entry }: { entry: BlocklistEntry }) {
  const { t, i18n } = useTranslation();
  if (entry.kind === 'FACE') return <>{t('blocklist.faceOf', { name: entry.sourceCaseName })}</>;
  const type = entry.documentType ? t(`onboarding.docType.${entry.documentType}`, { defaultValue: t(`onboarding.companyDocType.${entry.documentType}`, { defaultValue: entry.documentType }) }) : '';
  return (
    <>
      {type} <code>{entry.documentNumber}</code>
      {entry.documentCountry ? <span className="muted"> · {regionName(entry.documentCountry, i18n.language)}</span> : null}
    </>
  );
}

/**
 * The blocklist: every active entry with the case it came from, why and by whom. A senior officer
 * removes an entry (saying why, for the audit); later cases that match it are then not flagged.
 */
export function BlocklistPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const canRemove = role !== undefined && (contract['blocklist.remove'].roles as readonly string[]).includes(role);
  const entries = useOperation('blocklist.list', {});
  const prompt = useTextPrompt();
  const [busy, setBusy] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const describe = (e: BlocklistEntry) => (e.kind === 'FACE' ? t('blocklist.faceOf', { name: e.sourceCaseName }) : t('blocklist.documentOf', { number: e.documentNumber ?? '', name: e.sourceCaseName }));

  const remove = async (entry: BlocklistEntry) => {
    const reason = await prompt.ask(t('blocklist.removeReason', { what: describe(entry) }), t('blocklist.remove'), MAX_BLOCKLIST_REASON);
    if (!reason) return;
    setBusy(entry.id);
    const r = await callOrToast('blocklist.remove', { id: entry.id, reason });
    setBusy(null);
    if (!r) return;
    toast(t('blocklist.removed'));
    entries.reload();
    // The row and its button are gone: the list's heading takes the focus, not the page body.
    heading.current?.focus();
  };

  return (
    <main className="page api-tokens-page blocklist-page">
      <div className="page-title">
        <h1>{t('blocklist.title')}</h1>
      </div>
      <p className="muted intro">{t('blocklist.intro')}</p>
      <section className="panel" aria-labelledby="blocklist-entries-title">
        <h2 id="blocklist-entries-title" ref={heading} tabIndex={-1}>
          {t('blocklist.entries')}
        </h2>
        {!entries.data ? (
          <SkeletonBlock lines={4} />
        ) : entries.data.length === 0 ? (
          <p className="muted" data-testid="blocklist-empty">
            {t('blocklist.none')}
          </p>
        ) : (
          <table className="token-table">
            <thead>
              <tr>
                <th>{t('blocklist.kind')}</th>
                <th>{t('blocklist.blocked')}</th>
                <th>{t('blocklist.fromCase')}</th>
                <th>{t('blocklist.reason')}</th>
                <th>{t('blocklist.addedBy')}</th>
                {canRemove ? <th aria-label={t('blocklist.actions')} /> : null}
              </tr>
            </thead>
            <tbody>
              {entries.data.map((e) => (
                <tr key={e.id} data-entry={e.id} data-kind={e.kind}>
                  <td>{e.kind === 'FACE' ? t('screening.face') : t('screening.document')}</td>
                  <td>
                    <Blocked entry={e} />
                  </td>
                  <td>
                    <a className="link" href={routeHash({ page: 'case', caseId: e.sourceCaseId })}>
                      {e.sourceCaseName}
                    </a>
                  </td>
                  <td className="blocklist-reason">{e.reason}</td>
                  <td>
                    {e.createdBy}
                    <div className="muted small">{formatDateTime(e.createdAt)}</div>
                  </td>
                  {canRemove ? (
                    <td>
                      <button type="button" className="button secondary" disabled={busy !== null} aria-busy={busy === e.id} onClick={() => void remove(e)} aria-label={t('blocklist.removeEntry', { what: describe(e) })}>
                        {t('blocklist.remove')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {prompt.dialog}
    </main>
  );
}
