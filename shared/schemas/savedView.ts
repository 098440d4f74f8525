import { z } from 'zod';
import { queueQuerySchema } from './case';

/** A saved view's name is a label in a drop-down: short. */
export const MAX_VIEW_NAME = 60;

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The queue filters and sort, without paging. */
  query: queueQuerySchema.omit({ limit: true, offset: true }),
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;
