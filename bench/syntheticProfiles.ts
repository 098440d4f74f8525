import type { z } from 'zod';
import { cpfCheckDigits, curpCheckDigit, duiCheckDigit, type PersonDocumentType } from '../shared/documentTypes';
import {
  ASSET_RANGES,
  LEGAL_STRUCTURES,
  MONTHLY_AMOUNT_RANGES,
  MONTHLY_COUNT_RANGES,
  REGULATED_STATUSES,
  SOURCE_OF_FUNDS,
  type companyInputSchema,
  type InvestmentProfile,
  type personInputSchema,
} from '../shared/schemas/profile';

/**
 * Invented but valid KillB profiles for the large benchmark store: varied names, countries,
 * phones and document numbers (with correct check digits), in the shape the intake form
 * sends. Everything is drawn from a seeded PRNG, so each run builds the same store.
 */

export type PersonRaw = z.input<ReturnType<typeof personInputSchema>>;
export type CompanyRaw = z.input<typeof companyInputSchema>;
type Rand = () => number;
type PersonDocumentRaw = PersonRaw['document'];

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: Rand, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
};
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letters = (r: Rand, n: number, alphabet = LETTERS): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Name pools by region. Accents and apostrophes are kept: display names must cope with them.
const LATAM_FIRST = ['Valentina', 'Santiago', 'Camila', 'Mateo', 'Sofía', 'Sebastián', 'Isabella', 'Nicolás', 'Mariana', 'Alejandro', 'Daniela', 'Juan', 'María', 'Andrés', 'Lucía', 'Diego', 'Gabriela', 'Carlos', 'Paula', 'José', 'Ximena', 'Emiliano', 'Renata', 'Joaquín'];
const LATAM_LAST = ['García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez', 'Díaz', 'Restrepo', 'Vargas', 'Castro', 'Ortiz', 'Moreno', 'Jiménez', 'Quintero', 'Zapata', 'Aguilar', 'Mendoza'];
const BR_FIRST = ['Ana', 'João', 'Beatriz', 'Pedro', 'Larissa', 'Lucas', 'Fernanda', 'Gabriel', 'Juliana', 'Rafael', 'Letícia', 'Thiago'];
const BR_LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Costa', 'Carvalho', 'Almeida', 'Ribeiro', 'Araújo', 'Gonçalves'];
const EN_FIRST = ['Emily', 'James', 'Olivia', 'Michael', 'Emma', 'William', 'Ava', 'Benjamin', 'Charlotte', 'Daniel', 'Grace', 'Ethan', 'Chloe', 'Noah'];
const EN_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', "O'Brien", 'MacDonald'];
const DE_FIRST = ['Lena', 'Lukas', 'Anna', 'Jonas', 'Hannah', 'Felix', 'Marie', 'Paul'];
const DE_LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker'];
const FR_FIRST = ['Camille', 'Louis', 'Chloé', 'Hugo', 'Manon', 'Jules', 'Léa', 'Arthur'];
const FR_LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Lefèvre'];

interface City {
  city: string;
  state: string;
  zip: (r: Rand) => string;
}

interface CountrySpec {
  code: string;
  /** Relative share of applicants. */
  weight: number;
  first: readonly string[];
  last: readonly string[];
  cities: readonly City[];
  street: (r: Rand) => string;
  phone: (r: Rand) => string;
  documents: readonly ((r: Rand, dob: string, sex: 'H' | 'M') => PersonDocumentRaw)[];
  company: (r: Rand) => CompanyRaw['document'];
  companySuffix: readonly string[];
}

const passport = (r: Rand, country: string): PersonDocumentRaw => ({
  type: 'PASSPORT',
  number: `${letters(r, int(r, 1, 2))}${digits(r, 7)}`,
  issuedCountryCode: country,
});
const nationalId = (r: Rand, country: string): PersonDocumentRaw => ({
  type: 'NATIONAL_ID',
  number: `${digits(r, int(r, 6, 10))}${r() < 0.3 ? `-${letters(r, 1)}` : ''}`,
  issuedCountryCode: country,
});
const dni = (r: Rand, country: string): PersonDocumentRaw => ({
  type: 'DNI',
  number: `${digits(r, 8)}${r() < 0.5 ? letters(r, 1) : ''}`,
  issuedCountryCode: country,
});
const doc = (type: PersonDocumentType, number: string, country: string): PersonDocumentRaw => ({ type, number, issuedCountryCode: country });

/** YYMMDD of a YYYY-MM-DD date, as Mexican CURP/RFC/INE keys embed it. */
const yymmdd = (dob: string) => dob.slice(2, 4) + dob.slice(5, 7) + dob.slice(8, 10);
const CONSONANTS = 'BCDFGHJKLMNPQRSTVWXYZ';
const VOWELS = 'AEIOU';

function curp(r: Rand, dob: string, sex: 'H' | 'M'): string {
  const first17 = `${letters(r, 1)}${letters(r, 1, VOWELS)}${letters(r, 2)}${yymmdd(dob)}${sex}${pick(r, ['DF', 'JC', 'NL', 'PL', 'MC', 'GT'])}${letters(r, 3, CONSONANTS)}${dob < '2000' ? '0' : 'A'}`;
  return `${first17}${curpCheckDigit(first17)}`;
}

function cpf(r: Rand): string {
  let first9 = digits(r, 9);
  while (/^(\d)\1{8}$/.test(first9)) first9 = digits(r, 9);
  const full = `${first9}${cpfCheckDigits(first9)}`;
  // Half typed with the usual separators; the schema normalises them away.
  return r() < 0.5 ? full : `${full.slice(0, 3)}.${full.slice(3, 6)}.${full.slice(6, 9)}-${full.slice(9)}`;
}

function ssn(r: Rand): string {
  let area = int(r, 1, 899);
  if (area === 666) area = 667;
  const s = `${pad(area, 3)}${pad(int(r, 1, 99), 2)}${pad(int(r, 1, 9999), 4)}`;
  return r() < 0.5 ? s : `${s.slice(0, 3)}-${s.slice(3, 5)}-${s.slice(5)}`;
}

function dui(r: Rand): string {
  const first8 = digits(r, 8);
  return `${first8}-${duiCheckDigit(first8)}`;
}

const COUNTRIES: readonly CountrySpec[] = [
  {
    code: 'CO',
    weight: 26,
    first: LATAM_FIRST,
    last: LATAM_LAST,
    cities: [
      { city: 'Bogotá', state: 'Cundinamarca', zip: (r) => `11${digits(r, 4)}` },
      { city: 'Medellín', state: 'Antioquia', zip: (r) => `050${digits(r, 3)}` },
      { city: 'Cali', state: 'Valle del Cauca', zip: (r) => `760${digits(r, 3)}` },
      { city: 'Barranquilla', state: 'Atlántico', zip: (r) => `080${digits(r, 3)}` },
    ],
    street: (r) => `${pick(r, ['Carrera', 'Calle', 'Avenida', 'Diagonal', 'Transversal'])} ${int(r, 1, 140)} # ${int(r, 1, 120)}-${int(r, 1, 99)}`,
    phone: (r) => `+57${pick(r, ['300', '301', '304', '310', '311', '312', '313', '315', '316', '317', '318', '320', '321'])}${digits(r, 7)}`,
    documents: [
      (r) => doc('NUIP', `1${digits(r, 9)}`, 'CO'),
      (r) => doc('NUIP', `1.${digits(r, 3)}.${digits(r, 3)}.${digits(r, 3)}`, 'CO'),
      (r) => doc('DRIVER_LICENSE', digits(r, 10), 'CO'),
      (r) => passport(r, 'CO'),
    ],
    company: (r) => ({ type: 'NIT', number: `9${digits(r, 8)}-${digits(r, 1)}`, issuedCountryCode: 'CO' }),
    companySuffix: ['S.A.S.', 'S.A.', 'Ltda.'],
  },
  {
    code: 'MX',
    weight: 22,
    first: LATAM_FIRST,
    last: LATAM_LAST,
    cities: [
      { city: 'Ciudad de México', state: 'CDMX', zip: (r) => `0${int(r, 1000, 9999)}` },
      { city: 'Guadalajara', state: 'Jalisco', zip: (r) => `44${digits(r, 3)}` },
      { city: 'Monterrey', state: 'Nuevo León', zip: (r) => `64${digits(r, 3)}` },
      { city: 'Puebla', state: 'Puebla', zip: (r) => `72${digits(r, 3)}` },
    ],
    street: (r) => `${pick(r, ['Av. Insurgentes Sur', 'Calle Durango', 'Av. Reforma', 'Calle Hidalgo', 'Av. Juárez'])} ${int(r, 1, 3000)}`,
    phone: (r) => `+52${pick(r, ['55', '33', '81'])}${digits(r, 8)}`,
    documents: [
      (r, dob, sex) => doc('CURP', curp(r, dob, sex), 'MX'),
      (r, dob) => doc('RFC', `${letters(r, 4)}${yymmdd(dob)}${letters(r, 1)}${digits(r, 1)}${letters(r, 1)}`, 'MX'),
      (r, dob, sex) => ({ ...doc('INE', `${letters(r, 6)}${yymmdd(dob)}${digits(r, 2)}${sex}${digits(r, 3)}`, 'MX'), cic: digits(r, 9), identificadorCiudadano: digits(r, 9) }),
      (r, dob, sex) => doc('IFE', `${letters(r, 6)}${yymmdd(dob)}${digits(r, 2)}${sex}${digits(r, 3)}`, 'MX'),
      (r) => passport(r, 'MX'),
    ],
    company: (r) => ({ type: 'RFC', number: `${letters(r, 3)}${digits(r, 6)}${letters(r, 1)}${digits(r, 2)}`, issuedCountryCode: 'MX' }),
    companySuffix: ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'],
  },
  {
    code: 'US',
    weight: 12,
    first: EN_FIRST,
    last: EN_LAST,
    cities: [
      { city: 'Miami', state: 'FL', zip: (r) => `331${digits(r, 2)}` },
      { city: 'New York', state: 'NY', zip: (r) => `100${digits(r, 2)}` },
      { city: 'Houston', state: 'TX', zip: (r) => `770${digits(r, 2)}` },
      { city: 'San Francisco', state: 'CA', zip: (r) => `941${digits(r, 2)}` },
    ],
    street: (r) => `${int(r, 1, 9999)} ${pick(r, ['Main St', 'Ocean Dr', 'Market St', 'Elm Ave', 'Brickell Ave', '5th Ave'])}`,
    phone: (r) => `+1${pick(r, ['212', '305', '415', '713', '312', '617'])}${int(r, 2, 9)}${int(r, 2, 9)}${digits(r, 1)}${digits(r, 4)}`,
    documents: [(r) => doc('SSN', ssn(r), 'US'), (r) => doc('DRIVER_LICENSE', `${letters(r, 1)}${digits(r, 7)}`, 'US'), (r) => passport(r, 'US')],
    company: (r) => ({ type: 'EIN', number: `${digits(r, 2)}-${digits(r, 7)}`, issuedCountryCode: 'US' }),
    companySuffix: ['LLC', 'Inc.', 'Corp.', 'LP'],
  },
  {
    code: 'BR',
    weight: 10,
    first: BR_FIRST,
    last: BR_LAST,
    cities: [
      { city: 'São Paulo', state: 'SP', zip: (r) => `0${digits(r, 4)}-${digits(r, 3)}` },
      { city: 'Rio de Janeiro', state: 'RJ', zip: (r) => `2${digits(r, 4)}-${digits(r, 3)}` },
      { city: 'Belo Horizonte', state: 'MG', zip: (r) => `3${digits(r, 4)}-${digits(r, 3)}` },
    ],
    street: (r) => `${pick(r, ['Rua Augusta', 'Av. Paulista', 'Rua das Flores', 'Av. Atlântica'])}, ${int(r, 1, 2500)}`,
    phone: (r) => `+55${pick(r, ['11', '21', '31', '41'])}9${digits(r, 8)}`,
    documents: [(r) => doc('CPF', cpf(r), 'BR'), (r) => doc('DNI', digits(r, 9), 'BR'), (r) => passport(r, 'BR')],
    company: (r) => ({ type: 'CNPJ', number: `${digits(r, 2)}.${digits(r, 3)}.${digits(r, 3)}/0001-${digits(r, 2)}`, issuedCountryCode: 'BR' }),
    companySuffix: ['Ltda.', 'S.A.', 'ME'],
  },
  {
    code: 'SV',
    weight: 4,
    first: LATAM_FIRST,
    last: LATAM_LAST,
    cities: [
      { city: 'San Salvador', state: 'San Salvador', zip: (r) => `CP ${1100 + int(r, 1, 99)}` },
      { city: 'Santa Ana', state: 'Santa Ana', zip: (r) => `CP ${2200 + int(r, 1, 99)}` },
    ],
    street: (r) => `${pick(r, ['Calle Arce', 'Av. Masferrer', 'Paseo General Escalón'])} #${int(r, 1, 999)}`,
    phone: (r) => `+503${pick(r, ['6', '7'])}${digits(r, 7)}`,
    documents: [(r) => doc('DUI', dui(r), 'SV'), (r) => passport(r, 'SV')],
    company: (r) => ({ type: 'REGISTRATION', number: `${digits(r, 4)}-${digits(r, 6)}-${digits(r, 3)}-${digits(r, 1)}`, issuedCountryCode: 'SV' }),
    companySuffix: ['S.A. de C.V.'],
  },
  {
    code: 'CA',
    weight: 4,
    first: EN_FIRST,
    last: EN_LAST,
    cities: [
      { city: 'Toronto', state: 'ON', zip: (r) => `M${digits(r, 1)}${letters(r, 1)} ${digits(r, 1)}${letters(r, 1)}${digits(r, 1)}` },
      { city: 'Vancouver', state: 'BC', zip: (r) => `V${digits(r, 1)}${letters(r, 1)} ${digits(r, 1)}${letters(r, 1)}${digits(r, 1)}` },
    ],
    street: (r) => `${int(r, 1, 3000)} ${pick(r, ['Yonge St', 'Queen St W', 'Granville St', 'King St E'])}`,
    phone: (r) => `+1${pick(r, ['416', '604', '514'])}${int(r, 2, 9)}${int(r, 2, 9)}${digits(r, 1)}${digits(r, 4)}`,
    documents: [(r) => doc('DRIVER_LICENSE', `${letters(r, 1)}${digits(r, 4)}-${digits(r, 5)}-${digits(r, 5)}`, 'CA'), (r) => passport(r, 'CA')],
    company: (r) => ({ type: 'REGISTRATION', number: `BC${digits(r, 7)}`, issuedCountryCode: 'CA' }),
    companySuffix: ['Ltd.', 'Inc.'],
  },
  ...(
    [
      ['ES', 5, LATAM_FIRST, LATAM_LAST, 'Madrid', 'Madrid', '+346', 'S.L.'],
      ['AR', 5, LATAM_FIRST, LATAM_LAST, 'Buenos Aires', 'CABA', '+54911', 'S.R.L.'],
      ['CL', 4, LATAM_FIRST, LATAM_LAST, 'Santiago', 'Región Metropolitana', '+569', 'SpA'],
      ['PE', 4, LATAM_FIRST, LATAM_LAST, 'Lima', 'Lima', '+519', 'S.A.C.'],
      ['DE', 2, DE_FIRST, DE_LAST, 'Berlin', 'Berlin', '+49151', 'GmbH'],
      ['FR', 2, FR_FIRST, FR_LAST, 'Paris', 'Île-de-France', '+336', 'SAS'],
    ] as const
  ).map(
    ([code, weight, first, last, city, state, phonePrefix, suffix]): CountrySpec => ({
      code,
      weight,
      first,
      last,
      cities: [{ city, state, zip: (r) => digits(r, 5) }],
      street: (r) => `${pick(r, ['Calle Mayor', 'Avenida Central', 'Hauptstraße', 'Rue de la Paix', 'Av. Libertador'])} ${int(r, 1, 400)}`,
      // All of these are 8 national digits after the prefix (mobile ranges).
      phone: (r) => `${phonePrefix}${digits(r, 8)}`,
      documents: [(r) => passport(r, code), (r) => nationalId(r, code), (r) => dni(r, code)],
      company: (r) => ({
        type: code === 'AR' ? 'CUIT' : code === 'CL' ? 'RUT' : 'REGISTRATION',
        number: code === 'AR' ? `30-${digits(r, 8)}-${digits(r, 1)}` : code === 'CL' ? `76.${digits(r, 3)}.${digits(r, 3)}-${digits(r, 1)}` : `${letters(r, 1)}${digits(r, 8)}`,
        issuedCountryCode: code,
      }),
      companySuffix: [suffix],
    }),
  ),
];

const TOTAL_WEIGHT = COUNTRIES.reduce((s, c) => s + c.weight, 0);

function pickCountry(r: Rand): CountrySpec {
  let x = r() * TOTAL_WEIGHT;
  for (const c of COUNTRIES) {
    x -= c.weight;
    if (x < 0) return c;
  }
  return COUNTRIES[0]!;
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 20);
}

function investmentProfile(r: Rand): InvestmentProfile {
  return {
    primarySourceOfFunds: pick(r, SOURCE_OF_FUNDS),
    primarySourceOfFundsDescription: pick(r, ['Salary from current employer', 'Sale of a property', 'Savings over ten years', 'Family business dividends']),
    totalAssets: pick(r, ASSET_RANGES),
    usdValueOfFiat: pick(r, ASSET_RANGES),
    monthlyDeposits: pick(r, MONTHLY_COUNT_RANGES),
    monthlyWithdrawals: pick(r, MONTHLY_COUNT_RANGES),
    monthlyInvestmentDeposit: pick(r, MONTHLY_AMOUNT_RANGES),
    monthlyInvestmentWithdrawal: pick(r, MONTHLY_AMOUNT_RANGES),
    usdValueOfCrypto: pick(r, MONTHLY_AMOUNT_RANGES),
    monthlyCryptoDeposits: pick(r, MONTHLY_COUNT_RANGES),
    monthlyCryptoWithdrawals: pick(r, MONTHLY_COUNT_RANGES),
    monthlyCryptoInvestmentDeposit: pick(r, MONTHLY_AMOUNT_RANGES),
    monthlyCryptoInvestmentWithdrawal: pick(r, MONTHLY_AMOUNT_RANGES),
  };
}

/** Person number `i` (unique externalId and email); born 1945..2004, so always an adult. */
export function syntheticPerson(r: Rand, i: number): PersonRaw {
  const c = pickCountry(r);
  const sex = r() < 0.5 ? 'H' : 'M';
  const firstName = pick(r, c.first);
  const lastName = r() < 0.35 && c.code !== 'US' && c.code !== 'CA' ? `${pick(r, c.last)} ${pick(r, c.last)}` : pick(r, c.last);
  const dob = `${int(r, 1945, 2004)}-${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)}`;
  const city = pick(r, c.cities);
  const document = pick(r, c.documents)(r, dob, sex);
  const middle = r() < 0.3 ? pick(r, c.first) : undefined;
  return {
    externalId: `CUST-${pad(i, 7)}`,
    firstName,
    ...(middle ? { middleName: middle } : {}),
    lastName,
    email: `${slug(firstName)}.${slug(lastName)}.${i}@${pick(r, ['example.com', 'example.org', 'mail.example.net', 'correo.example.co'])}`,
    phone: c.phone(r),
    dateOfBirth: dob,
    ...(r() < 0.8 ? { nationality: c.code } : {}),
    address: {
      street1: c.street(r),
      ...(r() < 0.2 ? { street2: `Apto ${int(r, 101, 2504)}` } : {}),
      city: city.city,
      state: city.state,
      zipCode: city.zip(r),
      countryCode: c.code,
    },
    document,
    ...(r() < 0.15 ? { investmentProfile: investmentProfile(r) } : {}),
    ...(r() < 0.3
      ? { kycProfile: { fundsSendReceiveJurisdictions: r() < 0.5 ? [c.code] : [c.code, 'US'], engageInActivities: ['NONE' as const] } }
      : {}),
  };
}

const COMPANY_WORDS = ['Andes', 'Pacífico', 'Cóndor', 'Aurora', 'Sierra', 'Delta', 'Nova', 'Atlas', 'Horizonte', 'Ceiba', 'Caribe', 'Orinoco', 'Maya', 'Tierra Alta'];
const COMPANY_TRADES = ['Trading', 'Logística', 'Capital', 'Alimentos', 'Textiles', 'Minería', 'Software', 'Energía', 'Importaciones', 'Agro', 'Fintech', 'Consultores'];

/** Company number `i`, owned by existing PERSON profiles (`ownerIds`, the first is the main owner). */
export function syntheticCompany(r: Rand, i: number, ownerIds: readonly [string, ...string[]]): CompanyRaw {
  const c = pickCountry(r);
  const city = pick(r, c.cities);
  const trade = `${pick(r, COMPANY_WORDS)} ${pick(r, COMPANY_TRADES)}`;
  return {
    externalId: `BIZ-${pad(i, 7)}`,
    companyName: `${trade} ${pick(r, c.companySuffix)}`,
    tradeName: trade,
    legalStructure: pick(r, LEGAL_STRUCTURES),
    establishedOn: `${int(r, 1970, 2023)}-${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)}`,
    naics: pick(r, ['423990', '541511', '522320', '311999', '484121', '212230']),
    phone: c.phone(r),
    ...(r() < 0.7 ? { email: `compliance.${i}@${slug(trade)}.example.com` } : {}),
    address: { street1: c.street(r), city: city.city, state: city.state, zipCode: city.zip(r), countryCode: c.code },
    document: c.company(r),
    mainOwnerUser: ownerIds[0],
    ownerUsers: ownerIds.slice(1),
    ...(r() < 0.2 ? { investmentProfile: investmentProfile(r) } : {}),
    ...(r() < 0.4
      ? {
          kycProfile: {
            fundsSendReceiveJurisdictions: [c.code, 'US'],
            engageInActivities: ['NONE' as const],
            regulatedStatus: pick(r, REGULATED_STATUSES),
            descriptionOfBusinessNature: `${trade}: wholesale and services`,
          },
        }
      : {}),
  };
}
