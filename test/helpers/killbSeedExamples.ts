/**
 * Seed 001 (KillB users): its JSON examples, copied verbatim from the seed text as written (not from
 * our code), in the order they appear there. The conformance suite sends them to our server and the
 * fakes suite to the KillB fake; both check these copies still match the seed when ../shared is
 * present (jsonExamplesIn).
 */
export const KILLB_PERSON = String.raw`{
"type": "PERSON",
"externalId": "user-12345",
"data": {
"firstName": "Juan",
"lastName": "García",
"email": "[email protected]",
"phone": "+573001234567",
"dateOfBirth": "1990-05-15",
"address": {
"street1": "Calle 123 #45-67",
"city": "Bogotá",
"state": "Cundinamarca",
"zipCode": "110111",
"countryCode": "CO"
},
"document": {
"type": "NUIP",
"number": "1234567890",
"issuedCountryCode": "CO"
}
}
}`;
export const KILLB_ADDRESS = String.raw`{
"street1": "Calle 123 #45-67",
"street2": "Apt 301",
"city": "Bogotá",
"state": "Cundinamarca",
"zipCode": "110111",
"countryCode": "CO"
}`;
export const KILLB_DOC_NUIP = String.raw`{
"type": "NUIP",
"number": "1234567890",
"issuedCountryCode": "CO"
}`;
export const KILLB_DOC_RFC = String.raw`{
"type": "RFC",
"number": "GACJ900515ABC",
"issuedCountryCode": "MX"
}`;
export const KILLB_DOC_INE = String.raw`{
"type": "INE",
"number": "1234567890123",
"issuedCountryCode": "MX",
"expeditionDate": "2020-01-15",
"cic": "123",
"identificadorCiudadano": "ABC123"
}`;
export const KILLB_DOC_SSN = String.raw`{
"type": "SSN",
"number": "123-45-6789",
"issuedCountryCode": "US"
}`;
export const KILLB_DOC_PASSPORT_BR = String.raw`{
"type": "PASSPORT",
"number": "AB1234567",
"issuedCountryCode": "BR",
"expeditionDate": "2020-01-15"
}`;
export const KILLB_COMPANY = String.raw`{
"type": "COMPANY",
"externalId": "company-456",
"data": {
"companyName": "Acme Technologies SAS",
"tradeName": "Acme Tech",
"registeredNumber": "900123456",
"legalStructure": "LLC",
"establishedOn": "2015-03-20",
"phone": "+573001234567",
"email": "[email protected]",
"address": {
"street1": "Carrera 7 #123-45",
"city": "Bogotá",
"state": "Cundinamarca",
"zipCode": "110111",
"countryCode": "CO"
},
"document": {
"type": "NIT",
"number": "900123456-1",
"issuedCountryCode": "CO"
},
"mainOwnerUser": "owner-user-id",
"ownerUsers": ["owner-1-id", "owner-2-id"]
}
}`;
export const KILLB_INVESTMENT = String.raw`{
"investmentProfile": {
"primarySourceOfFunds": "EMPLOYMENT",
"primarySourceOfFundsDescription": "软件工程薪资",
"totalAssets": "TEN_TO_100K",
"usdValueOfFiat": "TEN_TO_100K",
"monthlyDeposits": "UPTO_5",
"monthlyWithdrawals": "UPTO_5",
"monthlyInvestmentDeposit": "ONE_TO_100K",
"monthlyInvestmentWithdrawal": "UPTO_1K"
}
}`;
export const KILLB_KYC_PROFILE = String.raw`{
"kycProfile": {
"fundsSendReceiveJurisdictions": ["CO", "US", "MX"],
"engageInActivities": ["NONE"]
}
}`;
/** Every example above, in seed order. */
export const KILLB_SEED_EXAMPLES = [KILLB_PERSON, KILLB_ADDRESS, KILLB_DOC_NUIP, KILLB_DOC_RFC, KILLB_DOC_INE, KILLB_DOC_SSN, KILLB_DOC_PASSPORT_BR, KILLB_COMPANY, KILLB_INVESTMENT, KILLB_KYC_PROFILE];

/**
 * The seed's email addresses were lost when the page was extracted: a web page's email protection
 * replaced each with this text, which the seed's own validator refuses.
 */
export const EXTRACTED_EMAIL = '[email protected]';

type Json = Record<string, unknown>;
export interface KillbUserBody {
  type: string;
  externalId: string;
  data: Json;
}

let unique = 0;
/**
 * A seed body with the extracted email replaced by a real one (or `email`), on request a fresh
 * externalId (for a body sent more than once), and `data` merged over the seed's.
 */
export function killbSeedBody(text: string, o: { fresh?: boolean; email?: string; data?: Json } = {}): KillbUserBody {
  const b = JSON.parse(text) as KillbUserBody;
  unique += 1;
  if (b.data.email === EXTRACTED_EMAIL) b.data.email = o.email ?? `juan.garcia.${unique}@example.co`;
  if (o.fresh) b.externalId = `${b.externalId}-${unique}`;
  Object.assign(b.data, o.data ?? {});
  return b;
}

/** JSON values that start at a `{` in the seed text and parse (its JavaScript blocks do not, and are skipped whole). */
export function jsonExamplesIn(text: string): unknown[] {
  const found: unknown[] = [];
  let i = 0;
  while ((i = text.indexOf('{', i)) !== -1) {
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    try {
      found.push(JSON.parse(text.slice(i, j + 1)));
    } catch {
      // JavaScript, not JSON.
    }
    i = j + 1;
  }
  return found;
}
