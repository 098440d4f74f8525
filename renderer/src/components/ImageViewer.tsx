import { useEffect, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeKey } from './useEscapeKey';

interface View {
  zoom: number;
  x: number;
  y: number;
  rotate: number;
  brightness: number;
  contrast: number;
}
const INITIAL: View = { zoom: 1, x: 0, y: 0, rotate: 0, brightness: 100, contrast: 100 };

/** One image with zoom (wheel or buttons), pan (drag), rotation and brightness/contrast. */
export function ZoomPane({ src, alt }: { src: string; alt: string }) {
  const { t } = useTranslation();
  const [v, setV] = useState<View>(INITIAL);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const img = useRef<HTMLImageElement>(null);
  // Applied through the CSSOM, which the strict CSP allows (inline style attributes are not).
  useEffect(() => {
    const el = img.current;
    if (!el) return;
    el.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.zoom}) rotate(${v.rotate}deg)`;
    el.style.filter = `brightness(${v.brightness}%) contrast(${v.contrast}%)`;
  }, [v]);
  const zoomBy = (f: number) => setV((s) => ({ ...s, zoom: Math.min(8, Math.max(0.5, s.zoom * f)) }));
  return (
    <div className="zoom-pane">
      <div
        className="zoom-stage"
        onWheel={(e: WheelEvent) => zoomBy(e.deltaY < 0 ? 1.15 : 1 / 1.15)}
        onPointerDown={(e: PointerEvent) => {
          drag.current = { x: e.clientX - v.x, y: e.clientY - v.y };
          (e.target as Element).setPointerCapture?.(e.pointerId);
        }}
        onPointerMove={(e: PointerEvent) => drag.current && setV((s) => ({ ...s, x: e.clientX - drag.current!.x, y: e.clientY - drag.current!.y }))}
        onPointerUp={() => (drag.current = null)}
      >
        <img ref={img} src={src} alt={alt} draggable={false} />
      </div>
      <div className="zoom-controls">
        <button type="button" className="button secondary" aria-label={t('viewer.zoomIn')} onClick={() => zoomBy(1.25)}>
          +
        </button>
        <button type="button" className="button secondary" aria-label={t('viewer.zoomOut')} onClick={() => zoomBy(0.8)}>
          −
        </button>
        <button type="button" className="button secondary" onClick={() => setV((s) => ({ ...s, rotate: (s.rotate + 90) % 360 }))}>
          {t('viewer.rotate')} ↻
        </button>
        <label>
          {t('viewer.brightness')}
          <input type="range" min={40} max={200} value={v.brightness} onChange={(e) => setV((s) => ({ ...s, brightness: Number(e.target.value) }))} />
        </label>
        <label>
          {t('viewer.contrast')}
          <input type="range" min={40} max={200} value={v.contrast} onChange={(e) => setV((s) => ({ ...s, contrast: Number(e.target.value) }))} />
        </label>
        <button type="button" className="button secondary" onClick={() => setV(INITIAL)}>
          {t('viewer.reset')}
        </button>
      </div>
    </div>
  );
}

/** Full-screen viewer: one image, or the document portrait and the selfie side by side. */
export function ImageViewer({ images, caption, onClose }: { images: { src: string; alt: string }[]; caption?: string; onClose(): void }) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEscapeKey(onClose);
  // On mount only: the case page behind re-renders while the viewer is open.
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay viewer" role="dialog" aria-modal="true" aria-label={images.map((i) => i.alt).join(' / ')}>
      <div className="viewer-card">
        <div className="viewer-head">
          {caption && <strong className="viewer-caption">{caption}</strong>}
          <span className="spacer" />
          <button ref={close} type="button" className="button secondary" onClick={onClose}>
            {t('viewer.close')}
          </button>
        </div>
        <div className={`viewer-panes panes-${images.length}`}>
          {images.map((i) => (
            <ZoomPane key={i.src} src={i.src} alt={i.alt} />
          ))}
        </div>
      </div>
    </div>
  );
}
