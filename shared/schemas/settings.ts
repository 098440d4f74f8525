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
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { sessionIdleMinutes: 15, slaHours: 24, retentionAutoPurge: false };
