import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { Profile } from '../../../shared/schemas/profile';
import { useOperation } from '../api/useOperation';
import { formatDateTime } from '../format/formatDateTime';
import { useSession } from '../store/sessionStore';
import { routeHash } from '../useHashRoute';
import { CONNECTOR_NAMES, kindKey } from './connectorNames';
import { useActivePolling } from './useActivePolling';
import { DiditCaseResult } from './DiditCaseResult';
import './sync.css';

const POLL_MS = 5_000;

function allowed(role: string | undefined, op: keyof typeof contract): boolean {
  return !!role && (contract[op].roles as readonly string[]).includes(role);
}

/**
 * A case's standing with the remotes: the records it is linked to there (e.g. its KillB user)
 * and each remote effect queued for it, so a reviewer sees a refusal on the case itself.
 * `version` is the case's: a decision on the page queues effects, so the panel reloads with it.
 */
export function CaseSyncPanel({ caseId, version, profile }: { caseId: string; version: number; profile: Profile }) {
  const { t } = useTranslation();
  const uid = useId();
  const role = useSession((s) => s.session?.operator.role);
  const canRead = allowed(role, 'sync.caseState');
  const state = useOperation('sync.caseState', canRead ? { caseId } : null);
  const reload = state.reload;
  const seenVersion = useRef(version);
  useEffect(() => {
    // The first version was loaded with the panel; only a later one needs a reload.
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    reload();
  }, [version, reload]);
  // Only while something is on its way: a settled case has nothing to watch.
  const moving = state.data?.outbox.some((o) => o.status === 'pending' || o.status === 'delivering') ?? false;
  useActivePolling(reload, moving ? POLL_MS : null);

  const data = state.data;
  if (!canRead || !data || (data.links.length === 0 && data.outbox.length === 0 && !data.didit)) return null;
  const dead = data.outbox.some((o) => o.status === 'dead');
  return (
    <section className="panel sync-case" aria-labelledby={`${uid}-title`}>
      <div className="panel-head">
        <h2 id={`${uid}-title`}>{t('sync.case.heading')}</h2>
        {allowed(role, 'sync.deadLetters') && (
          <a className="button secondary" href={routeHash({ page: 'sync' })}>
            {t('sync.case.openSettings')}
          </a>
        )}
      </div>
      {dead && (
        <p className="sync-dead-hint" role="alert">
          {t('sync.case.deadHint')}
        </p>
      )}
      {data.didit && <DiditCaseResult didit={data.didit} profile={profile} />}
      <h3>{t('sync.case.links')}</h3>
      {data.links.length ? (
        <ul className="sync-links">
          {data.links.map((l) => (
            <li key={`${l.connector}:${l.remoteId}`} data-connector={l.connector}>
              <strong>{CONNECTOR_NAMES[l.connector]}</strong>
              <span className="muted small">{t('sync.case.remoteId')}</span>
              <code>{l.remoteId}</code>
              {l.remoteStatus && (
                <span className="badge" title={t('sync.case.remoteStatus')}>
                  {l.remoteStatus}
                </span>
              )}
              {l.accessLevel && (
                <span className="badge" title={t('sync.case.accessLevelTitle')}>
                  {t('sync.case.accessLevel', { level: l.accessLevel })}
                </span>
              )}
              {/* Seed 001 gives no way to read a user back, so what KillB said at creation is all there is. */}
              {l.connector === 'killb' && <span className="muted small">{t('sync.case.killbAsCreated')}</span>}
              <time className="muted small" dateTime={l.updatedAt}>
                {formatDateTime(l.updatedAt)}
              </time>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('sync.case.noLinks')}</p>
      )}
      {data.outbox.length > 0 && (
        <>
          <h3>{t('sync.case.outbox')}</h3>
          <table className="sync-table sync-case-outbox">
            <thead>
              <tr>
                <th scope="col">{t('sync.dead.kind')}</th>
                <th scope="col">{t('sync.case.status')}</th>
                <th scope="col">{t('sync.case.attempts')}</th>
                <th scope="col">{t('sync.case.lastError')}</th>
                <th scope="col">{t('sync.case.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.outbox.map((o) => (
                <tr key={o.id} data-status={o.status}>
                  <td>{t(kindKey(o.kind), { defaultValue: o.kind })}</td>
                  <td>
                    <span className={`badge sync-outbox-${o.status}`}>{t(`sync.outbox.${o.status}`)}</span>
                  </td>
                  <td className="num">{o.attempts}</td>
                  <td className="sync-error-cell">{o.lastError ?? <span className="muted">—</span>}</td>
                  <td>{formatDateTime(o.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
