/**
 * The names the service records as the actor of work no operator did (actor id null). They are
 * part of each audit event's hash, so they never change; the UI words them in its own language.
 */
export const SYSTEM_ACTOR_NAMES = {
  system: 'system',
  engine: 'verification engine',
  screening: 'screening',
  signIn: 'sign-in',
  retention: 'retention schedule',
  backup: 'backup schedule',
  expiry: 'expiry schedule',
  sync: 'sync',
  central: 'central kycService',
  demo: 'demo data',
} as const;

export type SystemActorKey = keyof typeof SYSTEM_ACTOR_NAMES;

const KEY_BY_NAME = new Map<string, SystemActorKey>(
  (Object.entries(SYSTEM_ACTOR_NAMES) as [SystemActorKey, string][]).map(([key, name]) => [name, key]),
);

/** The key of a system actor's recorded name, or null for a name that is not one (an operator's). */
export function systemActorKey(name: string): SystemActorKey | null {
  return KEY_BY_NAME.get(name) ?? null;
}
