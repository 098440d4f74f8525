import { z } from 'zod';
import { op } from '../operationSpec';

const ADMINS = ['admin'] as const;

export const backupScheduleSchema = z.object({
  /** Back up once a day into `dir`. */
  enabled: z.boolean(),
  /** An absolute folder on this machine (or a mounted drive); null: not chosen yet. */
  dir: z.string().trim().min(1).max(1000).nullable(),
  /** Daily backups kept in the folder; older ones are deleted after a new one is written. */
  keep: z.number().int().min(1).max(90),
});
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;

export const backupRunSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  /** The file written (its name only), or why not. */
  file: z.string().nullable(),
  error: z.string().nullable(),
});

export const backupStatusSchema = backupScheduleSchema.extend({
  passphraseSet: z.boolean(),
  lastRun: backupRunSchema.nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/**
 * Scheduled local backups (issue 14): an admin chooses a folder, how many to keep and the
 * passphrase (sealed at rest like connector secrets, never returned); the service writes one
 * encrypted backup a day there, or one now on request. Restores are `npm run restore`.
 */
export const backupContract = {
  'backup.status': op({ input: z.object({}).strict(), output: backupStatusSchema, roles: ADMINS, mutates: false }),
  'backup.configure': op({
    input: backupScheduleSchema.extend({ passphrase: z.string().min(12, { error: 'the passphrase must be at least 12 characters' }).max(1000).optional() }),
    output: backupStatusSchema,
    roles: ADMINS,
    mutates: true,
  }),
  'backup.runNow': op({ input: z.object({}).strict(), output: backupRunSchema, roles: ADMINS, mutates: true }),
};
