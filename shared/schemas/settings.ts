import { z } from 'zod';

export const settingsSchema = z.object({
  /** A session ends after this many idle minutes. */
  sessionIdleMinutes: z.number().int().min(1).max(24 * 60),
  /** SLA for a submitted case, counted from submission. */
  slaHours: z.number().int().min(1).max(24 * 30),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { sessionIdleMinutes: 15, slaHours: 24 };
