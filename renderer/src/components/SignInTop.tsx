import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The top of the sign-in and first-run cards: the product's name and the language switch, before anyone is signed in. */
export function SignInTop() {
  const { t } = useTranslation();
  return (
    <div className="signin-top">
      <div className="brand-large">
        <span className="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
      </div>
      <LanguageSwitch />
    </div>
  );
}
