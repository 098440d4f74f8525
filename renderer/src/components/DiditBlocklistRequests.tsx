import { useTranslation } from 'react-i18next';
import type { BlocklistTargets } from '../../../shared/schemas/screening';
import { formatDateTime } from '../format/formatDateTime';

/**
 * What was asked of Didit's blocklist for this case and where each request stands: Didit's list
 * cannot be read back, so a refused or discarded request is said as "not blocked at Didit", and a
 * face that only Didit held as blocked nowhere, never left to read as done.
 */
export function DiditBlocklistRequests({ targets }: { targets: BlocklistTargets }) {
  const { t } = useTranslation();
  if (!targets.diditRequests.length) return null;
  return (
    <>
      {targets.diditRequests.map((r) => {
        const what = [r.face ? t('screening.face') : null, r.document ? t('screening.document') : null].filter(Boolean).join(t('case.listSeparator'));
        const failed = r.status === 'dead' || r.status === 'discarded';
        // A request being retried says why its last attempt failed.
        const state = r.status === 'pending' && r.lastError ? t('screening.diditState.retrying', { error: r.lastError }) : t(`screening.diditState.${r.status}`, { error: r.lastError ?? '' });
        return (
          <li key={r.id} className={`flag ${failed ? 'flag-block' : 'flag-dup'}`} data-didit-blocklist={r.status}>
            <strong>{t('screening.diditRequest', { what, at: formatDateTime(r.at) })}</strong> <span className="small">{state}</span>
            {failed && r.face && !targets.localFace ? <span className="small"> {t('screening.faceBlockedNowhere')}</span> : null}
          </li>
        );
      })}
    </>
  );
}
