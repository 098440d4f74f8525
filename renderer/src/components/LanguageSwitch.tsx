import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/i18n';

export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <label className={`language-switch ${className ?? ''}`}>
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as (typeof LANGUAGES)[number]['code'])} aria-label={t('app.language')}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
