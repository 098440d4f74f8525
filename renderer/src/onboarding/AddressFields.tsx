import { useTranslation } from 'react-i18next';
import { CountryField, TextField } from './fields';

export function AddressFields() {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('fields.address')}</legend>
      <div className="form-grid">
        <TextField path="address.street1" label={t('fields.street')} required autoComplete="address-line1" />
        <TextField path="address.street2" label={t('onboarding.form.street2')} autoComplete="address-line2" />
        <TextField path="address.city" label={t('fields.city')} required autoComplete="address-level2" />
        <TextField path="address.state" label={t('fields.state')} required autoComplete="address-level1" />
        <TextField path="address.zipCode" label={t('fields.zipCode')} required autoComplete="postal-code" />
        <CountryField path="address.countryCode" label={t('fields.country')} required />
      </div>
    </fieldset>
  );
}
