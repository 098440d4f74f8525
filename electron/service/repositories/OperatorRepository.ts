import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { Operator, Role } from '../../../shared/schemas/operator';

interface OperatorRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  created_at: string;
}

function toOperator(r: OperatorRow): Operator {
  return { id: r.id, email: r.email, displayName: r.display_name, role: r.role, active: r.active === 1, createdAt: r.created_at };
}

export class OperatorRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  count(): number {
    return (this.sql('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
  }

  insert(o: Operator & { passwordHash: string }): void {
    this.sql(
        `INSERT INTO operators (id, email, display_name, role, password_hash, active, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(o.id, o.email, o.displayName, o.role, o.passwordHash, o.active ? 1 : 0, o.createdAt);
  }

  byId(id: string): Operator | undefined {
    const r = this.sql('SELECT * FROM operators WHERE id = ?').get(id) as OperatorRow | undefined;
    return r && toOperator(r);
  }

  /** With the hash, for sign-in only. */
  credentialsByEmail(email: string): { operator: Operator; passwordHash: string } | undefined {
    const r = this.sql('SELECT * FROM operators WHERE email = ?').get(email) as OperatorRow | undefined;
    return r && { operator: toOperator(r), passwordHash: r.password_hash };
  }

  existsEmail(email: string): boolean {
    return this.sql('SELECT 1 FROM operators WHERE email = ?').get(email) !== undefined;
  }

  list(): Operator[] {
    return (this.sql('SELECT * FROM operators ORDER BY role, display_name').all() as OperatorRow[]).map(toOperator);
  }

  /** The people's accounts: an API token's own operator is managed with its token, not here. */
  accounts(): Operator[] {
    return (this.sql('SELECT * FROM operators WHERE id NOT IN (SELECT operator_id FROM api_tokens) ORDER BY role, display_name').all() as OperatorRow[]).map(toOperator);
  }

  isTokenOperator(id: string): boolean {
    return this.sql('SELECT 1 FROM api_tokens WHERE operator_id = ?').get(id) !== undefined;
  }

  setActive(id: string, active: boolean): void {
    this.sql('UPDATE operators SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
  }

  setRole(id: string, role: Role): void {
    this.sql('UPDATE operators SET role = ? WHERE id = ?').run(role, id);
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.sql('UPDATE operators SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  passwordHashOf(id: string): string | undefined {
    return (this.sql('SELECT password_hash FROM operators WHERE id = ?').get(id) as { password_hash: string } | undefined)?.password_hash;
  }
}
