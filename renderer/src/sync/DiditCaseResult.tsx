import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/schemas/profile';
import type { CaseSyncState } from '../../../shared/schemas/sync';
import { formatDateTime } from '../format/formatDateTime';
import { reasonCodeWords } from '../format/decisionWords';

type DiditState = NonNullable<CaseSyncState['didit']>;
type IdVerification = NonNullable<DiditState['result']>['idVerifications'][number];

/** The identity fields Didit's OCR and our profile both hold, compared side by side. */
const COMPARED = [
  { key: 'firstName', ours: (p: Profile) => (p.type === 'PERSON' ? p.data.firstName : undefined) },
  { key: 'lastName', ours: (p: Profile) => (p.type === 'PERSON' ? p.data.lastName : undefined) },
  { key: 'dateOfBirth', ours: (p: Profile) => (p.type === 'PERSON' ? p.data.dateOfBirth : undefined) },
  { key: 'documentNumber', ours: (p: Profile) => (p.type === 'PERSON' ? p.data.document?.number : undefined) },
  { key: 'expiryDate', ours: (p: Profile) => (p.type === 'PERSON' ? p.data.document?.expiryDate : undefined) },
  { key: 'nationality', ours: (p: Profile) => (p.type === 'PERSON' ? p.data.nationality : undefined) },
] as const satisfies readonly { key: keyof IdVerification; ours(p: Profile): string | undefined }[];

/** Letters and digits only, case-blind: "CA 000 000" and "ca000000" are the same number. */
const same = (a: string, b: string) => a.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase() === b.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

function Score({ label, items }: { label: string; items: readonly { status: string | null; score: number | null }[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <div className="sync-didit-score">
      <span className="muted small">{label}</span>
      {items.map((i, n) => (
        <strong key={n}>
          {i.score === null ? '—' : t('sync.didit.score', { score: Math.round(i.score) })}
          {i.status && <span className="muted small"> · {i.status}</span>}
        </strong>
      ))}
    </div>
  );
}

/**
 * What Didit knows about the case: its session (status, the customer's link) and, once a
 * decision is imported, Didit's reading of the document beside the profile's own values, its
 * liveness and face-match scores and its warnings. Our own engine's analysis stays the one above.
 */
export function DiditCaseResult({ didit, profile }: { didit: DiditState; profile: Profile }) {
  const { t } = useTranslation();
  const r = didit.result;
  return (
    <div className="sync-didit" data-didit-session={didit.sessionId}>
      <h3>{t('sync.didit.heading')}</h3>
      <div className="sync-didit-head">
        <span className="muted small">{t('sync.didit.session')}</span>
        <code>{didit.sessionId}</code>
        {didit.status && <span className="badge">{didit.status}</span>}
        {didit.url && (
          <a href={didit.url} target="_blank" rel="noreferrer">
            {t('sync.didit.link')}
          </a>
        )}
        {r && <span className="muted small">{t('sync.didit.imported', { at: formatDateTime(r.importedAt) })}</span>}
      </div>
      {didit.approval && (
        <p className={`sync-didit-approval ${didit.approval.state}`} role="status" data-testid="didit-approval">
          {didit.approval.state === 'held'
            ? t('sync.didit.approvalHeld')
            : t('sync.didit.approvalDisputed', { reasons: didit.approval.objections.map((c) => reasonCodeWords(c, null, t)).join(t('case.listSeparator')) })}
        </p>
      )}
      {r && (
        <>
          <div className="sync-didit-scores">
            <Score label={t('sync.didit.liveness')} items={r.liveness} />
            <Score label={t('sync.didit.faceMatch')} items={r.faceMatches} />
          </div>
          {r.idVerifications.map((v, n) => (
            <table key={n} className="sync-table sync-didit-compare">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t('sync.didit.field')}</span>
                  </th>
                  <th scope="col">{t('sync.didit.theirs')}</th>
                  <th scope="col">{t('sync.didit.ours')}</th>
                </tr>
              </thead>
              <tbody>
                {COMPARED.map(({ key, ours }) => {
                  const theirs = v[key];
                  const mine = ours(profile);
                  if (!theirs && !mine) return null;
                  const differs = !!theirs && !!mine && !same(theirs, mine);
                  return (
                    <tr key={key} className={differs ? 'sync-differs' : undefined}>
                      <th scope="row">{t(`sync.didit.fields.${key}`)}</th>
                      <td>{theirs ?? <span className="muted">—</span>}</td>
                      <td>
                        {mine ?? <span className="muted">—</span>}
                        {differs && <span className="badge warn sync-differs-badge">{t('sync.didit.differs')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ))}
          {r.warnings.length > 0 && (
            <ul className="sync-didit-warnings" aria-label={t('sync.didit.warnings')}>
              {r.warnings.map((w, n) => (
                <li key={n}>
                  <span className={`badge${/high|decline|fail/i.test(w.risk) ? ' sync-outbox-dead' : ' warn'}`}>{w.risk}</span>
                  {w.feature && <span className="muted small">{w.feature}</span>}
                  <span>{w.shortDescription ?? w.logType ?? ''}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
