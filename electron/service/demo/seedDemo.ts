import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { KycService } from '../KycService';
import type { AdjustableClock } from '../core/AdjustableClock';
import type { CaseStatus } from '../../../shared/caseStatus';
import type { EvidenceKind } from '../../../shared/schemas/evidence';
import type { InputOf, OperationName, OutputOf } from '../../../shared/contract';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ReasonCode } from '../../../shared/reasonCodes';
import { createOperator } from '../bootstrap/createOperator';
import { APPLICANTS, COMPANIES, SPECIMEN_PEOPLE, type DemoPerson } from './demoPeople';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demoAccounts';
import { expireStaleApplications } from '../cases/expireApplications';
import { importSanctionsList } from '../screening/importSanctionsList';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** Deterministic, so every demo store looks the same (screenshots, docs, support). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Plan {
  kind: 'person' | 'company';
  person?: DemoPerson;
  companyIndex?: number;
  target: CaseStatus;
  reviewer: string;
  reason?: ReasonCode;
  comment?: string;
  customerMessage?: string;
}

const APPLICANT_TARGETS: CaseStatus[] = [
  'NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'SUBMITTED', 'APPROVED', 'IN_PROGRESS', 'SUBMITTED',
  'NOT_STARTED', 'REJECTED', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'IN_PROGRESS', 'RESUBMISSION_REQUESTED', 'SUBMITTED',
  'NOT_STARTED', 'APPROVED', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'NOT_STARTED', 'REJECTED', 'IN_PROGRESS',
  'SUBMITTED', 'APPROVED', 'RESUBMISSION_REQUESTED', 'NOT_STARTED', 'IN_REVIEW', 'IN_PROGRESS', 'SUBMITTED', 'NOT_STARTED',
];
const SPECIMEN_PLANS: { target: CaseStatus; reason?: ReasonCode; comment?: string; customerMessage?: string }[] = [
  { target: 'IN_REVIEW' },
  { target: 'SUBMITTED' },
  { target: 'APPROVED', comment: 'Passport data matches the profile; MRZ check digits valid.' },
  { target: 'SUBMITTED' },
  { target: 'IN_REVIEW' },
  { target: 'REJECTED', reason: 'DOCUMENT_EXPIRED', comment: 'ID card expired in 2013.', customerMessage: 'Your identity card has expired. Please apply again with a valid document.' },
  { target: 'RESUBMISSION_REQUESTED', reason: 'BLURRY_DOCUMENT', comment: 'Data page partly unreadable.', customerMessage: 'Please upload a sharper photo of your passport data page.' },
  { target: 'APPROVED', comment: 'All checks consistent.' },
  { target: 'SUBMITTED' },
];
const COMPANY_TARGETS: CaseStatus[] = ['IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'NOT_STARTED'];
const REJECT_REASONS: ReasonCode[] = ['DATA_MISMATCH', 'SUSPECTED_FORGERY'];
/** Invented entries (resources/demo), imported as an in-house list. */
const DEMO_WATCHLIST = 'demo-watchlist.csv';
export const DEMO_WATCHLIST_SOURCE = 'demo_watchlist';
const SPECIMEN_IMAGES = ['pe_100_pass-cze.jpg', 'pe_100_pass-uto.jpg', 'pe_98_pass-nld.jpg', 'pe_79_pass-can.jpg'];

const ORDER: CaseStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW'];
const reaches = (target: CaseStatus, step: CaseStatus) =>
  ORDER.indexOf(step) <= (ORDER.includes(target) ? ORDER.indexOf(target) : ORDER.length);

function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
}

export interface SeedResult {
  seeded: boolean;
  cases: number;
}

/**
 * Fills an empty store with demo accounts and about 50 cases in varied states. Every change
 * goes through the real operations, signed in as the demo staff, so the history, audit chain
 * and KYC levels are exactly what real use would produce.
 */
export async function seedDemo(service: KycService, clock: AdjustableClock, resourcesDir: string, now = new Date()): Promise<SeedResult> {
  const deps = service.deps;
  if (deps.cases.list({ limit: 1, offset: 0, sort: 'age', order: 'asc' }).total > 0) return { seeded: false, cases: 0 };

  const start = new Date(now.getTime() - 21 * 86_400_000);
  clock.pin(start);
  try {
    for (const a of DEMO_ACCOUNTS) {
      if (!deps.operators.existsEmail(a.email)) await createOperator(deps, { ...a, password: DEMO_PASSWORD });
    }

    const tokens = new Map<string, string>();
    const call = async <K extends OperationName>(email: string, op: K, input: InputOf<K>): Promise<OutputOf<K>> => {
      for (let attempt = 0; attempt < 2; attempt++) {
        let token = tokens.get(email);
        if (!token) {
          const s = await service.call('auth.signIn', { email, password: DEMO_PASSWORD }, null);
          if (!s.ok) throw new Error(`demo sign-in failed: ${s.error.code}`);
          token = s.value.token;
          tokens.set(email, token);
        }
        const r = await service.call(op, input, token);
        if (r.ok) return r.value;
        if (r.error.code !== ErrorCode.SESSION_EXPIRED) throw new Error(`demo ${op} failed: ${r.error.code} ${r.error.message}`);
        tokens.delete(email); // signed out by idling: sign in again, as staff do each morning
      }
      throw new Error(`demo ${op}: could not keep a session`);
    };
    const file = (name: string) => ({
      fileName: name,
      mimeType: (extname(name) === '.png' ? 'image/png' : 'image/jpeg') as 'image/png' | 'image/jpeg',
      dataBase64: readFileSync(join(resourcesDir, name)).toString('base64'),
    });

    const rand = mulberry32(20261122);
    const plans: Plan[] = [
      ...SPECIMEN_PEOPLE.map((person, i): Plan => ({ kind: 'person', person, reviewer: i % 2 ? 'officer2@demo.kyc' : 'officer@demo.kyc', ...SPECIMEN_PLANS[i]! })),
      ...APPLICANTS.map((person, i): Plan => {
        const target = APPLICANT_TARGETS[i % APPLICANT_TARGETS.length]!;
        return {
          kind: 'person',
          person: { ...person, image: person.image ?? SPECIMEN_IMAGES[i % SPECIMEN_IMAGES.length]! },
          target,
          reviewer: ['officer@demo.kyc', 'officer2@demo.kyc', 'senior@demo.kyc'][i % 3]!,
          ...(target === 'REJECTED' ? { reason: REJECT_REASONS[i % 2]!, comment: 'Document data does not match the profile.', customerMessage: 'We could not verify your identity.' } : {}),
          ...(target === 'RESUBMISSION_REQUESTED' ? { reason: 'GLARE_ON_DOCUMENT' as const, comment: 'Glare over the document number.', customerMessage: 'Please retake the photo of your document without reflections.' } : {}),
          ...(target === 'APPROVED' ? { comment: 'Verified against the document.' } : {}),
        };
      }),
      ...COMPANIES.map((_, i): Plan => ({ kind: 'company', companyIndex: i, target: COMPANY_TARGETS[i]!, reviewer: 'senior@demo.kyc', ...(COMPANY_TARGETS[i] === 'APPROVED' ? { comment: 'Registry extract and owners verified.' } : {}) })),
    ];

    // Persons first (companies need their owners); each case starts at a later time so the
    // audit chain reads in time order, and older cases sit deeper in the queue.
    const spacingMs = (20 * 86_400_000) / plans.length;
    const profileIds: string[] = [];
    let cases = 0;
    for (const [i, plan] of plans.entries()) {
      let t = start.getTime() + i * spacingMs + rand() * spacingMs * 0.5;
      const at = (deltaMin: number) => {
        t += deltaMin * 60_000;
        clock.pin(new Date(t));
      };
      at(0);
      const staff = 'branch@demo.kyc';
      let profileId: string;
      if (plan.kind === 'person' && plan.person) {
        const p = plan.person;
        const email = `${slug(p.firstName)}.${slug(p.lastName)}@example.com`;
        const created = await call(staff, 'profiles.createPerson', {
          externalId: `CUST-${String(100_000 + i * 37).padStart(6, '0')}`,
          firstName: p.firstName,
          ...(p.middleName ? { middleName: p.middleName } : {}),
          lastName: p.lastName,
          email,
          phone: p.phone,
          dateOfBirth: p.dateOfBirth,
          nationality: p.country,
          address: { street1: p.street, city: p.city, state: p.state, zipCode: p.zip, countryCode: p.country },
          document: { ...p.document, issuedCountryCode: p.country },
          ...(i % 4 === 0
            ? { kycProfile: { fundsSendReceiveJurisdictions: [p.country, 'US'], engageInActivities: ['NONE' as const] } }
            : {}),
        });
        profileId = created.id;
        profileIds.push(profileId);
      } else {
        const c = COMPANIES[plan.companyIndex!]!;
        const owner = profileIds[SPECIMEN_PEOPLE.length + c.owner]!;
        const created = await call(staff, 'profiles.createCompany', {
          externalId: `BIZ-${String(500 + i).padStart(6, '0')}`,
          companyName: c.companyName,
          tradeName: c.tradeName,
          legalStructure: c.legalStructure,
          establishedOn: c.establishedOn,
          naics: c.naics,
          phone: c.phone,
          email: `compliance@${slug(c.tradeName).replace(/\./g, '')}.example.com`,
          address: { street1: c.street, city: c.city, state: c.state, zipCode: c.zip, countryCode: c.country },
          document: { ...c.document, issuedCountryCode: c.country },
          mainOwnerUser: owner,
          ownerUsers: [],
        });
        profileId = created.id;
      }
      cases += 1;
      const caseId = deps.cases.byProfileId(profileId)!.id;
      if (!reaches(plan.target, 'IN_PROGRESS')) continue;
      at(3 + rand() * 5);
      await call(staff, 'cases.start', { id: caseId });

      const evidence: [EvidenceKind, string][] = [];
      const image = plan.person?.image ?? SPECIMEN_IMAGES[(plan.companyIndex ?? 0) % SPECIMEN_IMAGES.length]!;
      evidence.push(['DOCUMENT_FRONT', image]);
      if (plan.person?.backImage) evidence.push(['DOCUMENT_BACK', plan.person.backImage]);
      if (plan.person?.selfie) evidence.push(['SELFIE', plan.person.selfie]);
      // Some in-progress applicants have not uploaded anything yet.
      if (plan.target === 'IN_PROGRESS' && i % 2 === 0) continue;
      for (const [kind, name] of evidence) {
        at(2 + rand() * 4);
        await call(staff, 'evidence.add', { caseId, kind, ...file(name) });
      }
      if (!reaches(plan.target, 'SUBMITTED')) continue;
      at(2 + rand() * 3);
      await call(staff, 'cases.submit', { id: caseId });
      if (plan.target === 'SUBMITTED') continue;

      at(60 + rand() * 600);
      const claimed = await call(plan.reviewer, 'cases.claim', { id: caseId });
      if (plan.target === 'IN_REVIEW') continue;
      at(8 + rand() * 30);
      const action = plan.target === 'APPROVED' ? 'approve' : plan.target === 'REJECTED' ? 'reject' : 'request_resubmission';
      await call(plan.reviewer, 'cases.decide', {
        caseId,
        action,
        ...(plan.reason ? { reasonCode: plan.reason } : {}),
        internalComment: plan.comment ?? '',
        customerMessage: plan.customerMessage ?? '',
        resubmitItems: action === 'request_resubmission' ? ['DOCUMENT_FRONT'] : [],
        expectedVersion: claimed.version,
      });
    }
    // A small invented watch list, so the demo shows screening: its import starts the
    // ongoing-monitoring re-screen, which raises a likely match (Diego Hernández Ruiz, same birth
    // date and nationality) and leaves a near name with another birth date below the threshold.
    // Imported by the seeder itself, not through an admin's session: the first admin may have
    // taken admin@demo.kyc with a password of their own.
    clock.pin(new Date(now.getTime() - 3_600_000));
    await importSanctionsList(deps, { file: join(resourcesDir, DEMO_WATCHLIST), format: 'inhouse-csv', source: DEMO_WATCHLIST_SOURCE, fileName: DEMO_WATCHLIST }, { id: null, name: SYSTEM_ACTOR_NAMES.demo });
    // Nobody waits for the demo's own analyses: they run in the background lane, so the first
    // upload at the desk is analysed at once instead of after forty demo cases.
    deps.jobs.moveQueuedToBackground();
    // The history above spans three weeks, so some applications have waited on the customer
    // longer than the policy's expiry. Expire them now, as the service's schedule would have,
    // rather than a minute after start-up: the demo store then stays as seeded while in use.
    clock.pin(now);
    expireStaleApplications(deps, now);
    for (const [email, token] of tokens) await service.call('auth.signOut', {}, token).then(() => tokens.delete(email));
    return { seeded: true, cases };
  } finally {
    clock.pin(null);
  }
}
