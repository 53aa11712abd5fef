/**
 * The backend: opens the store, seeds the bundled data, builds the services once (profile data, jobs, printer, staged
 * files, report data) and implements the contract's Handlers with them.
 * Plain Node. The Electron main process, the preview server, the CLI and the tests all create it the same way.
 */
import type { AppNotice, Handlers } from '../shared/contract.ts';
import { APP_NAME, APP_VERSION } from '../shared/app-info.ts';
import { searchByName } from '../shared/names.ts';
import type { Geography } from '../shared/domain.ts';
import { schemaVersion, type Db } from './db.ts';
import { listWards, readGeography, seedGeography } from './geography.ts';
import { findAssetsDir } from './paths.ts';
import type { Services } from './context.ts';
import { createDataHandlers } from './data/handlers.ts';
import { seedBundledData } from './data/seed.ts';
import { seedBuiltinPlaces, seedPractices } from './practices/seed.ts';
import { seedLaps } from './laps/seed.ts';
import { StagedFiles } from './data/staging.ts';
import { JobRegistry } from './jobs.ts';
import { ProfileData } from './profile/data.ts';
import { createReportData } from './report/service.ts';
import { createPracticeHandlers } from './practices/handlers.ts';
import { createLapHandlers } from './laps/handlers.ts';
import { createProfileHandlers } from './profile/handlers.ts';
import { createExportHandlers } from './export/handlers.ts';
import { createPlaceHandlers } from './places/handlers.ts';
import { createChromiumPrinter } from './report/chromium.ts';
import type { ReportPrinter } from './report/printer.ts';
import { warmPrinterOnProfile } from './report/warm.ts';
import { finishStartup, guardHandlers, openDatabaseSafely, toStorageError } from './safety/index.ts';

export { defaultDbPath, resolveDbPath } from './db-path.ts';

export { APP_NAME, APP_VERSION };

export interface BackendOptions {
  dbPath: string;
  transport: 'electron' | 'preview' | 'test';
  /** Path to a better_sqlite3.node built for Electron (see scripts/electron-native.mjs). */
  nativeBinding?: string;
  /** Folder with the bundled data; found automatically when omitted. */
  assetsDir?: string;
  /** Told about each start-up notice (a restored backup...); default: printed to stderr, except under Electron. */
  onNotice?: (notice: AppNotice) => void;
  /** Prints the PDF and map exports: the app passes Electron's (electron/main/print.ts); default a system Chromium, started on first use. */
  printer?: ReportPrinter;
  /** Told before the database is opened (e.g. the entry point copied the old ~/.lap-insight database, db-path.ts). */
  notices?: AppNotice[];
}

export interface Backend {
  handlers: Handlers;
  db: Db;
  /** The services the handlers use, built once (the CLI and the tests use them too). */
  ctx: Services;
  /** What happened at start-up that the user should know (also the 'app.notices' verb). */
  notices: AppNotice[];
  close(): void;
}

/** Opens the backend. A storage failure (read-only folder, full disk...) throws a StorageError with a plain message. */
export function createBackend(options: BackendOptions): Backend {
  try {
    return openBackend(options);
  } catch (err) {
    throw toStorageError(err, options.dbPath) ?? err;
  }
}

function openBackend(options: BackendOptions): Backend {
  const assetsDir = options.assetsDir ?? findAssetsDir();
  // Checks the file first: a damaged one is moved aside and the newest good backup restored (safety/startup.ts).
  const opened = openDatabaseSafely(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const { db } = opened;
  seedGeography(db, assetsDir);
  seedBundledData({ db, assetsDir });
  seedPractices(db, assetsDir);
  seedBuiltinPlaces(db, assetsDir);
  seedLaps({ db, assetsDir });

  const notices = [...(options.notices ?? []), ...opened.notices];

  let geographyCache: Geography | undefined;
  const ctx = createServices(db, assetsDir, options.printer ?? createChromiumPrinter());

  const handlers: Handlers = guardHandlers({
    ...createDataHandlers(ctx),
    ...createLapHandlers(ctx),
    ...createProfileHandlers(ctx),
    ...createExportHandlers(ctx),
    ...createPlaceHandlers(ctx),
    ...createPracticeHandlers(ctx),
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
    'app.notices': async () => notices,
  }, options.dbPath);

  // The app and the preview start the printer in the background once a profile is open (report/warm.ts).
  if (options.transport !== 'test') warmPrinterOnProfile(handlers, ctx.printer);

  // After every seed: the daily backup, or the fresh contents noted.
  notices.push(...finishStartup(opened));
  const tell = options.onNotice ?? (options.transport === 'electron' ? () => {} : (n: AppNotice) => process.stderr.write(`LAP Insight: ${n.message}\n`));
  notices.forEach(tell);

  return {
    handlers,
    db,
    ctx,
    notices,
    close: () => {
      void ctx.printer.close();
      db.close();
    },
  };
}

/** The services every handler shares, one of each per open database. */
export function createServices(db: Db, assetsDir: string, printer: ReportPrinter): Services {
  const core = { db, assetsDir, printer, jobs: new JobRegistry(), staged: new StagedFiles(), profileData: new ProfileData(db) };
  return { ...core, report: createReportData(core) };
}
