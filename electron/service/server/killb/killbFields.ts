import {
  companyDocumentFields,
  companyInputSchema,
  companyKycProfileSchema,
  kycProfileSchema,
  personDocumentFields,
  personInputSchema,
  type ProfileType,
} from '../../../../shared/schemas/profile';

/**
 * The rule for KillB bodies: unknown extra fields are ignored, but a field we know and
 * cannot store for this user type is an error, never silently dropped (zod would strip it).
 * "Known" is read off the contract's own schemas, so it follows them as they change: a key is
 * refused when the other user type's schema has it and this type's schema has not (a PERSON
 * sending `companyName`, a COMPANY document sending INE's `cic`).
 */
interface FieldTree {
  keys: ReadonlySet<string>;
  nested: Readonly<Record<string, ReadonlySet<string>>>;
}

function tree(shape: object, nested: Record<string, object>): FieldTree {
  return {
    keys: new Set(Object.keys(shape)),
    nested: Object.fromEntries(Object.entries(nested).map(([k, v]) => [k, new Set(Object.keys(v))])),
  };
}

const TREES: Record<ProfileType, FieldTree> = {
  PERSON: tree(personInputSchema().shape, { document: personDocumentFields.shape, kycProfile: kycProfileSchema.shape }),
  COMPANY: tree(companyInputSchema.shape, { document: companyDocumentFields.shape, kycProfile: companyKycProfileSchema.shape }),
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first field of `data` that only the other user type can store, as a path inside `data`. */
export function unstorableField(type: ProfileType, data: Record<string, unknown>): { path: string; belongsTo: ProfileType } | null {
  const other: ProfileType = type === 'PERSON' ? 'COMPANY' : 'PERSON';
  const mine = TREES[type];
  const theirs = TREES[other];
  for (const [key, value] of Object.entries(data)) {
    if (!mine.keys.has(key)) {
      if (theirs.keys.has(key)) return { path: key, belongsTo: other };
      continue;
    }
    const myNested = mine.nested[key];
    const theirNested = theirs.nested[key];
    if (!myNested || !theirNested || !isObject(value)) continue;
    for (const sub of Object.keys(value)) {
      if (!myNested.has(sub) && theirNested.has(sub)) return { path: `${key}.${sub}`, belongsTo: other };
    }
  }
  return null;
}
