import { useEffect, useRef, useState } from 'react';
import { scaledSize, type PixelRect } from '../../../shared/fadeCrop';

export type CameraState = { kind: 'starting' } | { kind: 'live'; width: number; height: number } | { kind: 'error'; reason: 'denied' | 'missing' | 'unavailable' };

/**
 * Opens the webcam (getUserMedia) into a <video> element and closes it when the component
 * goes away, so the camera light never stays on behind the operator's back.
 */
export function useCamera(active: boolean) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>({ kind: 'starting' });

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    setState({ kind: 'starting' });
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ kind: 'error', reason: 'unavailable' });
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then(async (stream) => {
        if (stopped) {
          stream.getTracks().forEach((t) => t.stop());
          return;
        }
        streamRef.current = stream;
        const video = videoRef.current;
        if (video) {
          video.srcObject = stream;
          await video.play().catch(() => undefined);
          const ready = () => setState({ kind: 'live', width: video.videoWidth, height: video.videoHeight });
          if (video.videoWidth) ready();
          else video.addEventListener('loadedmetadata', ready, { once: true });
        }
      })
      .catch((e: unknown) => {
        const name = e instanceof DOMException ? e.name : '';
        setState({ kind: 'error', reason: name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' ? 'missing' : 'unavailable' });
      });
    return () => {
      stopped = true;
      streamRef.current?.getTracks().forEach((t) => t.stop());
      streamRef.current = null;
    };
  }, [active]);

  return { videoRef, streamRef, state };
}

/** Draws the current video frame at `width` (keeping the aspect) and returns the canvas. */
export function frameCanvas(video: HTMLVideoElement, width: number, canvas?: HTMLCanvasElement): HTMLCanvasElement {
  const c = canvas ?? document.createElement('canvas');
  const w = Math.min(width, video.videoWidth);
  const h = Math.max(1, Math.round((video.videoHeight / video.videoWidth) * w));
  if (c.width !== w) c.width = w;
  if (c.height !== h) c.height = h;
  c.getContext('2d', { willReadFrequently: true })!.drawImage(video, 0, 0, w, h);
  return c;
}

/**
 * Draws `crop` of a canvas at `width` (keeping the aspect, never enlarged) and returns the canvas.
 * High-quality smoothing: shrinking print several times over with the default filter aliases it,
 * where the engine's resampling (sharp's lanczos) does not. test/renderer/onboardingFrameQuality.test.ts
 * draws as this does on a Skia canvas.
 */
export function cropCanvas(source: HTMLCanvasElement, crop: PixelRect, width: number, canvas?: HTMLCanvasElement): HTMLCanvasElement {
  const c = canvas ?? document.createElement('canvas');
  const { width: w, height: h } = scaledSize(crop, width);
  if (c.width !== w) c.width = w;
  if (c.height !== h) c.height = h;
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, crop.left, crop.top, crop.width, crop.height, 0, 0, w, h);
  return c;
}

/** Records `ms` of the stream as WebM (what the liveness engine takes from the app). */
export function recordClip(stream: MediaStream, ms: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const type = ['video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
    if (!type) return reject(new Error('this browser cannot record WebM video'));
    const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 2_500_000 });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    recorder.onstop = () => resolve(new Blob(chunks, { type: 'video/webm' }));
    recorder.onerror = () => reject(new Error('recording failed'));
    recorder.start(250);
    setTimeout(() => recorder.state !== 'inactive' && recorder.stop(), ms);
  });
}
