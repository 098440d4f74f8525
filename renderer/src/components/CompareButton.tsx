import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/schemas/case';
import { useEvidenceUrl } from './EvidenceImage';
import { ImageViewer } from './ImageViewer';

/** The document (its portrait) next to the selfie, with the face-match score and threshold. */
export function CompareButton({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const front = detail.evidence.filter((e) => e.kind === 'DOCUMENT_FRONT').at(-1);
  const selfie = detail.evidence.filter((e) => e.kind === 'SELFIE').at(-1);
  const a = useEvidenceUrl(front);
  const b = useEvidenceUrl(selfie);
  if (!front || !selfie) return null;
  const fm = detail.analysis?.faceMatch;
  const caption = fm?.similarity != null ? t('viewer.score', { score: fm.similarity.toFixed(3), threshold: fm.threshold }) : t('viewer.compare');
  return (
    <>
      <button type="button" className="button secondary" disabled={!a.url || !b.url} onClick={() => setOpen(true)}>
        {t('viewer.compare')}
      </button>
      {open && a.url && b.url && (
        <ImageViewer
          images={[
            { src: a.url, alt: t('evidence.DOCUMENT_FRONT') },
            { src: b.url, alt: t('evidence.SELFIE') },
          ]}
          caption={caption}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
