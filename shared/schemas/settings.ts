import { z } from 'zod';

export const settingsSchema = z.object({
  /** A session ends after this many idle minutes. */
  sessionIdleMinutes: z.number().int().min(1).max(24 * 60),
  /** SLA for a submitted case, counted from submission. */
  slaHours: z.number().int().min(1).max(24 * 30),
  /**
   * Run the retention purge by itself once a day (as "retention schedule"). Off by default:
   * deleting personal data is irreversible, so an admin turns it on deliberately.
   */
  retentionAutoPurge: z.boolean(),
  /** Failed sign-ins in a row on one account before it is locked out. */
  signInMaxFailures: z.number().int().min(3).max(50),
  /** Failed sign-ins in a row from one client (any accounts) before that client is locked out. */
  signInMaxClientFailures: z.number().int().min(5).max(500),
  /** How long a lock-out lasts (an admin can lift it sooner); failures older than this are forgotten. */
  signInLockoutMinutes: z.number().int().min(1).max(24 * 60),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { sessionIdleMinutes: 15, slaHours: 24, retentionAutoPurge: false, signInMaxFailures: 5, signInMaxClientFailures: 25, signInLockoutMinutes: 15 };
