import { randomUUID } from 'node:crypto';

/** Random UUIDs: ids are safe to show and carry no ordering or personal information. */
export function newId(): string {
  return randomUUID();
}
