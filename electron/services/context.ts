/** What every backend feature module receives: the open database and where the bundled data lives. */
import type { Db } from './db.ts';

export interface ServiceContext {
  db: Db;
  assetsDir: string;
  /** Sends progress for long work (imports, exports) to whoever asked; a no-op when nobody listens. */
  progress?: (event: { task: string; done: number; total: number | null; message?: string }) => void;
}
