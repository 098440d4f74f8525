import { useTranslation } from 'react-i18next';
import { formatDate } from '../format/formatDateTime';
import type { LegalText } from '../../../shared/schemas/intake';

/** A text of record: the English original, and the Chinese translation beside it in the Chinese UI. */
export function LegalTextView({ text }: { text: LegalText }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN' ? text.zhCN : null;
  return (
    <article className="legal-text" aria-label={zh?.title ?? text.title}>
      <header>
        <h3>{zh?.title ?? text.title}</h3>
        <span className="muted small">{t('onboarding.legal.version', { version: text.version, date: formatDate(text.publishedAt) })}</span>
      </header>
      <div className="legal-body" tabIndex={0}>
        {zh ? (
          <>
            <p>{zh.text}</p>
            <p className="muted small">{t('onboarding.legal.original')}</p>
            <p className="original">{text.text}</p>
          </>
        ) : (
          <p>{text.text}</p>
        )}
      </div>
    </article>
  );
}
