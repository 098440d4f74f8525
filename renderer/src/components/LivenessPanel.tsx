import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LivenessSession } from '../../../shared/schemas/liveness';
import { api } from '../api/apiClient';
import { useOperation } from '../api/useOperation';
import { formatDateTime } from '../format/formatDateTime';
import { ImageViewer } from './ImageViewer';
import { SkeletonBlock } from './Skeleton';
import { useEngineText } from '../format/useEngineText';

type ActionResult = NonNullable<LivenessSession['result']>['actions'][number];
type ClipFaceMatch = NonNullable<NonNullable<LivenessSession['result']>['faceMatch']>;

function base64ToUrl(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
}

/** One thumbnail, fetched through the API client and released when it leaves the page. */
function KeyFrame({ sessionId, sha256, alt }: { sessionId: string; sha256: string; alt: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    void api.call('liveness.frame', { sessionId, sha256 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        url = base64ToUrl(r.value.dataBase64);
        setState({ url, error: null });
      } else setState({ url: null, error: r.error.message });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sessionId, sha256]);
  if (state.error) return <span className="key-frame key-frame-missing" title={state.error}>{t('livenessReview.frameMissing')}</span>;
  if (!state.url) return <span className="key-frame skeleton" aria-label={alt} />;
  return (
    <>
      <button type="button" className="key-frame" aria-label={`${t('viewer.open')}${t('case.colon')}${alt}`} onClick={() => setOpen(true)}>
        <img src={state.url} alt={alt} data-key-frame={sha256} />
      </button>
      {open && <ImageViewer images={[{ src: state.url, alt }]} caption={alt} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Whether the clips show the reference photo's person: a session fails on this alone, so it is said beside the actions. */
function ClipFaceLine({ m }: { m: ClipFaceMatch }) {
  const { t } = useTranslation();
  const words = useEngineText();
  const reference = t(`livenessReview.faceMatch.reference.${m.reference}`);
  if (m.similarity === null) return <p className="small muted" data-testid="liveness-face-match" data-outcome="none">{t('livenessReview.faceMatch.none', { reference, detail: words(m.detailText, m.detail ?? '') })}</p>;
  const same = m.similarity >= m.threshold;
  const values = { reference, score: m.similarity.toFixed(3), threshold: m.threshold };
  return (
    <p className={`small ${same ? 'muted' : 'form-error'}`} data-testid="liveness-face-match" data-outcome={same ? 'same' : 'other'} role={same ? undefined : 'note'}>
      {t(same ? 'livenessReview.faceMatch.same' : 'livenessReview.faceMatch.other', values)}
    </p>
  );
}

function ActionRow({ sessionId, a }: { sessionId: string; a: ActionResult }) {
  const { t } = useTranslation();
  const name = t(`livenessReview.action.${a.action}`);
  const frames = a.keyFrames ?? [];
  return (
    <li className="liveness-action" data-action={a.action}>
      <div className="liveness-action-head">
        <span className={`outcome outcome-${a.detected ? 'ok' : 'fail'}`}>{a.detected ? t('livenessReview.detected') : t('livenessReview.notDetected')}</span>
        <strong>{name}</strong>
        <span className="muted small">{t('livenessReview.confidence', { value: Math.round(a.confidence * 100) })}</span>
        <span className="muted small">{t('livenessReview.faces', { found: a.facesFound, frames: a.frames })}</span>
      </div>
      <div className="small">{a.evidence}</div>
      {frames.length > 0 ? (
        <div className="key-frames" role="list" aria-label={t('livenessReview.framesOf', { action: name })}>
          {frames.map((sha, i) => (
            <span role="listitem" key={sha + i}>
              <KeyFrame sessionId={sessionId} sha256={sha} alt={t('livenessReview.frameAlt', { n: i + 1, count: frames.length, action: name })} />
            </span>
          ))}
        </div>
      ) : (
        <div className="muted small">{t('livenessReview.noFrames')}</div>
      )}
    </li>
  );
}

/**
 * Results a remote liveness provider sent through kycService's /callback/liveness: signals
 * beside our own check, never replacing it. A disagreement with our verdict is called out.
 */
function RemoteResults({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const remote = useOperation('kycApi.remoteLiveness', { caseId });
  const list = remote.data ?? [];
  if (!list.length) return null;
  return (
    <div className="liveness-remote" data-testid="remote-liveness">
      <h3>{t('livenessReview.remote.title')}</h3>
      <ul className="liveness-actions">
        {list.map((r) => (
          <li key={r.id} className="liveness-action" data-verdict={r.verdict}>
            <div className="liveness-action-head">
              <span className={`outcome outcome-${r.verdict === 'PASSED' ? 'ok' : r.verdict === 'FAILED' ? 'fail' : 'warn'}`}>{t(`livenessReview.remote.verdict.${r.verdict}`)}</span>
              {r.confidence !== null && <span className="muted small">{t('livenessReview.remote.confidence', { value: r.confidence })}</span>}
              <span className="muted small">{formatDateTime(r.receivedAt)}</span>
            </div>
            <div className="small">
              {t('livenessReview.remote.raw', { result: r.result ?? '—', session: r.sessionId ?? '—' })}
              {r.errorMessage && ` · ${t('livenessReview.remote.error', { message: r.errorMessage })}`}
            </div>
            {r.conflict && (
              <div className="form-error small" role="note">
                {t('livenessReview.remote.conflict', { local: t(`livenessReview.status.${r.localStatus ?? 'PENDING'}`) })}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The case's liveness check: the newest verified session, each challenge action with the
 * engine's verdict, its reason, and a strip of key frames from the clip to check it against.
 */
export function LivenessPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const sessions = useOperation('liveness.forCase', { caseId });
  const list = sessions.data ?? [];
  const verified = list.find((s) => s.result !== null);
  const pending = list.find((s) => s.status === 'PENDING');
  return (
    <section className="panel liveness-panel" aria-labelledby="liveness-title">
      <div className="panel-head">
        <h2 id="liveness-title">{t('livenessReview.title')}</h2>
        {verified && (
          <span className={`badge liveness-${verified.status.toLowerCase()}`}>{t(`livenessReview.status.${verified.status}`)}</span>
        )}
      </div>
      {sessions.loading && !sessions.data ? (
        <SkeletonBlock lines={3} />
      ) : sessions.error ? (
        <p className="form-error" role="alert">
          {t('case.loadFailed', { message: sessions.error.message })}
        </p>
      ) : !verified ? (
        <div className="empty-state">
          <strong>{pending ? t('livenessReview.pending') : t('livenessReview.none')}</strong>
          <span className="muted">{pending ? t('livenessReview.expires', { at: formatDateTime(pending.expiresAt) }) : t('livenessReview.noneHint')}</span>
        </div>
      ) : (
        <>
          <p className="muted small">
            {t('livenessReview.summary', { passed: verified.result!.passedActions, required: verified.result!.requiredActions, total: verified.result!.actions.length })}
            {verified.completedAt && ` · ${formatDateTime(verified.completedAt)}`}
            {list.length > 1 && ` · ${t('livenessReview.sessions', { count: list.length })}`}
          </p>
          {verified.result!.faceMatch && <ClipFaceLine m={verified.result!.faceMatch} />}
          <ul className="liveness-actions">
            {verified.result!.actions.map((a) => (
              <ActionRow key={a.action} sessionId={verified.id} a={a} />
            ))}
          </ul>
        </>
      )}
      <RemoteResults caseId={caseId} />
    </section>
  );
}
