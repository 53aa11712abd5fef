/**
 * The backend: opens the store, seeds the bundled data, and implements the contract's Handlers.
 * Plain Node. The Electron main process, the preview server, the CLI and the tests all create it the same way.
 */
import type { Handlers } from '../../shared/contract.ts';
import { APP_NAME, APP_VERSION } from '../../shared/app-info.ts';
import { searchByName } from '../../shared/names.ts';
import type { Geography } from '../../shared/domain.ts';
import { openDatabase, schemaVersion, type Db } from './db.ts';
import { getWard, listWards, readGeography, seedGeography } from './geography.ts';
import { findAssetsDir } from './paths.ts';
import type { ServiceContext } from './context.ts';
import { createDataHandlers } from './data/handlers.ts';
import { createLapHandlers } from './laps/handlers.ts';
import { createProfileHandlers } from './profile/handlers.ts';

export { defaultDbPath } from './paths.ts';

export { APP_NAME, APP_VERSION };

export interface BackendOptions {
  dbPath: string;
  transport: 'electron' | 'preview' | 'test';
  /** Path to a better_sqlite3.node built for Electron (see scripts/electron-native.mjs). */
  nativeBinding?: string;
  /** Folder with the bundled data; found automatically when omitted. */
  assetsDir?: string;
}

export interface Backend {
  handlers: Handlers;
  db: Db;
  ctx: ServiceContext;
  close(): void;
}

export function createBackend(options: BackendOptions): Backend {
  const assetsDir = options.assetsDir ?? findAssetsDir();
  const db = openDatabase(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  seedGeography(db, assetsDir);

  let geographyCache: Geography | undefined;
  const ctx: ServiceContext = { db, assetsDir };

  const handlers: Handlers = {
    ...createDataHandlers(ctx),
    ...createLapHandlers(ctx),
    ...createProfileHandlers(ctx),
    'app.info': async () => ({
      name: APP_NAME,
      version: APP_VERSION,
      databasePath: options.dbPath,
      schemaVersion: schemaVersion(db),
      transport: options.transport,
    }),
    'geography.get': async () => (geographyCache ??= readGeography(db)),
    'wards.list': async ({ query }) => {
      const wards = listWards(db);
      return query ? searchByName(wards, query, (w) => w.name, (w) => w.code) : wards;
    },
    'wards.get': async ({ code }) => getWard(db, code),
  };

  return {
    handlers,
    db,
    ctx,
    close: () => db.close(),
  };
}
