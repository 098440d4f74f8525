import type { Role } from '../../../shared/schemas/operator';

/** Documented in the README. Demo only: `--demo` refuses to run on a store that has real data. */
export const DEMO_PASSWORD = 'kyc-demo-2026';

export const DEMO_ACCOUNTS: readonly { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@demo.kyc', displayName: 'Alex Admin', role: 'admin' },
  { email: 'officer@demo.kyc', displayName: 'Olivia Ortega', role: 'officer' },
  { email: 'officer2@demo.kyc', displayName: 'Omar Okafor', role: 'officer' },
  { email: 'senior@demo.kyc', displayName: 'Sofía Salazar', role: 'senior_officer' },
  { email: 'senior2@demo.kyc', displayName: 'Samuel Stein', role: 'senior_officer' },
  { email: 'branch@demo.kyc', displayName: 'Bruno Barros', role: 'branch_staff' },
  { email: 'auditor@demo.kyc', displayName: 'Ada Achebe', role: 'auditor' },
];
