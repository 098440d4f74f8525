import type { Migration } from './Migration';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The capture-quality limits shipped before and from this version, written out rather than
 * imported so this migration keeps meaning what it meant when it shipped. The overexposure limit
 * came down: washed-out light cards read from 190 on generated sets while no clean specimen reads
 * above 120, so the old 200 let them through.
 */
const OLD_SHIPPED = { maxLumaP5: 200 } as const;
const NEW_SHIPPED = { maxLumaP5: 155 } as const;

export const migration0028: Migration = {
  version: 28,
  name: 'capture_quality_limits',
  up(db) {
    // Stored versions are never changed (analyses name the version that produced them): when the
    // current policy still holds a shipped limit, a new version takes the new one. A limit an
    // administrator set is theirs and stays.
    const latest = db.prepare('SELECT version, body FROM policies ORDER BY version DESC LIMIT 1').get() as { version: number; body: string } | undefined;
    if (!latest) return;
    const body: unknown = JSON.parse(latest.body);
    if (!isObject(body) || !isObject(body.quality)) return;
    const quality: Json = { ...body.quality };
    const changed = (Object.keys(OLD_SHIPPED) as (keyof typeof OLD_SHIPPED)[]).filter((k) => quality[k] === OLD_SHIPPED[k]);
    if (changed.length === 0) return;
    for (const k of changed) quality[k] = NEW_SHIPPED[k];
    db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
      latest.version + 1,
      JSON.stringify({ ...body, quality }),
      `capture-quality limits of this release (${changed.join(', ')}): washed-out light cards were accepted`,
      new Date().toISOString(),
      'system',
    );
  },
};
