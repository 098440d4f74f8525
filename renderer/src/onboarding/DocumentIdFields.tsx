import { useTranslation } from 'react-i18next';
import { companyDocumentTypesFor, documentTypesFor } from '../../../shared/documentTypes';
import { CountryField, SelectField, TextField } from './fields';
import { getAt, type FormValues } from './formModel';

/**
 * The issuing country, the document type from that country's list (shared/documentTypes) and the
 * number with the type's format as its hint: a person's identity document and a company's
 * registration document are asked for alike.
 */
export function DocumentIdFields({ values, holder }: { values: FormValues; holder: 'person' | 'company' }) {
  const { t } = useTranslation();
  const country = String(getAt(values, 'document.issuedCountryCode') ?? '');
  const type = String(getAt(values, 'document.type') ?? '');
  const types: readonly string[] = !country ? [] : holder === 'person' ? documentTypesFor(country) : companyDocumentTypesFor(country);
  const typeWords = holder === 'person' ? 'onboarding.docType' : 'onboarding.companyDocType';
  return (
    <>
      <CountryField path="document.issuedCountryCode" label={t('fields.issuedBy')} required />
      <SelectField
        path="document.type"
        label={t('fields.type')}
        required
        placeholder={country ? t('onboarding.form.choose') : t('onboarding.form.countryFirst')}
        options={types.map((v) => ({ value: v, label: t(`${typeWords}.${v}`) }))}
      />
      <TextField
        path="document.number"
        label={t('fields.number')}
        required
        {...(types.includes(type) ? { hint: t('onboarding.form.format', { format: t(`docFormat.${holder}.${type}`) }) } : {})}
      />
    </>
  );
}
