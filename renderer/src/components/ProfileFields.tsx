import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/schemas/profile';
import { countryName } from '../../../shared/countries';
import { humanise } from '../format/formatAge';

type Row = [label: string, value: string | undefined];

function Section({ title, rows }: { title: string; rows: Row[] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '');
  if (!shown.length) return null;
  return (
    <section className="field-section" aria-label={title}>
      <h3>{title}</h3>
      <dl className="fields">
        {shown.map(([label, value]) => (
          <div key={label} className="field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const country = (code: string | undefined) => (code ? `${countryName(code)} (${code})` : undefined);
const list = (v: readonly string[] | undefined) => (v?.length ? v.map(humanise).join(', ') : undefined);

export function ProfileFields({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const f = (key: string) => t(`fields.${key}`);
  const d = profile.data;
  const address: Row[] = [
    [f('street'), [d.address.street1, d.address.street2].filter(Boolean).join(', ')],
    [f('city'), d.address.city],
    [f('state'), d.address.state],
    [f('zipCode'), d.address.zipCode],
    [f('country'), country(d.address.countryCode)],
  ];
  if (profile.type === 'COMPANY') {
    const c = profile.data;
    return (
      <div className="profile-fields">
        <Section
          title={f('company')}
          rows={[
            [f('companyName'), c.companyName],
            [f('tradeName'), c.tradeName],
            [f('registeredNumber'), c.registeredNumber],
            [f('legalStructure'), c.legalStructure && humanise(c.legalStructure)],
            [f('establishedOn'), c.establishedOn],
            [f('naics'), c.naics],
            [f('email'), c.email],
            [f('phone'), c.phone],
            [f('externalId'), c.externalId],
          ]}
        />
        <Section title={f('address')} rows={address} />
        <Section title={f('document')} rows={[[f('type'), c.document.type], [f('number'), c.document.number], [f('issuedBy'), country(c.document.issuedCountryCode)]]} />
        <Section title={f('owners')} rows={[[f('mainOwner'), c.mainOwnerUser], [f('otherOwners'), c.ownerUsers.join(', ')]]} />
      </div>
    );
  }
  const p = profile.data;
  return (
    <div className="profile-fields">
      <Section
        title={f('personal')}
        rows={[
          [f('firstName'), p.firstName],
          [f('middleName'), p.middleName],
          [f('lastName'), p.lastName],
          [f('dateOfBirth'), p.dateOfBirth],
          [f('nationality'), country(p.nationality)],
          [f('email'), p.email],
          [f('phone'), p.phone],
          [f('externalId'), p.externalId],
        ]}
      />
      <Section title={f('address')} rows={address} />
      <Section
        title={f('identityDocument')}
        rows={[
          [f('type'), p.document.type],
          [f('number'), p.document.number],
          [f('issuedBy'), country(p.document.issuedCountryCode)],
          [f('issuedOn'), p.document.expeditionDate],
          [f('cic'), p.document.cic],
          [f('identificadorCiudadano'), p.document.identificadorCiudadano],
        ]}
      />
      {p.investmentProfile && (
        <Section
          title={f('investment')}
          rows={[
            [f('sourceOfFunds'), humanise(p.investmentProfile.primarySourceOfFunds)],
            [f('description'), p.investmentProfile.primarySourceOfFundsDescription],
            [f('totalAssets'), humanise(p.investmentProfile.totalAssets)],
            [f('monthlyDeposits'), humanise(p.investmentProfile.monthlyDeposits)],
          ]}
        />
      )}
      {p.kycProfile && (
        <Section
          title={f('aml')}
          rows={[
            [f('jurisdictions'), p.kycProfile.fundsSendReceiveJurisdictions.join(', ')],
            [f('activities'), list(p.kycProfile.engageInActivities)],
          ]}
        />
      )}
    </div>
  );
}
