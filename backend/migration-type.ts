import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
  /**
   * Rebuilds a table other tables reference (SQLite's table-rebuild recipe): migrate() turns foreign keys off around
   * the transaction, so dropping the old table cascades nothing, and refuses to commit unless foreign_key_check is clean.
   */
  rebuildsTable?: boolean;
}
