import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { ErrorCode } from '../../../shared/errorCodes';
import type { IntakeStatus } from '../../../shared/schemas/intake';
import type { LivenessSession } from '../../../shared/schemas/liveness';
import { CameraCapture } from './CameraCapture';
import type { QualityLimits } from '../../../shared/liveCaptureQuality';
import { blobToBase64 } from './fileData';
import { recordClip, useCamera } from './useCamera';
import { LivenessResult } from './LivenessResult';
import { formatDateTime } from '../format/formatDateTime';
import { errorMessage } from '../api/errorMessage';

const CLIP_MS = 3000;
const COUNTDOWN_FROM = 3;

type Action = LivenessSession['actions'][number];
type Phase =
  | { kind: 'idle' }
  | { kind: 'action'; session: LivenessSession; index: number; clips: { action: Action; blob: Blob }[]; stage: 'ready' | 'countdown' | 'recording'; count: number }
  | { kind: 'verifying'; session: LivenessSession }
  | { kind: 'error'; message: string };

/**
 * While the clips are checked: how long it has taken, and a way on. The check runs in the
 * service whether or not this page stays open, and its result is stored with the case.
 */
function Verifying({ onNext }: { onNext(): void }) {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="notice verifying">
      <p aria-live="polite">{t('onboarding.liveness.verifying')}</p>
      {/* Not live: a count read out every second would drown everything else. */}
      <p className="muted small">
        {t('onboarding.liveness.verifyingElapsed', { seconds })} {t('onboarding.liveness.verifyingLeave')}
      </p>
      <button type="button" className="button secondary" onClick={onNext}>
        {t('onboarding.liveness.verifyingGoOn')}
      </button>
    </div>
  );
}

/**
 * Step 6: a selfie, then the liveness challenge: three random actions from the engine, shown
 * one at a time, each recorded from the webcam as a short WebM clip and sent for verification.
 */
export function LivenessStep({ status, limits, onChanged, onNext, onGoPersonal }: { status: IntakeStatus; limits: QualityLimits; onChanged(): Promise<unknown>; onNext(): void; onGoPersonal(): void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [retakeSelfie, setRetakeSelfie] = useState(false);
  const [noFace, setNoFace] = useState(false);
  const inChallenge = phase.kind === 'action';
  const { videoRef, streamRef, state } = useCamera(inChallenge);
  const since = status.resubmission?.at ?? '';
  const selfie = status.documents.filter((d) => d.kind === 'SELFIE').at(-1);
  const needSelfie = !selfie || retakeSelfie || (status.resubmission?.items.includes('SELFIE') && selfie.createdAt <= since);

  // Countdown, then record the current action; the next action follows on its own.
  useEffect(() => {
    if (phase.kind !== 'action') return;
    if (phase.stage === 'countdown') {
      const timer = setTimeout(() => setPhase(phase.count > 1 ? { ...phase, count: phase.count - 1 } : { ...phase, stage: 'recording' }), 700);
      return () => clearTimeout(timer);
    }
    if (phase.stage === 'recording') {
      const stream = streamRef.current;
      if (!stream) return;
      let live = true;
      void recordClip(stream, CLIP_MS)
        .then((blob) => {
          if (!live) return;
          const clips = [...phase.clips, { action: phase.session.actions[phase.index]!, blob }];
          if (clips.length < phase.session.actions.length) setPhase({ ...phase, index: phase.index + 1, clips, stage: 'ready', count: COUNTDOWN_FROM });
          else void verify(phase.session, clips);
        })
        .catch((e: unknown) => live && setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
      return () => {
        live = false;
      };
    }
    return undefined;
    // Keyed on the stage, action and count only: the phase object itself changes identity on every set.
  }, [phase.kind === 'action' ? `${phase.stage}-${phase.index}-${phase.count}` : phase.kind]);

  async function start() {
    if (!status.caseId) return;
    const r = await api.call('liveness.start', { caseId: status.caseId });
    if (!r.ok) {
      handleError(r.error);
      setPhase({ kind: 'error', message: errorMessage(r.error) });
      return;
    }
    setPhase({ kind: 'action', session: r.value, index: 0, clips: [], stage: 'ready', count: COUNTDOWN_FROM });
  }

  async function verify(session: LivenessSession, clips: { action: Action; blob: Blob }[]) {
    setPhase({ kind: 'verifying', session });
    const payload = await Promise.all(clips.map(async (c) => ({ action: c.action, mimeType: 'video/webm' as const, dataBase64: await blobToBase64(c.blob) })));
    const r = await api.call('liveness.verify', { sessionId: session.id, clips: payload });
    if (!r.ok) {
      if (r.error.code === ErrorCode.SESSION_EXPIRED) handleError(r.error);
      setPhase({ kind: 'error', message: r.error.code === ErrorCode.ENGINE_OFF ? t('onboarding.liveness.engineOff') : errorMessage(r.error) });
      return;
    }
    await onChanged();
    setPhase({ kind: 'idle' });
  }

  if (!status.caseId) {
    return (
      <section className="wizard-step" aria-labelledby="step-title">
        <h2 id="step-title">{t('onboarding.liveness.title')}</h2>
        <p className="notice">{t('onboarding.liveness.needProfile')}</p>
        <button type="button" className="button primary" onClick={onGoPersonal}>
          {t('onboarding.steps.personalInfo')}
        </button>
      </section>
    );
  }

  const verified = status.liveness && (status.liveness.status === 'PASSED' || status.liveness.status === 'FAILED') ? status.liveness : null;
  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title">{t('onboarding.liveness.title')}</h2>
      <p className="muted">{t('onboarding.liveness.intro')}</p>

      <h3 className="section-title">{t('onboarding.liveness.selfie')}</h3>
      {needSelfie && noFace ? (
        <p className="notice warn" role="alert" data-testid="selfie-no-face">
          {t('onboarding.liveness.noFace')}
        </p>
      ) : null}
      {needSelfie ? (
        <CameraCapture
          face
          limits={limits}
          label={t('onboarding.camera.labelFor', { what: t('evidence.SELFIE') })}
          onCancel={() => setRetakeSelfie(false)}
          onAccept={async (blob) => {
            const r = await api.call('intake.addDocument', { profileId: status.profileId, kind: 'SELFIE', fileName: 'selfie-camera.jpg', mimeType: 'image/jpeg', dataBase64: await blobToBase64(blob) });
            setNoFace(!r.ok && r.error.code === ErrorCode.SELFIE_NO_FACE);
            if (!r.ok) return r.error.code === ErrorCode.SELFIE_NO_FACE ? undefined : handleError(r.error);
            setRetakeSelfie(false);
            await onChanged();
          }}
        />
      ) : (
        <p className="notice ok">
          {t('onboarding.liveness.selfieOnFile', { at: formatDateTime(selfie!.createdAt) })}{' '}
          <button type="button" className="link" onClick={() => setRetakeSelfie(true)}>
            {t('onboarding.camera.retake')}
          </button>
        </p>
      )}

      <h3 className="section-title">{t('onboarding.liveness.challenge')}</h3>
      {phase.kind === 'action' ? (
        <div className="liveness-stage">
          <div className="camera-stage face">
            <video ref={videoRef} muted playsInline aria-label={t('onboarding.camera.live')} className="mirror" />
            <div className="camera-guide oval" aria-hidden="true" />
            {state.kind === 'error' ? <div className="camera-overlay error">{t(`onboarding.camera.errorFace.${state.reason}`)}</div> : null}
            {phase.stage === 'countdown' ? <div className="countdown" aria-hidden="true">{phase.count}</div> : null}
            {phase.stage === 'recording' ? <div className="recording-dot">{t('onboarding.liveness.recording')}</div> : null}
          </div>
          <div className="liveness-instruction" aria-live="assertive">
            <span className="muted small">{t('onboarding.liveness.actionOf', { n: phase.index + 1, total: phase.session.actions.length })}</span>
            <strong data-testid="liveness-action">{t(`onboarding.liveness.action.${phase.session.actions[phase.index]}`)}</strong>
            <span className="muted small">{t('onboarding.liveness.expires', { at: new Date(phase.session.expiresAt).toLocaleTimeString() })}</span>
            {phase.stage === 'ready' ? (
              <button type="button" className="button primary" disabled={state.kind !== 'live'} onClick={() => setPhase({ ...phase, stage: 'countdown', count: COUNTDOWN_FROM })}>
                {t('onboarding.liveness.record')}
              </button>
            ) : null}
          </div>
        </div>
      ) : phase.kind === 'verifying' ? (
        <Verifying onNext={onNext} />
      ) : (
        <>
          {phase.kind === 'error' ? (
            <p className="notice warn" role="alert">
              {phase.message}
            </p>
          ) : null}
          {verified ? <LivenessResult session={verified} /> : null}
          <div className="button-row">
            <button type="button" className={verified ? 'button secondary' : 'button primary'} onClick={() => void start()} disabled={needSelfie || !status.editable}>
              {verified || phase.kind === 'error' ? t('onboarding.liveness.again') : t('onboarding.liveness.start')}
            </button>
            {verified ? (
              <button type="button" className="button primary" onClick={onNext}>
                {verified.status === 'PASSED' ? t('onboarding.common.next') : t('onboarding.liveness.continueFailed')}
              </button>
            ) : status.missingForSubmit.includes('liveness') ? null : (
              // Liveness is not required to submit: staff are never held here by a camera that fails.
              <button type="button" className="button secondary" onClick={onNext}>
                {t('onboarding.liveness.continueWithout')}
              </button>
            )}
            {needSelfie ? <span className="muted small">{t('onboarding.liveness.selfieFirst')}</span> : null}
          </div>
        </>
      )}
    </section>
  );
}
