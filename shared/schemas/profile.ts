import { z } from 'zod';
import { ErrorCode } from '../errorCodes';
import { COMPANY_DOCUMENT_TYPES, PERSON_DOCUMENT_TYPES, checkCompanyDocumentNumber, checkDocumentNumber } from '../documentTypes';
import { MINIMUM_AGE, ageOn, countryCode, e164Phone, email, isoDate, nonEmpty } from './common';

/** KillB's user model: PERSON and COMPANY, with the same nesting and enum values. */

export const addressSchema = z.object({
  street1: nonEmpty('street1'),
  street2: z.string().trim().optional(),
  city: nonEmpty('city'),
  state: nonEmpty('state'),
  zipCode: nonEmpty('zipCode'),
  countryCode,
});
export type Address = z.infer<typeof addressSchema>;

/**
 * The document's fields before the number check; exported so transports can tell a field we
 * store from one we do not know (KillB: unknown fields are ignored, known ones never dropped).
 */
export const personDocumentFields = z.object({
  type: z.enum(PERSON_DOCUMENT_TYPES, { error: 'document type is not supported' }),
  number: nonEmpty('document number'),
  issuedCountryCode: countryCode,
  expeditionDate: isoDate('expeditionDate').optional(),
  /** INE only: the card's CIC (9 digits on real cards; KillB's own example sends "123"). */
  cic: z.string().trim().optional(),
  /** INE only: the identificador ciudadano (9 digits on real cards; KillB's example sends "ABC123"). */
  identificadorCiudadano: z.string().trim().optional(),
  /** kycService's document fields (document metadata and confirm): kept, never dropped. */
  expiryDate: isoDate('expiryDate').optional(),
  issuer: z.string().trim().max(200).optional(),
  frontImageUrl: z.string().trim().max(2048).optional(),
  backImageUrl: z.string().trim().max(2048).optional(),
});

/**
 * INE's extra fields. Real cards print 9 digits for both (the MRZ adds a check digit to the
 * CIC, so 10 is accepted), but KillB's own INE example sends `"cic": "123"` and
 * `"identificadorCiudadano": "ABC123"`, and every seed example must pass: so the rule is
 * "present, digits for the CIC, letters or digits for the identificador", not a fixed length.
 */
const INE_FIELD_RULES = {
  cic: { pattern: /^\d{1,10}$/, format: '1 to 10 digits' },
  identificadorCiudadano: { pattern: /^[A-Za-z0-9]{1,13}$/, format: '1 to 13 letters or digits' },
} as const;

export const personDocumentSchema = personDocumentFields.transform((doc, ctx) => {
  const check = checkDocumentNumber(doc.type, doc.issuedCountryCode, doc.number);
  if (!check.valid) {
    // A type the country does not issue is the type's fault, not the number's.
    ctx.addIssue({ code: 'custom', message: check.message, path: [check.words.words === 'documentCountry' ? 'type' : 'number'], params: { code: ErrorCode.INVALID_DOCUMENT, ...check.words } });
    return z.NEVER;
  }
  if (doc.expeditionDate && doc.expiryDate && doc.expiryDate < doc.expeditionDate) {
    ctx.addIssue({ code: 'custom', message: 'the expiry date is before the date of issue', path: ['expiryDate'], params: { code: ErrorCode.INVALID_DOCUMENT, words: 'expiryBeforeIssue' } });
    return z.NEVER;
  }
  if (doc.type === 'INE') {
    for (const key of ['cic', 'identificadorCiudadano'] as const) {
      const rule = INE_FIELD_RULES[key];
      if (!doc[key] || !rule.pattern.test(doc[key])) {
        ctx.addIssue({ code: 'custom', message: `INE requires ${key} (${rule.format})`, path: [key], params: { code: ErrorCode.INVALID_DOCUMENT } });
        return z.NEVER;
      }
    }
  }
  return { ...doc, number: check.normalised };
});
export type PersonDocument = z.output<typeof personDocumentSchema>;

export const SOURCE_OF_FUNDS = ['EMPLOYMENT', 'SAVINGS', 'WINNINGS', 'MARITAL', 'REAL_ESTATE', 'TRUST', 'INVESTMENT', 'OTHER', 'COMPANY', 'COMPANY_CAPITAL', 'LOAN', 'PRIVATE_CAPITAL', 'GRANT'] as const;
export const ASSET_RANGES = ['UPTO_10K', 'TEN_TO_100K', 'ONEHUNDREDK_TO_1M', 'ONE_TO_10M', 'TEN_TO_50M', 'FIFTY_TO_250M', 'MORE_THAN_250M'] as const;
export const MONTHLY_COUNT_RANGES = ['UPTO_5', 'FIVE_TO_10', 'TEN_TO_25', 'MORE_THAN_25'] as const;
export const MONTHLY_AMOUNT_RANGES = ['UPTO_1K', 'ONE_TO_100K', 'ONEHUNDREDK_TO_1M', 'MILLION_TO_5M', 'MORE_THAN_5M'] as const;
export const RESTRICTED_ACTIVITIES = ['NONE', 'ADULT_ENTERTAINMENT', 'DRUGS', 'FIREARMS', 'GAMBLING', 'MARIJUANA', 'TUMBLING'] as const;
// C_CORP is the plain value KillB's user guide lists ("LLC, C_CORP, S_CORP"); the private/public
// split is kept for the profiles already stored with it.
export const LEGAL_STRUCTURES = ['C_CORP', 'C_CORP_PRIVATE', 'C_CORP_PUBLIC', 'HNWI', 'LLC', 'LLP', 'LP', 'S_CORP', 'SOLE_PROP', 'TRUST', 'NON_PROFIT', 'OTHER'] as const;
/** Each legal structure in English: the audit PDF's words, and the English UI's (i18n onboarding.enum.legal). */
export const LEGAL_STRUCTURE_NAMES: Record<(typeof LEGAL_STRUCTURES)[number], string> = {
  C_CORP: 'C corporation',
  C_CORP_PRIVATE: 'C corporation (private)',
  C_CORP_PUBLIC: 'C corporation (public)',
  HNWI: 'High-net-worth individual',
  LLC: 'Limited liability company',
  LLP: 'Limited liability partnership',
  LP: 'Limited partnership',
  S_CORP: 'S corporation',
  SOLE_PROP: 'Sole proprietorship',
  TRUST: 'Trust',
  NON_PROFIT: 'Non-profit',
  OTHER: 'Other',
};

/**
 * KillB: the eight fiat fields are required once the investment profile is sent at all. The
 * crypto fields are optional: KillB's own example sends the eight without them.
 */
export const investmentProfileSchema = z.object({
  primarySourceOfFunds: z.enum(SOURCE_OF_FUNDS),
  primarySourceOfFundsDescription: nonEmpty('primarySourceOfFundsDescription'),
  totalAssets: z.enum(ASSET_RANGES),
  usdValueOfFiat: z.enum(ASSET_RANGES),
  monthlyDeposits: z.enum(MONTHLY_COUNT_RANGES),
  monthlyWithdrawals: z.enum(MONTHLY_COUNT_RANGES),
  monthlyInvestmentDeposit: z.enum(MONTHLY_AMOUNT_RANGES),
  monthlyInvestmentWithdrawal: z.enum(MONTHLY_AMOUNT_RANGES),
  usdValueOfCrypto: z.enum(MONTHLY_AMOUNT_RANGES).optional(),
  monthlyCryptoDeposits: z.enum(MONTHLY_COUNT_RANGES).optional(),
  monthlyCryptoWithdrawals: z.enum(MONTHLY_COUNT_RANGES).optional(),
  monthlyCryptoInvestmentDeposit: z.enum(MONTHLY_AMOUNT_RANGES).optional(),
  monthlyCryptoInvestmentWithdrawal: z.enum(MONTHLY_AMOUNT_RANGES).optional(),
});
export type InvestmentProfile = z.infer<typeof investmentProfileSchema>;

export const kycProfileSchema = z.object({
  fundsSendReceiveJurisdictions: z.array(countryCode).min(1, { error: 'name at least one jurisdiction' }),
  engageInActivities: z.array(z.enum(RESTRICTED_ACTIVITIES)).min(1, { error: 'name at least one activity, or NONE' }),
});
export type KycProfile = z.infer<typeof kycProfileSchema>;

export const REGULATED_STATUSES = ['REGULATED', 'REGISTERED', 'LICENSED', 'NONE', 'NOT_REQUIRED'] as const;

/**
 * Companies may add their regulated status and business. Optional: KillB's guide shows one
 * `kycProfile` example (jurisdictions and activities only) for users of either type.
 */
export const companyKycProfileSchema = kycProfileSchema.extend({
  regulatedStatus: z.enum(REGULATED_STATUSES).optional(),
  descriptionOfBusinessNature: nonEmpty('descriptionOfBusinessNature').optional(),
});

/** Person input; `today` is injected so the age rule is testable and the service owns the clock. */
export function personInputSchema(today: () => Date = () => new Date()) {
  return z.object({
    externalId: nonEmpty('externalId'),
    firstName: nonEmpty('firstName'),
    middleName: z.string().trim().optional(),
    lastName: nonEmpty('lastName'),
    email,
    phone: e164Phone,
    dateOfBirth: isoDate('dateOfBirth')
      .refine((d) => d <= today().toISOString().slice(0, 10), { error: 'the date of birth is in the future', abort: true, params: { words: 'birthInFuture' } })
      .refine((d) => ageOn(d, today()) >= MINIMUM_AGE, {
      error: `the person must be ${MINIMUM_AGE} or over`,
      params: { code: ErrorCode.UNDERAGE, words: 'underage', age: MINIMUM_AGE },
    }),
    nationality: countryCode.optional(),
    address: addressSchema,
    document: personDocumentSchema,
    investmentProfile: investmentProfileSchema.optional(),
    kycProfile: kycProfileSchema.optional(),
  });
}
export type PersonInput = z.output<ReturnType<typeof personInputSchema>>;

export const companyDocumentFields = z.object({
  type: z.enum(COMPANY_DOCUMENT_TYPES, { error: 'company document type is not supported' }),
  number: nonEmpty('document number'),
  issuedCountryCode: countryCode,
  /** KillB's document object carries an expedition date for any type; kept when sent. */
  expeditionDate: isoDate('expeditionDate').optional(),
});

/** A stored company's document as it was accepted before the schemes were checked: its number normalised only. */
export const storedCompanyDocumentSchema = companyDocumentFields.transform((doc) => ({ ...doc, number: doc.number.toUpperCase().replace(/\s+/g, '') }));

export const companyDocumentSchema = companyDocumentFields.transform((doc, ctx) => {
  const check = checkCompanyDocumentNumber(doc.type, doc.issuedCountryCode, doc.number);
  if (!check.valid) {
    ctx.addIssue({ code: 'custom', message: check.message, path: [check.field ?? 'number'], params: { code: ErrorCode.INVALID_DOCUMENT, ...check.words } });
    return z.NEVER;
  }
  return { ...doc, number: check.normalised };
});

/**
 * A company whose `document` is checked by `document`: new input by its issuing country's scheme
 * (companyDocumentSchema); a stored company's unchanged document as it was accepted then.
 */
const companySchema = (document: typeof companyDocumentSchema | typeof storedCompanyDocumentSchema) =>
  z
    .object({
      externalId: nonEmpty('externalId'),
      companyName: nonEmpty('companyName'),
      tradeName: z.string().trim().optional(),
      registeredNumber: z.string().trim().optional(),
      legalStructure: z.enum(LEGAL_STRUCTURES).optional(),
      establishedOn: isoDate('establishedOn')
        // Tomorrow in UTC: a company founded today, east of Greenwich, is dated a day ahead of UTC.
        .refine((d) => d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), { error: 'the founding date is in the future', params: { words: 'foundedInFuture' } })
        .optional(),
      naics: z
        .string()
        .trim()
        .refine((s) => /^\d{2,6}$/.test(s), { error: 'naics must be a 2 to 6 digit NAICS code', params: { words: 'naics' } })
        .optional(),
      phone: e164Phone.optional(),
      email: email.optional(),
      address: addressSchema,
      document,
      /** Profile ids of existing PERSON profiles; checked against the store by the service. */
      mainOwnerUser: nonEmpty('mainOwnerUser').optional(),
      ownerUsers: z.array(z.string().trim().min(1)).default([]),
      investmentProfile: investmentProfileSchema.optional(),
      kycProfile: companyKycProfileSchema.optional(),
    })
    // KillB marks mainOwnerUser and ownerUsers optional each, but says owners must be created
    // first and then referenced: a company names at least one of them. `when` runs this even
    // while other fields are wrong, so a form shows the owner error beside the others.
    .refine((c) => (typeof c.mainOwnerUser === 'string' && c.mainOwnerUser.length > 0) || (Array.isArray(c.ownerUsers) && c.ownerUsers.length > 0), {
      error: 'name at least one owner: mainOwnerUser or ownerUsers',
      path: ['mainOwnerUser'],
      params: { code: ErrorCode.REQUIRED },
      when: () => true,
    });
export const companyInputSchema = companySchema(companyDocumentSchema);
/** For a patch that leaves the document alone: a company stored before the schemes were checked can still be corrected. */
export const storedCompanyInputSchema = companySchema(storedCompanyDocumentSchema);
export type CompanyInput = z.output<typeof companyInputSchema>;

/**
 * A kycService applicant: `POST /submit` starts a profile from a user id and a country alone;
 * the document upload's OCR and the customer's confirmation fill in the identity afterwards.
 * It is a PERSON whose KillB contact and address parts were never asked for, so it stays at
 * KYC level L0 until the full KillB data is saved over it.
 */
export const applicantDocumentSchema = z.object({
  type: z.enum(PERSON_DOCUMENT_TYPES, { error: 'document type is not supported' }).optional(),
  number: z.string().trim().min(1).max(40).optional(),
  issuedCountryCode: countryCode.optional(),
  expiryDate: isoDate('expiryDate').optional(),
  issuer: z.string().trim().max(200).optional(),
  frontImageUrl: z.string().trim().max(2048).optional(),
  backImageUrl: z.string().trim().max(2048).optional(),
});
export const applicantDataSchema = z.object({
  stage: z.literal('APPLICANT'),
  externalId: nonEmpty('userId'),
  /** The country the applicant signed up in (kycService `country`). */
  country: countryCode,
  firstName: z.string().trim().min(1).max(200).optional(),
  middleName: z.string().trim().max(200).optional(),
  lastName: z.string().trim().min(1).max(200).optional(),
  dateOfBirth: isoDate('dateOfBirth').optional(),
  nationality: countryCode.optional(),
  document: applicantDocumentSchema.optional(),
});
export type ApplicantData = z.output<typeof applicantDataSchema>;
/** What a stored PERSON profile holds: the full KillB person, or a kycService applicant. */
export type PersonData = PersonInput | ApplicantData;
export function isApplicant(data: PersonData): data is ApplicantData {
  return 'stage' in data && data.stage === 'APPLICANT';
}

export const PROFILE_TYPES = ['PERSON', 'COMPANY'] as const;
export type ProfileType = (typeof PROFILE_TYPES)[number];

export const profileSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.literal('PERSON'),
    externalId: z.string(),
    displayName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    data: z.custom<PersonData>(),
  }),
  z.object({
    id: z.string(),
    type: z.literal('COMPANY'),
    externalId: z.string(),
    displayName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    data: z.custom<CompanyInput>(),
  }),
]);
export type Profile = z.infer<typeof profileSchema>;
