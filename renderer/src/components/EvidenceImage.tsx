import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../shared/schemas/evidence';
import { api } from '../api/apiClient';
import { ImageViewer } from './ImageViewer';

function toObjectUrl(mimeType: string, base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mimeType }));
}

// Blob URLs by content hash, shared by the thumbnails, the viewer and the compare mode; the
// oldest are released past a bound so a long shift does not hold every image in memory.
const cache = new Map<string, Promise<string>>();
const CACHE_LIMIT = 40;

function evidenceUrl(e: Evidence): Promise<string> {
  let p = cache.get(e.sha256);
  if (!p) {
    p = api.call('evidence.get', { caseId: e.caseId, sha256: e.sha256 }).then((r) => {
      if (!r.ok) {
        cache.delete(e.sha256);
        throw new Error(r.error.message);
      }
      return toObjectUrl(r.value.mimeType, r.value.dataBase64);
    });
    cache.set(e.sha256, p);
    if (cache.size > CACHE_LIMIT) {
      const [oldest, url] = cache.entries().next().value as [string, Promise<string>];
      cache.delete(oldest);
      void url.then((u) => URL.revokeObjectURL(u), () => undefined);
    }
  }
  return p;
}

/** Loads an evidence file through the API client (never a raw URL), shown as a blob. */
export function useEvidenceUrl(e: Evidence | undefined): { url: string | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    if (!e) return;
    let live = true;
    evidenceUrl(e).then(
      (url) => live && setState({ url, error: null }),
      (err: unknown) => live && setState({ url: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [e]);
  return state;
}

export function EvidenceImage({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const { url, error } = useEvidenceUrl(evidence);
  const [open, setOpen] = useState(false);
  const label = t(`evidence.${evidence.kind}`);
  return (
    <figure className="evidence">
      <div className="evidence-frame">
        {error ? (
          <p className="muted">{t('case.loadFailed', { message: error })}</p>
        ) : url === null ? (
          <span className="skeleton evidence-skeleton" aria-label={label} />
        ) : evidence.mimeType.startsWith('image/') ? (
          <button type="button" className="image-button" aria-label={`${t('viewer.open')}${t('case.colon')}${label}`} onClick={() => setOpen(true)}>
            <img src={url} alt={label} data-evidence-kind={evidence.kind} />
          </button>
        ) : evidence.mimeType.startsWith('video/') ? (
          <video src={url} controls aria-label={label} />
        ) : (
          <a href={url} download={evidence.fileName}>
            {t('case.download', { name: evidence.fileName })}
          </a>
        )}
      </div>
      <figcaption>
        {label} <span className="muted">· {evidence.fileName}</span>
      </figcaption>
      {open && url && <ImageViewer images={[{ src: url, alt: label }]} caption={label} onClose={() => setOpen(false)} />}
    </figure>
  );
}
