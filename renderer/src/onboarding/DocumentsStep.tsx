import { useTranslation } from 'react-i18next';
import type { IntakeStatus } from '../../../shared/schemas/intake';
import { DocumentSlot } from './DocumentSlot';
import type { QualityLimits } from '../../../shared/liveCaptureQuality';
import { ResubmissionNotice } from './ResubmissionNotice';

/** Step 3: the identity document (camera or upload), supporting documents, and supplementary ones after a resubmission request. */
export function DocumentsStep({ status, limits, onChanged, onNext }: { status: IntakeStatus; limits: QualityLimits; onChanged(): void; onNext(): void }) {
  const { t } = useTranslation();
  const asked = status.resubmission?.items ?? [];
  const hasFront = status.documents.some((d) => d.kind === 'DOCUMENT_FRONT');
  const company = status.type === 'COMPANY';
  return (
    <section className="wizard-step" aria-labelledby="step-title">
      <h2 id="step-title">{t(company ? 'onboarding.documents.companyTitle' : 'onboarding.documents.title')}</h2>
      <p className="muted">{t('onboarding.documents.intro')}</p>
      <ResubmissionNotice status={status} />
      <div className="doc-grid">
        <DocumentSlot status={status} kind="DOCUMENT_FRONT" required requested={asked.includes('DOCUMENT_FRONT')} limits={limits} onAdded={onChanged} />
        <DocumentSlot status={status} kind="DOCUMENT_BACK" requested={asked.includes('DOCUMENT_BACK')} limits={limits} onAdded={onChanged} />
      </div>
      <h3 className="section-title">{t('onboarding.documents.supporting')}</h3>
      <div className="doc-grid">
        <DocumentSlot status={status} kind="PROOF_OF_ADDRESS" limits={limits} onAdded={onChanged} />
        <DocumentSlot status={status} kind="SOURCE_OF_FUNDS" limits={limits} onAdded={onChanged} />
        {status.resubmission || status.documents.some((d) => d.kind === 'SUPPLEMENTARY') ? (
          <DocumentSlot status={status} kind="SUPPLEMENTARY" requested={status.resubmission !== null} limits={limits} onAdded={onChanged} />
        ) : null}
      </div>
      <div className="button-row">
        <button type="button" className="button primary" onClick={onNext} disabled={!hasFront}>
          {t('onboarding.common.next')}
        </button>
        {!hasFront ? <span className="muted small">{t(company ? 'onboarding.documents.companyFrontFirst' : 'onboarding.documents.frontFirst')}</span> : null}
      </div>
    </section>
  );
}
