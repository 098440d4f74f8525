import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fadeBox, fadeCropPixels } from '../../../shared/fadeCrop';
import { FADE_WIDTH } from '../../../shared/glareFade';
import { GLARE_WIDTH, blurWidth, measureFrame, type FrameQuality, type QualityLimits } from '../../../shared/liveCaptureQuality';
import { cropCanvas, frameCanvas, useCamera } from './useCamera';

/** Good frames in a row before the shot is allowed: one lucky frame is not a steady hand. */
const STEADY_FRAMES = 3;
const MEASURE_EVERY_MS = 250;

/**
 * The webcam with live quality feedback. The shutter is enabled only while the frame has been
 * good for a moment; the shot is then shown for the operator to keep or retake.
 */
export function CameraCapture({ limits, label, onAccept, onCancel, face = false }: { limits: QualityLimits; label: string; onAccept(blob: Blob): Promise<void> | void; onCancel(): void; face?: boolean }) {
  const { t } = useTranslation();
  const [shot, setShot] = useState<{ blob: Blob; url: string } | null>(null);
  const { videoRef, state } = useCamera(shot === null);
  const [quality, setQuality] = useState<FrameQuality | null>(null);
  const [steady, setSteady] = useState(0);
  const [busy, setBusy] = useState(false);
  /** The shot is being encoded (toBlob is asynchronous: a full-resolution JPEG takes a moment on a busy machine). */
  const [taking, setTaking] = useState(false);
  /** The last press of the shutter gave no photo: said, not silently ignored. */
  const [takeFailed, setTakeFailed] = useState(false);
  const canvases = useRef<{ big: HTMLCanvasElement; small: HTMLCanvasElement; fade: HTMLCanvasElement } | null>(null);

  useEffect(() => {
    if (state.kind !== 'live' || shot) return;
    const timer = setInterval(() => {
      const video = videoRef.current;
      if (!video || !video.videoWidth) return;
      canvases.current ??= { big: document.createElement('canvas'), small: document.createElement('canvas'), fade: document.createElement('canvas') };
      // The engine's scale: the same blur limit means the same thing on the camera and on the shot.
      const big = frameCanvas(video, blurWidth(video.videoWidth), canvases.current.big);
      const small = frameCanvas(video, GLARE_WIDTH, canvases.current.small);
      const pixels = (c: HTMLCanvasElement) => c.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, c.width, c.height);
      const smallPixels = pixels(small);
      // A document's card alone, found on the small frame and cut from the big one, as the engine does (fadeCrop.ts).
      const fade = face ? null : pixels(cropCanvas(big, fadeCropPixels(fadeBox(smallPixels), big.width, big.height), FADE_WIDTH, canvases.current.fade));
      const q = measureFrame(
        pixels(big),
        smallPixels,
        fade,
        Math.min(video.videoWidth, video.videoHeight),
        // A selfie and a document have blur limits of their own, as in the engine.
        face ? 'selfie' : 'document',
        limits,
      );
      setQuality(q);
      setSteady((n) => (q.problems.length === 0 ? n + 1 : 0));
    }, MEASURE_EVERY_MS);
    return () => clearInterval(timer);
  }, [state.kind, shot, limits, face, videoRef]);

  useEffect(() => () => (shot ? URL.revokeObjectURL(shot.url) : undefined), [shot]);

  const take = () => {
    const video = videoRef.current;
    setTakeFailed(false);
    // The stream can stop between the last good frame and the press (camera unplugged, tab hidden).
    if (!video || !video.videoWidth) {
      setTakeFailed(true);
      return;
    }
    setTaking(true);
    // Full camera resolution: the engine measures and reads the stored shot, not the preview.
    const canvas = frameCanvas(video, video.videoWidth);
    canvas.toBlob(
      (blob) => {
        setTaking(false);
        // Chromium answers null when it cannot encode the canvas (out of memory, a lost context).
        if (blob) setShot({ blob, url: URL.createObjectURL(blob) });
        else setTakeFailed(true);
      },
      'image/jpeg',
      0.92,
    );
  };
  const ready = state.kind === 'live' && steady >= STEADY_FRAMES;
  const problem = quality?.problems[0];

  return (
    <div className="camera" aria-label={label} role="group">
      <div className={`camera-stage${face ? ' face' : ''}`}>
        {shot ? (
          <img src={shot.url} alt={t('onboarding.camera.preview')} />
        ) : (
          <>
            <video ref={videoRef} muted playsInline aria-label={t('onboarding.camera.live')} />
            <div className={`camera-guide${face ? ' oval' : ''}${ready ? ' good' : ''}`} aria-hidden="true" />
          </>
        )}
        {state.kind === 'starting' && !shot ? <div className="camera-overlay">{t('onboarding.camera.starting')}</div> : null}
        {state.kind === 'error' ? <div className="camera-overlay error">{t(`onboarding.camera.${face ? 'errorFace' : 'error'}.${state.reason}`)}</div> : null}
      </div>
      {!shot && state.kind === 'live' ? (
        <div className="quality-feedback" aria-live="polite">
          <ul className="quality-meters">
            {(['lowResolution', 'tooDark', 'tooBright', 'blurry', 'glare'] as const).map((p) => (
              <li key={p} className={quality ? (quality.problems.includes(p) ? 'bad' : 'ok') : 'pending'}>
                {t(`onboarding.camera.check.${p}`)}
              </li>
            ))}
          </ul>
          <p className={`quality-message ${ready ? 'ok' : 'bad'}`} data-testid="quality-message">
            {ready ? t('onboarding.camera.ready') : problem ? t(`onboarding.camera.${face ? 'fixFace' : 'fix'}.${problem}`) : t('onboarding.camera.holdStill')}
          </p>
          {takeFailed ? (
            <p className="quality-message bad" role="alert" data-testid="take-failed">
              {t('onboarding.camera.takeFailed')}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="button-row">
        {shot ? (
          <>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void Promise.resolve(onAccept(shot.blob)).finally(() => setBusy(false));
              }}
            >
              {busy ? t('onboarding.common.saving') : t('onboarding.camera.usePhoto')}
            </button>
            <button type="button" className="button secondary" onClick={() => {
                setSteady(0);
                setShot(null);
              }}
              disabled={busy}
            >
              {t('onboarding.camera.retake')}
            </button>
          </>
        ) : (
          <button type="button" className="button primary" onClick={take} disabled={!ready || taking}>
            {taking ? t('onboarding.camera.taking') : t('onboarding.camera.take')}
          </button>
        )}
        <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          {t('onboarding.common.cancel')}
        </button>
      </div>
    </div>
  );
}
