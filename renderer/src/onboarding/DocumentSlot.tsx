import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { MAX_EVIDENCE_BYTES } from '../../../shared/schemas/evidence';
import { INTAKE_DOCUMENT_MIME_TYPES, type IntakeDocument, type IntakeStatus } from '../../../shared/schemas/intake';
import { CameraCapture } from './CameraCapture';
import type { QualityLimits } from '../../../shared/liveCaptureQuality';
import { blobToBase64, formatBytes } from './fileData';
import { formatDateTime } from '../format/formatDateTime';
import { errorMessage } from '../api/errorMessage';

type Kind = IntakeDocument['kind'];
const ACCEPT = INTAKE_DOCUMENT_MIME_TYPES.join(',');

/**
 * One document: what is on file, and two ways to add it — the webcam (with live quality
 * feedback) or a JPG/PNG/PDF upload. Files are checked here as the service checks them.
 */
export function DocumentSlot({ status, kind, required, requested, limits, onAdded }: { status: IntakeStatus; kind: Kind; required?: boolean; requested?: boolean; limits: QualityLimits; onAdded(): void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [mode, setMode] = useState<'idle' | 'camera' | 'sending'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const onFile = status.documents.filter((d) => d.kind === kind);
  const latest = onFile.at(-1);
  const since = status.resubmission?.at ?? '';
  const fresh = latest && latest.createdAt > since;

  async function send(blob: Blob, fileName: string, mimeType: string) {
    setError(null);
    if (!(INTAKE_DOCUMENT_MIME_TYPES as readonly string[]).includes(mimeType)) {
      setError(t('onboarding.documents.wrongType'));
      return;
    }
    if (blob.size === 0) {
      setError(t('onboarding.documents.empty'));
      return;
    }
    if (blob.size > MAX_EVIDENCE_BYTES) {
      setError(t('onboarding.documents.tooLarge', { max: formatBytes(MAX_EVIDENCE_BYTES) }));
      return;
    }
    setMode('sending');
    const r = await api.call('intake.addDocument', {
      profileId: status.profileId,
      kind,
      fileName,
      mimeType: mimeType as (typeof INTAKE_DOCUMENT_MIME_TYPES)[number],
      dataBase64: await blobToBase64(blob),
    });
    setMode('idle');
    if (!r.ok) {
      setError(errorMessage(r.error));
      handleError(r.error);
      return;
    }
    if (mimeType !== 'application/pdf') {
      if (preview) URL.revokeObjectURL(preview);
      setPreview(URL.createObjectURL(blob));
    }
    onAdded();
  }

  return (
    <div className={`doc-slot${requested ? ' requested' : ''}`} data-kind={kind}>
      <div className="doc-slot-head">
        <h3>
          {t(`evidence.${kind}`)}
          {required ? <span className="required-mark"> *</span> : null}
        </h3>
        {latest ? (
          <span className={`badge ${requested && !fresh ? 'warn' : 'status-approved'}`}>{requested && !fresh ? t('onboarding.documents.replace') : t('onboarding.documents.onFile')}</span>
        ) : (
          <span className="badge">{required ? t('onboarding.documents.needed') : t('onboarding.documents.optional')}</span>
        )}
      </div>
      {preview ? <img className="doc-preview" src={preview} alt={t(`evidence.${kind}`)} /> : null}
      {latest ? (
        <p className="small muted doc-file">
          {latest.fileName} · {formatBytes(latest.byteSize)} · {formatDateTime(latest.createdAt)}
          {onFile.length > 1 ? ` · ${t('onboarding.documents.versions', { count: onFile.length })}` : ''}
        </p>
      ) : null}
      {mode === 'camera' ? (
        <CameraCapture
          limits={limits}
          label={t('onboarding.camera.labelFor', { what: t(`evidence.${kind}`) })}
          onCancel={() => setMode('idle')}
          onAccept={(blob) => send(blob, `${kind.toLowerCase()}-camera.jpg`, 'image/jpeg')}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button secondary" onClick={() => setMode('camera')} disabled={mode === 'sending' || !status.editable}>
            {t('onboarding.documents.useCamera')}
          </button>
          {/* The input comes first so the visible label shows its keyboard focus (input:focus-visible + label). */}
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept={ACCEPT}
            aria-label={t('onboarding.documents.uploadFor', { what: t(`evidence.${kind}`) })}
            disabled={mode === 'sending' || !status.editable}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void send(file, file.name, file.type);
            }}
          />
          <label htmlFor={inputId} className={`button secondary file-button${mode === 'sending' || !status.editable ? ' disabled' : ''}`}>
            {t('onboarding.documents.upload')}
          </label>
          {mode === 'sending' ? <span className="muted small">{t('onboarding.common.saving')}</span> : null}
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
