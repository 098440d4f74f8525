import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import { policyBodySchema, type Policy } from '../../../shared/schemas/policy';

interface PolicyRow {
  version: number;
  body: string;
  note: string;
  created_at: string;
  created_by: string;
}

const toPolicy = (r: PolicyRow): Policy => ({
  version: r.version,
  // Parsed, so fields added in later versions take their defaults on older stored policies.
  body: policyBodySchema.parse(JSON.parse(r.body)),
  note: r.note,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export class PolicyRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  latest(): Policy | undefined {
    const r = this.sql('SELECT * FROM policies ORDER BY version DESC LIMIT 1').get() as PolicyRow | undefined;
    return r && toPolicy(r);
  }

  /** Every version, newest first. */
  all(): Policy[] {
    return (this.sql('SELECT * FROM policies ORDER BY version DESC').all() as PolicyRow[]).map(toPolicy);
  }

  byVersion(version: number): Policy | undefined {
    const r = this.sql('SELECT * FROM policies WHERE version = ?').get(version) as PolicyRow | undefined;
    return r && toPolicy(r);
  }

  /** Appends the next version. */
  insert(p: Omit<Policy, 'version'>): Policy {
    const version = ((this.sql('SELECT max(version) AS v FROM policies').get() as { v: number | null }).v ?? 0) + 1;
    this.sql('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
      version,
      JSON.stringify(p.body),
      p.note,
      p.createdAt,
      p.createdBy,
    );
    return { ...p, version };
  }
}
