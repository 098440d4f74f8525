import { useTranslation } from 'react-i18next';
import { LEGAL_STRUCTURES } from '../../../shared/schemas/profile';
import { SelectField, TextField } from './fields';
import type { FormValues } from './formModel';
import { AddressFields } from './AddressFields';
import { DocumentIdFields } from './DocumentIdFields';

/** KillB's COMPANY fields (owners are picked separately); the registration schemes follow the issuing country. */
export function CompanyFields({ values }: { values: FormValues }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="form-section">
        <legend>{t('fields.company')}</legend>
        <div className="form-grid">
          <TextField path="externalId" label={t('fields.externalId')} hint={t('onboarding.form.externalIdHint')} required />
          <TextField path="companyName" label={t('fields.companyName')} required autoComplete="organization" />
          <TextField path="tradeName" label={t('fields.tradeName')} />
          <TextField path="registeredNumber" label={t('fields.registeredNumber')} />
          <SelectField path="legalStructure" label={t('fields.legalStructure')} options={LEGAL_STRUCTURES.map((v) => ({ value: v, label: t(`onboarding.enum.legal.${v}`) }))} />
          <TextField path="establishedOn" label={t('fields.establishedOn')} type="date" />
          <TextField path="naics" label={t('fields.naics')} hint={t('onboarding.form.naicsHint')} />
          <span />
          <TextField path="email" label={t('fields.email')} type="email" />
          <TextField path="phone" label={t('fields.phone')} type="tel" hint={t('onboarding.form.phoneHint')} />
        </div>
      </fieldset>
      <AddressFields />
      <fieldset className="form-section">
        <legend>{t('onboarding.form.companyDocument')}</legend>
        <div className="form-grid">
          <DocumentIdFields values={values} holder="company" />
        </div>
      </fieldset>
    </>
  );
}
