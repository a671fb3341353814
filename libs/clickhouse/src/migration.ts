/** A versioned, forward-only schema change, applied once and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  /** Statements run in order; each must be idempotent (`IF NOT EXISTS`) so a retry after a crash is safe. */
  statements: string[];
}
