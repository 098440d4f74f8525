import { queueQuerySchema, type QueueQuery } from '../../../shared/schemas/case';

/** The queue query without its page: what the filter bar sets. */
export type QueueFilters = Omit<QueueQuery, 'limit' | 'offset'>;

/**
 * The queue's filters in the page's address (`#/queue?statuses=SUBMITTED,IN_REVIEW&search=ana`),
 * so a reload, or a link sent to a colleague, shows the same list. Each parameter is read back
 * through the queue query's own schema: a hand-edited or outdated address gives the default
 * filters, never a broken page.
 */
const filtersSchema = queueQuerySchema.omit({ limit: true, offset: true });
type Kind = 'array' | 'boolean' | 'number' | 'text';

/** What a filter's value is, from the schema (optional and default wrappers looked through). */
function kindOf(key: string): Kind | null {
  const field = (filtersSchema.shape as Record<string, { def: ZodDef } | undefined>)[key];
  if (!field) return null;
  let def = field.def;
  while (def.innerType) def = def.innerType.def;
  return def.type === 'array' ? 'array' : def.type === 'boolean' ? 'boolean' : def.type === 'number' ? 'number' : 'text';
}
interface ZodDef {
  type: string;
  innerType?: { def: ZodDef };
}

export function queueHash(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = params.toString();
  return query ? `#/queue?${query}` : '#/queue';
}

/** The filters an address carries, or null when it carries none (or none that are valid). */
export function filtersFromHash(hash: string): QueueFilters | null {
  const at = hash.indexOf('?');
  if (!hash.startsWith('#/queue') || at < 0) return null;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(hash.slice(at + 1))) {
    const kind = kindOf(key);
    if (kind === 'array') raw[key] = value.split(',').filter(Boolean);
    else if (kind === 'boolean') raw[key] = value === 'true' ? true : value === 'false' ? false : value;
    else if (kind === 'number') raw[key] = Number(value);
    else if (kind === 'text') raw[key] = value;
  }
  const parsed = filtersSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
