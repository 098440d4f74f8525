import type { Migration } from './Migration';
import { migration0001 } from './0001_operators_and_sessions';
import { migration0002 } from './0002_profiles_and_cases';
import { migration0003 } from './0003_evidence';
import { migration0004 } from './0004_audit_chain';

/** In order; each version is its index + 1 (checked by the migration tests). */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];
export const LATEST_VERSION = MIGRATIONS.length;
