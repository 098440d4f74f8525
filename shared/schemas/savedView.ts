import { z } from 'zod';
import { queueQuerySchema } from './case';

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The queue filters and sort, without paging. */
  query: queueQuerySchema.omit({ limit: true, offset: true }),
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;
