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
  const d = profile.data;
  const address: Row[] = [
    ['Street', [d.address.street1, d.address.street2].filter(Boolean).join(', ')],
    ['City', d.address.city],
    ['State', d.address.state],
    ['Postal code', d.address.zipCode],
    ['Country', country(d.address.countryCode)],
  ];
  if (profile.type === 'COMPANY') {
    const c = profile.data;
    return (
      <div className="profile-fields">
        <Section
          title="Company"
          rows={[
            ['Company name', c.companyName],
            ['Trade name', c.tradeName],
            ['Registered number', c.registeredNumber],
            ['Legal structure', c.legalStructure && humanise(c.legalStructure)],
            ['Established on', c.establishedOn],
            ['NAICS', c.naics],
            ['Email', c.email],
            ['Phone', c.phone],
            ['External ID', c.externalId],
          ]}
        />
        <Section title="Address" rows={address} />
        <Section title="Document" rows={[['Type', c.document.type], ['Number', c.document.number], ['Issued by', country(c.document.issuedCountryCode)]]} />
        <Section title="Owners" rows={[['Main owner', c.mainOwnerUser], ['Other owners', c.ownerUsers.join(', ')]]} />
      </div>
    );
  }
  const p = profile.data;
  return (
    <div className="profile-fields">
      <Section
        title="Personal information"
        rows={[
          ['First name', p.firstName],
          ['Middle name', p.middleName],
          ['Last name', p.lastName],
          ['Date of birth', p.dateOfBirth],
          ['Nationality', country(p.nationality)],
          ['Email', p.email],
          ['Phone', p.phone],
          ['External ID', p.externalId],
        ]}
      />
      <Section title="Address" rows={address} />
      <Section
        title="Identity document"
        rows={[
          ['Type', p.document.type],
          ['Number', p.document.number],
          ['Issued by', country(p.document.issuedCountryCode)],
          ['Issued on', p.document.expeditionDate],
          ['CIC', p.document.cic],
          ['Identificador ciudadano', p.document.identificadorCiudadano],
        ]}
      />
      {p.investmentProfile && (
        <Section
          title="Investment profile"
          rows={[
            ['Source of funds', humanise(p.investmentProfile.primarySourceOfFunds)],
            ['Description', p.investmentProfile.primarySourceOfFundsDescription],
            ['Total assets', humanise(p.investmentProfile.totalAssets)],
            ['Monthly deposits', humanise(p.investmentProfile.monthlyDeposits)],
          ]}
        />
      )}
      {p.kycProfile && (
        <Section
          title="AML / KYC profile"
          rows={[
            ['Jurisdictions', p.kycProfile.fundsSendReceiveJurisdictions.join(', ')],
            ['Activities', list(p.kycProfile.engageInActivities)],
          ]}
        />
      )}
    </div>
  );
}
