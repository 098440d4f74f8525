import { useTranslation } from 'react-i18next';
import { CustomerPicker } from '../onboarding/CustomerPicker';
import { OnboardingWizard } from '../onboarding/OnboardingWizard';
import { navigate } from '../useHashRoute';
import '../onboarding/onboarding.css';

/** `#/onboarding`: find or begin a customer; `#/onboarding/<profileId>`: the wizard for that customer. */
export function OnboardingPage({ profileId }: { profileId?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <main className="page onboarding-page">
      {profileId ? (
        <>
          <button type="button" className="link back" onClick={() => navigate({ page: 'onboarding' })}>
            {t('onboarding.wizard.back')}
          </button>
          <OnboardingWizard profileId={profileId} />
        </>
      ) : (
        <CustomerPicker />
      )}
    </main>
  );
}
