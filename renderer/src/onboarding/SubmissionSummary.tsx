import { useTranslation } from 'react-i18next';
import type { IntakeStatus, IntakeTexts } from '../../../shared/schemas/intake';

/** What goes to the reviewer, in one glance, before the operator submits. */
export function SubmissionSummary({ status, texts }: { status: IntakeStatus; texts: IntakeTexts }) {
  const { t } = useTranslation();
  const kinds = [...new Set(status.documents.map((d) => d.kind))];
  const title = (id: string) => texts.agreements.find((a) => a.id === id)?.title ?? id;
  return (
    <dl className="summary-list">
      <div>
        <dt>{t('onboarding.status.customer')}</dt>
        <dd>{status.displayName ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('onboarding.summary.documents')}</dt>
        <dd>{kinds.length ? kinds.map((k) => t(`evidence.${k}`)).join(', ') : '—'}</dd>
      </div>
      <div>
        <dt>{t('onboarding.steps.consent')}</dt>
        <dd>{status.consent ? t('onboarding.summary.version', { version: status.consent.version }) : '—'}</dd>
      </div>
      <div>
        <dt>{t('onboarding.steps.agreements')}</dt>
        <dd>{status.agreements.accepted.length ? status.agreements.accepted.map((a) => `${title(a.id)} (${t('onboarding.summary.version', { version: a.version })})`).join(', ') : '—'}</dd>
      </div>
      {/* A company has no face to check: its owners are verified on their own applications. */}
      {status.type !== 'COMPANY' && (
        <div>
          <dt>{t('onboarding.steps.liveness')}</dt>
          <dd>{status.liveness?.status === 'PASSED' ? t('onboarding.liveness.passed') : status.liveness?.status === 'FAILED' ? t('onboarding.liveness.failed') : t('onboarding.summary.notDone')}</dd>
        </div>
      )}
    </dl>
  );
}
