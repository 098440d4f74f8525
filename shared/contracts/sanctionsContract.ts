import { z } from 'zod';
import { op, QUEUE_READERS, REVIEWERS } from '../operationSpec';
import { DISPOSITIONS, LIST_FORMATS, listEntrySchema, sanctionListSchema, screeningHitRecordSchema } from '../schemas/sanctions';

/** A list file sent from the admin's browser; the official files of hundreds of MB go through `npm run lists:import`. */
export const MAX_LIST_UPLOAD_BYTES = 40 * 1024 * 1024;

/** A recorded hit with the list entry it names, for the review panel (side by side with the customer). */
export const screeningHitViewSchema = screeningHitRecordSchema.extend({ entry: listEntrySchema.nullable(), disposedByName: z.string().nullable() });
export type ScreeningHitView = z.infer<typeof screeningHitViewSchema>;

const caseInput = z.object({ caseId: z.string().min(1) });

/** A list file's bytes as base64, at most MAX_LIST_UPLOAD_BYTES. */
const uploadBase64 = z.string().min(1).max(Math.ceil((MAX_LIST_UPLOAD_BYTES * 4) / 3) + 4, { error: `the file is over ${MAX_LIST_UPLOAD_BYTES / 1024 / 1024} MB: import it with npm run lists:import` });

/**
 * Sanctions and PEP screening against lists the compliance team imports (issue 15): the
 * snapshots, an admin's import, a case screened on demand, its hits, and the officer's
 * disposition of each (a false positive is remembered for that customer and entry).
 */
export const sanctionsContract = {
  'sanctions.lists': op({ input: z.object({}).strict(), output: z.array(sanctionListSchema), roles: QUEUE_READERS, mutates: false }),
  'sanctions.import': op({
    input: z.object({
      format: z.enum(LIST_FORMATS),
      /** The list's name; the official formats have their own (ofac_sdn, un_consolidated). */
      source: z.string().trim().min(1).max(60).optional(),
      fileName: z.string().trim().min(1).max(255),
      dataBase64: uploadBase64,
      /** OFAC's SDN CSV keeps every a.k.a. in a second file, alt.csv: sent with sdn.csv, it is read with it. */
      aliases: z.object({ fileName: z.string().trim().min(1).max(255), dataBase64: uploadBase64 }).optional(),
    }).refine((i) => !i.aliases || i.format === 'ofac-csv', { error: 'an aliases file (alt.csv) goes only with the OFAC SDN CSV format', path: ['aliases'] }),
    output: sanctionListSchema,
    roles: ['admin'],
    mutates: true,
  }),
  'sanctions.screenCase': op({ input: caseInput, output: z.array(screeningHitViewSchema), roles: REVIEWERS, mutates: true }),
  'sanctions.hits': op({ input: caseInput, output: z.array(screeningHitViewSchema), roles: QUEUE_READERS, mutates: false }),
  'sanctions.dispose': op({
    input: z.object({ hitId: z.string().min(1), disposition: z.enum(DISPOSITIONS), reason: z.string().trim().min(1, { error: 'say why' }).max(1000) }),
    output: screeningHitViewSchema,
    roles: REVIEWERS,
    mutates: true,
  }),
};
