/** The seeded template database: made once per run by global-setup.ts, copied per test file by backend.ts. */
import path from 'node:path';
import { createBackend } from '../../backend/backend.ts';
import { tempDir } from './tmp.ts';

/** Seeds a database as the app's first start does, closed and checkpointed (one file, no -wal), in a new folder. */
export function makeTemplate(): { file: string; cleanup: () => void } {
  const t = tempDir('lap-template-');
  const file = path.join(t.dir, 'template.db');
  const backend = createBackend({ dbPath: file, transport: 'test', onNotice: () => {} });
  backend.db.pragma('wal_checkpoint(TRUNCATE)');
  backend.close();
  return { file, cleanup: t.cleanup };
}
