import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { SavedView } from '../../../shared/schemas/savedView';

interface ViewRow {
  id: string;
  name: string;
  query: string;
  created_at: string;
}

export class SavedViewRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  forOperator(operatorId: string): SavedView[] {
    return (this.sql('SELECT id, name, query, created_at FROM saved_views WHERE operator_id = ? ORDER BY name').all(operatorId) as ViewRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      query: JSON.parse(r.query) as SavedView['query'],
      createdAt: r.created_at,
    }));
  }

  /** Saving under an existing name replaces that view. */
  upsert(v: { id: string; operatorId: string; name: string; query: unknown; now: string }): void {
    this.sql(
      `INSERT INTO saved_views (id, operator_id, name, query, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(operator_id, name) DO UPDATE SET query = excluded.query`,
    ).run(v.id, v.operatorId, v.name, JSON.stringify(v.query), v.now);
  }

  remove(operatorId: string, id: string): boolean {
    return this.sql('DELETE FROM saved_views WHERE id = ? AND operator_id = ?').run(id, operatorId).changes === 1;
  }
}
