import { z } from 'zod';
import { ErrorCode } from '../errorCodes';
import { COMPANY_DOCUMENT_TYPES, PERSON_DOCUMENT_TYPES, checkDocumentNumber } from '../documentTypes';
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

export const personDocumentSchema = z
  .object({
    type: z.enum(PERSON_DOCUMENT_TYPES, { error: 'document type is not supported' }),
    number: nonEmpty('document number'),
    issuedCountryCode: countryCode,
    expeditionDate: isoDate('expeditionDate').optional(),
    /** INE only: the card's CIC (9 digits). */
    cic: z.string().trim().optional(),
    /** INE only: the identificador ciudadano (9 digits). */
    identificadorCiudadano: z.string().trim().optional(),
  })
  .transform((doc, ctx) => {
    const check = checkDocumentNumber(doc.type, doc.issuedCountryCode, doc.number);
    if (!check.valid) {
      ctx.addIssue({ code: 'custom', message: check.message, path: ['number'], params: { code: ErrorCode.INVALID_DOCUMENT } });
      return z.NEVER;
    }
    if (doc.type === 'INE') {
      for (const key of ['cic', 'identificadorCiudadano'] as const) {
        if (!doc[key] || !/^\d{9}$/.test(doc[key])) {
          ctx.addIssue({ code: 'custom', message: `INE requires ${key} (9 digits)`, path: [key], params: { code: ErrorCode.INVALID_DOCUMENT } });
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
export const LEGAL_STRUCTURES = ['C_CORP_PRIVATE', 'C_CORP_PUBLIC', 'HNWI', 'LLC', 'LLP', 'LP', 'S_CORP', 'SOLE_PROP', 'TRUST', 'NON_PROFIT', 'OTHER'] as const;

/** KillB: every field is required once the investment profile is sent at all. */
export const investmentProfileSchema = z.object({
  primarySourceOfFunds: z.enum(SOURCE_OF_FUNDS),
  primarySourceOfFundsDescription: nonEmpty('primarySourceOfFundsDescription'),
  totalAssets: z.enum(ASSET_RANGES),
  usdValueOfFiat: z.enum(ASSET_RANGES),
  monthlyDeposits: z.enum(MONTHLY_COUNT_RANGES),
  monthlyWithdrawals: z.enum(MONTHLY_COUNT_RANGES),
  monthlyInvestmentDeposit: z.enum(MONTHLY_AMOUNT_RANGES),
  monthlyInvestmentWithdrawal: z.enum(MONTHLY_AMOUNT_RANGES),
  usdValueOfCrypto: z.enum(MONTHLY_AMOUNT_RANGES),
  monthlyCryptoDeposits: z.enum(MONTHLY_COUNT_RANGES),
  monthlyCryptoWithdrawals: z.enum(MONTHLY_COUNT_RANGES),
  monthlyCryptoInvestmentDeposit: z.enum(MONTHLY_AMOUNT_RANGES),
  monthlyCryptoInvestmentWithdrawal: z.enum(MONTHLY_AMOUNT_RANGES),
});
export type InvestmentProfile = z.infer<typeof investmentProfileSchema>;

export const kycProfileSchema = z.object({
  fundsSendReceiveJurisdictions: z.array(countryCode).min(1, { error: 'name at least one jurisdiction' }),
  engageInActivities: z.array(z.enum(RESTRICTED_ACTIVITIES)).min(1, { error: 'name at least one activity, or NONE' }),
});
export type KycProfile = z.infer<typeof kycProfileSchema>;

export const REGULATED_STATUSES = ['REGULATED', 'REGISTERED', 'LICENSED', 'NONE', 'NOT_REQUIRED'] as const;

export const companyKycProfileSchema = kycProfileSchema.extend({
  regulatedStatus: z.enum(REGULATED_STATUSES),
  descriptionOfBusinessNature: nonEmpty('descriptionOfBusinessNature'),
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
    dateOfBirth: isoDate('dateOfBirth').refine((d) => ageOn(d, today()) >= MINIMUM_AGE, {
      error: `the person must be ${MINIMUM_AGE} or over`,
      params: { code: ErrorCode.UNDERAGE },
    }),
    nationality: countryCode.optional(),
    address: addressSchema,
    document: personDocumentSchema,
    investmentProfile: investmentProfileSchema.optional(),
    kycProfile: kycProfileSchema.optional(),
  });
}
export type PersonInput = z.output<ReturnType<typeof personInputSchema>>;

export const companyDocumentSchema = z.object({
  type: z.enum(COMPANY_DOCUMENT_TYPES, { error: 'company document type is not supported' }),
  number: nonEmpty('document number').transform((s) => s.toUpperCase().replace(/\s+/g, '')),
  issuedCountryCode: countryCode,
});

export const companyInputSchema = z.object({
  externalId: nonEmpty('externalId'),
  companyName: nonEmpty('companyName'),
  tradeName: z.string().trim().optional(),
  registeredNumber: z.string().trim().optional(),
  legalStructure: z.enum(LEGAL_STRUCTURES).optional(),
  establishedOn: isoDate('establishedOn').optional(),
  naics: z.string().trim().regex(/^\d{2,6}$/, { error: 'naics must be a 2 to 6 digit NAICS code' }).optional(),
  phone: e164Phone.optional(),
  email: email.optional(),
  address: addressSchema,
  document: companyDocumentSchema,
  /** Profile ids of existing PERSON profiles; checked against the store by the service. */
  mainOwnerUser: nonEmpty('mainOwnerUser'),
  ownerUsers: z.array(z.string().trim().min(1)).default([]),
  investmentProfile: investmentProfileSchema.optional(),
  kycProfile: companyKycProfileSchema.optional(),
});
export type CompanyInput = z.output<typeof companyInputSchema>;

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
    data: z.custom<PersonInput>(),
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
