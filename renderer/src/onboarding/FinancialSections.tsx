import { useTranslation } from 'react-i18next';
import {
  ASSET_RANGES,
  MONTHLY_AMOUNT_RANGES,
  MONTHLY_COUNT_RANGES,
  REGULATED_STATUSES,
  RESTRICTED_ACTIVITIES,
  SOURCE_OF_FUNDS,
} from '../../../shared/schemas/profile';
import { CheckboxGroup, CountryListField, SelectField, TextField } from './fields';
import { getAt, type FormValues } from './formModel';

/** Optional sections are switched on here; switched off, they are left out of what is saved. */
export const INCLUDE = '_include';

function useOptions(group: string, values: readonly string[]) {
  const { t } = useTranslation();
  return values.map((v) => ({ value: v, label: t(`onboarding.enum.${group}.${v}`) }));
}

function SectionToggle({ values, set, section, label }: { values: FormValues; set(path: string, v: unknown): void; section: string; label: string }) {
  const on = getAt(values, `${INCLUDE}.${section}`) === true;
  return (
    <label className="check section-toggle">
      <input type="checkbox" checked={on} onChange={(e) => set(`${INCLUDE}.${section}`, e.target.checked)} />
      {label}
    </label>
  );
}

// The fiat fields are required once the section is sent; the crypto ones are optional (KillB's
// own example sends only the fiat ones), so they are listed apart and not marked required.
const COUNT_FIELDS = ['monthlyDeposits', 'monthlyWithdrawals'] as const;
const AMOUNT_FIELDS = ['monthlyInvestmentDeposit', 'monthlyInvestmentWithdrawal'] as const;
const CRYPTO_COUNT_FIELDS = ['monthlyCryptoDeposits', 'monthlyCryptoWithdrawals'] as const;
const CRYPTO_AMOUNT_FIELDS = ['usdValueOfCrypto', 'monthlyCryptoInvestmentDeposit', 'monthlyCryptoInvestmentWithdrawal'] as const;

/** KillB's investment profile. */
export function InvestmentSection({ values, set }: { values: FormValues; set(path: string, v: unknown): void }) {
  const { t } = useTranslation();
  const funds = useOptions('sourceOfFunds', SOURCE_OF_FUNDS);
  const assets = useOptions('assets', ASSET_RANGES);
  const counts = useOptions('count', MONTHLY_COUNT_RANGES);
  const amounts = useOptions('amount', MONTHLY_AMOUNT_RANGES);
  const on = getAt(values, `${INCLUDE}.investmentProfile`) === true;
  return (
    <fieldset className="form-section optional">
      <legend>{t('fields.investment')}</legend>
      <SectionToggle values={values} set={set} section="investmentProfile" label={t('onboarding.form.includeInvestment')} />
      {on ? (
        <div className="form-grid">
          <SelectField path="investmentProfile.primarySourceOfFunds" label={t('fields.sourceOfFunds')} options={funds} required />
          <TextField path="investmentProfile.primarySourceOfFundsDescription" label={t('fields.description')} required />
          <SelectField path="investmentProfile.totalAssets" label={t('fields.totalAssets')} options={assets} required />
          <SelectField path="investmentProfile.usdValueOfFiat" label={t('onboarding.field.usdValueOfFiat')} options={assets} required />
          {COUNT_FIELDS.map((f) => (
            <SelectField key={f} path={`investmentProfile.${f}`} label={t(`onboarding.field.${f}`)} options={counts} required />
          ))}
          {AMOUNT_FIELDS.map((f) => (
            <SelectField key={f} path={`investmentProfile.${f}`} label={t(`onboarding.field.${f}`)} options={amounts} required />
          ))}
          {CRYPTO_COUNT_FIELDS.map((f) => (
            <SelectField key={f} path={`investmentProfile.${f}`} label={t(`onboarding.field.${f}`)} options={counts} />
          ))}
          {CRYPTO_AMOUNT_FIELDS.map((f) => (
            <SelectField key={f} path={`investmentProfile.${f}`} label={t(`onboarding.field.${f}`)} options={amounts} />
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

/** The AML/KYC profile; companies may also state their regulated status and business. */
export function KycProfileSection({ values, set, company }: { values: FormValues; set(path: string, v: unknown): void; company: boolean }) {
  const { t } = useTranslation();
  const activities = useOptions('activity', RESTRICTED_ACTIVITIES);
  const regulated = useOptions('regulated', REGULATED_STATUSES);
  const on = getAt(values, `${INCLUDE}.kycProfile`) === true;
  return (
    <fieldset className="form-section optional">
      <legend>{t('fields.aml')}</legend>
      <SectionToggle values={values} set={set} section="kycProfile" label={t('onboarding.form.includeAml')} />
      {on ? (
        <div className="form-grid">
          <CountryListField path="kycProfile.fundsSendReceiveJurisdictions" label={t('fields.jurisdictions')} required />
          <CheckboxGroup path="kycProfile.engageInActivities" label={t('fields.activities')} options={activities} required />
          {company ? (
            <>
              <SelectField path="kycProfile.regulatedStatus" label={t('onboarding.field.regulatedStatus')} options={regulated} />
              <TextField path="kycProfile.descriptionOfBusinessNature" label={t('onboarding.field.descriptionOfBusinessNature')} />
            </>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

/** The values the schema sees: optional sections that are switched off are dropped. */
export function withoutExcludedSections(values: FormValues): FormValues {
  const include = (values[INCLUDE] ?? {}) as Record<string, boolean>;
  const out: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === INCLUDE) continue;
    if ((k === 'investmentProfile' || k === 'kycProfile') && include[k] !== true) continue;
    out[k] = v;
  }
  return out;
}
