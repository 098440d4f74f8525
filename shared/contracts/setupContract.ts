import { z } from 'zod';
import { EVERYONE, op } from '../operationSpec';
import { shippedModelSchema } from '../schemas/modelRegister';
import { newOperatorSchema, sessionSchema } from '../schemas/operator';

export const setupStatusSchema = z.object({
  /** No operator account exists yet: the app opens on the setup screen. */
  needsSetup: z.boolean(),
  /** This shell ships demo data that setup can load. */
  demoAvailable: z.boolean(),
  minPasswordLength: z.number().int(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const firstAdminInputSchema = newOperatorSchema.omit({ role: true }).extend({
  /** Also load the demo cases and demo accounts (training and evaluation only). */
  loadDemo: z.boolean().default(false),
});

export const aboutSchema = z.object({
  productName: z.string(),
  version: z.string(),
  dataDir: z.string(),
  /** The store's migration level (PRAGMA user_version). */
  schemaVersion: z.number().int(),
  sqliteVersion: z.string(),
  /** Encryption at rest: what protects the data keys, and the current key (its id, never the key). */
  encryption: z.object({
    protection: z.enum(['passphrase', 'key-file', 'os-keychain']),
    keyId: z.string(),
    keyCreatedAt: z.string(),
  }),
  runtime: z.object({ node: z.string(), electron: z.string().nullable() }),
  engines: z.array(z.object({ name: z.string(), version: z.string() })),
  /** The shipped models (resources/model-licences.json): what each is used for and its licence standing. */
  models: z.array(shippedModelSchema),
});
export type About = z.infer<typeof aboutSchema>;

/**
 * First run (issue 13): a store with no operator opens on a setup screen in either shell; the
 * first admin is created there, and the operation closes for good once any operator exists.
 * `app.about` tells anyone signed in which build runs on which store.
 */
export const setupContract = {
  'setup.status': op({ input: z.object({}).strict(), output: setupStatusSchema, roles: 'public', mutates: false }),
  'setup.createAdmin': op({
    input: firstAdminInputSchema,
    output: z.object({ session: sessionSchema, demoCases: z.number().int().nullable() }),
    roles: 'public',
    mutates: true,
  }),
  'app.about': op({ input: z.object({}).strict(), output: aboutSchema, roles: EVERYONE, mutates: false }),
};
