import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { errorMessage } from '../api/errorMessage';
import { serviceErrorHeadline } from '../api/serviceErrorHeadline';
import type { ServiceError } from '../../../shared/result';
import { toast } from '../store/toastStore';
import type { EDITABLE_FIELDS } from '../../../shared/contract';
import { isApplicant, type Profile } from '../../../shared/schemas/profile';
import { regionName } from '../format/regionName';
import type { CompanyOwner } from '../../../shared/schemas/case';
import { routeHash } from '../useHashRoute';
import { StatusBadge } from './StatusBadge';

type EditableField = (typeof EDITABLE_FIELDS)[number];
type Row = [label: string, value: string | undefined, field?: EditableField];

/** Lets the assigned officer correct an OCR-read field: audited, and the cross-checks re-run. */
export interface FieldEditing {
  caseId: string;
  version: number;
  onSaved(): void;
}

function EditableValue({ value, field, label, edit }: { value: string | undefined; field: EditableField; label: string; edit: FieldEditing }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(value ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ServiceError | null>(null);
  const errorId = useId();
  if (!open) {
    return (
      <>
        {value}{' '}
        <button type="button" className="link small" onClick={() => setOpen(true)} aria-label={`${t('decide.edit')} ${label}`}>
          {t('decide.edit')}
        </button>
      </>
    );
  }
  const save = async () => {
    const r = await api.call('cases.editField', { caseId: edit.caseId, field, value: draft, reason, expectedVersion: edit.version });
    if (r.ok) {
      setOpen(false);
      setError(null);
      toast(t('decide.edited', { field: label }));
      edit.onSaved();
    } else if (r.error.field) {
      // A value the service refuses is said beside it, where it is corrected, not in a passing toast.
      setError(r.error);
    } else handleError(r.error);
  };
  return (
    <form
      className="inline-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="inline-edit-field">
        <span className="small muted">{t('decide.newValue')}</span>
        <input type={field === 'dateOfBirth' ? 'date' : 'text'} value={draft} onChange={(e) => setDraft(e.target.value)} aria-label={label} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} autoFocus />
      </label>
      <label className="inline-edit-field">
        <span className="small muted">{t('decide.editReason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <button type="submit" className="button primary">
        {t('decide.save')}
      </button>
      <button type="button" className="button secondary" onClick={() => setOpen(false)}>
        {t('decide.cancel')}
      </button>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {serviceErrorHeadline(error.code, t)}{' '}
          <span className="reason-words" lang="en">
            {errorMessage(error)}
          </span>
        </p>
      )}
    </form>
  );
}

function Section({ title, rows, edit }: { title: string; rows: Row[]; edit?: FieldEditing | undefined }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '');
  if (!shown.length) return null;
  return (
    <section className="field-section" aria-label={title}>
      <h3>{title}</h3>
      <dl className="fields">
        {shown.map(([label, value, field]) => (
          <div key={label} className="field">
            <dt>{label}</dt>
            <dd>{field && edit ? <EditableValue value={value} field={field} label={label} edit={edit} /> : value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * Profiles linked by ownership, by name, each linked to its own case: a company's owners (beneficial
 * owners are verified there), or the companies a person owns (whose approval rests on theirs).
 */
function OwnersSection({ owners, ownerOf = false }: { owners: readonly CompanyOwner[]; ownerOf?: boolean }) {
  const { t } = useTranslation();
  if (!owners.length) return null;
  const title = t(ownerOf ? 'fields.ownerOf' : 'fields.owners');
  return (
    <section className="field-section" aria-label={title}>
      <h3>{title}</h3>
      <dl className="fields">
        {owners.map((o) => (
          <div key={o.profileId} className="field" data-testid={ownerOf ? 'owned-company' : 'company-owner'}>
            <dt>{t(ownerOf ? (o.main ? 'fields.mainOwnerOf' : 'fields.otherOwnerOf') : o.main ? 'fields.mainOwner' : 'fields.otherOwner')}</dt>
            <dd>
              {o.displayName === null ? (
                <span className="muted">{t('fields.ownerGone', { id: o.profileId.slice(0, 8) })}</span>
              ) : o.caseId ? (
                <a className="link" href={routeHash({ page: 'case', caseId: o.caseId })}>
                  {o.displayName}
                </a>
              ) : (
                o.displayName
              )}
              {o.externalId ? <span className="muted small"> · {o.externalId}</span> : null} {o.caseStatus ? <StatusBadge status={o.caseStatus} /> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ProfileFields({ profile, owners = [], ownerOf = [], edit }: { profile: Profile; owners?: readonly CompanyOwner[]; ownerOf?: readonly CompanyOwner[]; edit?: FieldEditing | undefined }) {
  const { t, i18n } = useTranslation();
  const f = (key: string) => t(`fields.${key}`);
  const country = (code: string | undefined) => (code ? `${regionName(code, i18n.language)} (${code})` : undefined);
  const d = profile.data;
  // A kycService applicant has no address until KillB's full data is saved over it.
  const address: Row[] =
    'address' in d
      ? [
          [f('street'), [d.address.street1, d.address.street2].filter(Boolean).join(', ')],
          [f('city'), d.address.city],
          [f('state'), d.address.state],
          [f('zipCode'), d.address.zipCode],
          [f('country'), country(d.address.countryCode)],
        ]
      : [];
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
            [f('legalStructure'), c.legalStructure && t(`onboarding.enum.legal.${c.legalStructure}`)],
            [f('establishedOn'), c.establishedOn],
            [f('naics'), c.naics],
            [f('email'), c.email],
            [f('phone'), c.phone],
            [f('externalId'), c.externalId],
          ]}
        />
        <Section title={f('address')} rows={address} />
        <Section title={f('document')} rows={[[f('type'), t(`onboarding.companyDocType.${c.document.type}`)], [f('number'), c.document.number], [f('issuedBy'), country(c.document.issuedCountryCode)]]} />
        <OwnersSection owners={owners} />
      </div>
    );
  }
  const p = profile.data;
  const applicant = isApplicant(p) ? p : null;
  return (
    <div className="profile-fields">
      {applicant && (
        <p className="muted" data-testid="applicant-note">
          {t('fields.applicantNote', { country: country(applicant.country) })}
        </p>
      )}
      <Section
        title={f('personal')}
        edit={edit}
        rows={[
          [f('firstName'), p.firstName ?? (edit ? '' : undefined), 'firstName'],
          [f('middleName'), p.middleName ?? (edit ? '' : undefined), 'middleName'],
          [f('lastName'), p.lastName ?? (edit ? '' : undefined), 'lastName'],
          [f('dateOfBirth'), p.dateOfBirth ?? (edit ? '' : undefined), 'dateOfBirth'],
          [f('nationality'), country(p.nationality)],
          [f('email'), 'email' in p ? p.email : undefined],
          [f('phone'), 'phone' in p ? p.phone : undefined],
          [f('externalId'), p.externalId],
        ]}
      />
      <Section title={f('address')} rows={address} />
      <Section
        title={f('identityDocument')}
        edit={edit}
        rows={[
          [f('type'), p.document?.type && t(`onboarding.docType.${p.document.type}`)],
          [f('number'), p.document?.number ?? (edit ? '' : undefined), 'document.number'],
          [f('issuedBy'), country(p.document?.issuedCountryCode)],
          [f('issuer'), p.document?.issuer],
          [f('issuedOn'), p.document && 'expeditionDate' in p.document ? p.document.expeditionDate : undefined],
          [f('expiresOn'), p.document?.expiryDate],
          [f('cic'), p.document && 'cic' in p.document ? p.document.cic : undefined],
          [f('identificadorCiudadano'), p.document && 'identificadorCiudadano' in p.document ? p.document.identificadorCiudadano : undefined],
          [f('frontImageUrl'), p.document?.frontImageUrl],
          [f('backImageUrl'), p.document?.backImageUrl],
        ]}
      />
      {'investmentProfile' in p && p.investmentProfile && (
        <Section
          title={f('investment')}
          rows={[
            [f('sourceOfFunds'), t(`onboarding.enum.sourceOfFunds.${p.investmentProfile.primarySourceOfFunds}`)],
            [f('description'), p.investmentProfile.primarySourceOfFundsDescription],
            [f('totalAssets'), t(`onboarding.enum.assets.${p.investmentProfile.totalAssets}`)],
            [f('monthlyDeposits'), t(`onboarding.enum.count.${p.investmentProfile.monthlyDeposits}`)],
          ]}
        />
      )}
      {'kycProfile' in p && p.kycProfile && (
        <Section
          title={f('aml')}
          rows={[
            [f('jurisdictions'), p.kycProfile.fundsSendReceiveJurisdictions.join(', ')],
            [f('activities'), p.kycProfile.engageInActivities.length ? p.kycProfile.engageInActivities.map((a) => t(`onboarding.enum.activity.${a}`)).join(t('case.listSeparator')) : undefined],
          ]}
        />
      )}
      <OwnersSection owners={ownerOf} ownerOf />
    </div>
  );
}
