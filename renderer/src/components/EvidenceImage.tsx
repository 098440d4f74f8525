import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../shared/schemas/evidence';
import { api } from '../api/apiClient';

function toObjectUrl(mimeType: string, base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mimeType }));
}

/** Loads an evidence file through the API client (never a raw URL), shown as a blob. */
export function EvidenceImage({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    void api.call('evidence.get', { caseId: evidence.caseId, sha256: evidence.sha256 }).then((r) => {
      if (!live) return;
      if (!r.ok) return setFailed(r.error.message);
      objectUrl = toObjectUrl(r.value.mimeType, r.value.dataBase64);
      setUrl(objectUrl);
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [evidence.caseId, evidence.sha256]);
  const label = t(`evidence.${evidence.kind}`);
  return (
    <figure className="evidence">
      <div className="evidence-frame">
        {failed ? (
          <p className="muted">{t('case.loadFailed', { message: failed })}</p>
        ) : url === null ? (
          <span className="skeleton evidence-skeleton" aria-label={label} />
        ) : evidence.mimeType.startsWith('image/') ? (
          <img src={url} alt={label} data-evidence-kind={evidence.kind} />
        ) : (
          <a href={url} download={evidence.fileName}>
            {t('case.download', { name: evidence.fileName })}
          </a>
        )}
      </div>
      <figcaption>
        {label} <span className="muted">· {evidence.fileName}</span>
      </figcaption>
    </figure>
  );
}
