import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { ApiToken, ApiTokenRole } from '../../../shared/contracts/apiTokenContract';

interface Row {
  id: string;
  name: string;
  token_hash: string;
  role: ApiTokenRole;
  operator_id: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ApiTokenRecord extends ApiToken {
  operatorId: string;
}

function toRecord(r: Row): ApiTokenRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    createdBy: r.created_by_name ?? 'system',
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    operatorId: r.operator_id,
  };
}

const SELECT = `SELECT t.*, o.display_name AS created_by_name FROM api_tokens t LEFT JOIN operators o ON o.id = t.created_by`;

/** API tokens (hash only) and the liveness callbacks already taken. */
export class ApiTokenRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(t: { id: string; name: string; tokenHash: string; role: ApiTokenRole; operatorId: string; createdBy: string | null; createdAt: string }): void {
    this.sql('INSERT INTO api_tokens (id, name, token_hash, role, operator_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      t.id,
      t.name,
      t.tokenHash,
      t.role,
      t.operatorId,
      t.createdBy,
      t.createdAt,
    );
  }

  byId(id: string): ApiTokenRecord | undefined {
    const r = this.sql(`${SELECT} WHERE t.id = ?`).get(id) as Row | undefined;
    return r && toRecord(r);
  }

  byTokenHash(hash: string): ApiTokenRecord | undefined {
    const r = this.sql(`${SELECT} WHERE t.token_hash = ?`).get(hash) as Row | undefined;
    return r && toRecord(r);
  }

  activeNameExists(name: string): boolean {
    return this.sql('SELECT 1 FROM api_tokens WHERE name = ? AND revoked_at IS NULL').get(name) !== undefined;
  }

  /** Newest first; revoked tokens stay listed for the record. */
  list(): ApiTokenRecord[] {
    return (this.sql(`${SELECT} ORDER BY t.created_at DESC, t.name`).all() as Row[]).map(toRecord);
  }

  touch(id: string, at: string): void {
    this.sql('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  /** True when this call revoked it (false when it already was). */
  revoke(id: string, at: string, by: string): boolean {
    return this.sql('UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, by, id).changes === 1;
  }
}
