import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/schemas/settings';
import type { SettingsRepository } from '../repositories/SettingsRepository';

/** Stored values over defaults; a bad stored value falls back to its default, never crashes. */
export function readSettings(repo: SettingsRepository): Settings {
  const merged = { ...DEFAULT_SETTINGS, ...repo.all() };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}
