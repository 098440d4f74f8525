import { useTranslation } from 'react-i18next';
import { requiresIneFields, type PersonDocumentType } from '../../../shared/documentTypes';
import { CountryField, TextField } from './fields';
import { getAt, type FormValues } from './formModel';
import { AddressFields } from './AddressFields';
import { formatDate } from '../format/formatDateTime';
import { DocumentIdFields } from './DocumentIdFields';

/** KillB's PERSON fields; the document types follow the issuing country (shared/documentTypes). */
export function PersonFields({ values }: { values: FormValues }) {
  const { t } = useTranslation();
  const type = String(getAt(values, 'document.type') ?? '');
  // Said at once, while the customer is at the counter; the engine flags it for the officer too.
  const expiry = String(getAt(values, 'document.expiryDate') ?? '');
  const expired = /^\d{4}-\d{2}-\d{2}$/.test(expiry) && expiry < new Date().toISOString().slice(0, 10);
  return (
    <>
      <fieldset className="form-section">
        <legend>{t('fields.personal')}</legend>
        <div className="form-grid">
          <TextField path="externalId" label={t('fields.externalId')} hint={t('onboarding.form.externalIdHint')} required />
          <span />
          <TextField path="firstName" label={t('fields.firstName')} required autoComplete="given-name" />
          <TextField path="middleName" label={t('fields.middleName')} autoComplete="additional-name" />
          <TextField path="lastName" label={t('fields.lastName')} required autoComplete="family-name" />
          <TextField path="dateOfBirth" label={t('fields.dateOfBirth')} type="date" required />
          <CountryField path="nationality" label={t('fields.nationality')} />
          <span />
          <TextField path="email" label={t('fields.email')} type="email" required autoComplete="email" />
          <TextField path="phone" label={t('fields.phone')} type="tel" hint={t('onboarding.form.phoneHint')} required autoComplete="tel" />
        </div>
      </fieldset>
      <AddressFields />
      <fieldset className="form-section">
        <legend>{t('fields.identityDocument')}</legend>
        <div className="form-grid">
          <DocumentIdFields values={values} holder="person" />
          <TextField path="document.expeditionDate" label={t('fields.issuedOn')} type="date" />
          <TextField path="document.expiryDate" label={t('fields.expiresOn')} type="date" />
          {type && requiresIneFields(type as PersonDocumentType) ? (
            <>
              <TextField path="document.cic" label={t('fields.cic')} hint={t('onboarding.form.nineDigits')} required />
              <TextField path="document.identificadorCiudadano" label={t('fields.identificadorCiudadano')} hint={t('onboarding.form.nineDigits')} required />
            </>
          ) : null}
        </div>
        {expired ? (
          <p className="notice warn" role="alert" data-testid="document-expired">
            {t('onboarding.prefill.expired', { date: formatDate(expiry) })}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
