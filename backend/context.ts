/**
 * What backend feature modules receive. ServiceContext: the open database and where the bundled data lives (all a
 * store function needs; the import worker builds one on its own connection). Services: everything the backend
 * builds once in createBackend (backend.ts) and hands to every handler, the report service and the CLI.
 */
import type { Db } from './db.ts';
import type { StagedFiles } from './data/staging.ts';
import type { JobRegistry } from './jobs.ts';
import type { ProfileData } from './profile/data.ts';
import type { ReportPrinter } from './report/printer.ts';
import type { ReportData } from './report/service.ts';

export interface ServiceContext {
  db: Db;
  assetsDir: string;
}

export interface Services extends ServiceContext {
  /** Prints report HTML to PDF/PNG: Electron's printToPDF in the app, a system Chromium elsewhere (report/printer.ts). */
  printer: ReportPrinter;
  /** Background work (imports, exports) followed by jobs.get and stopped by jobs.cancel. */
  jobs: JobRegistry;
  /** Files the window sent once for import ('files.stage'). */
  staged: StagedFiles;
  /** The profile's view of the store: one cache for the profile, places, practices and reports (refresh() per request). */
  profileData: ProfileData;
  /** What a report reads from the store (report/service.ts). */
  report: ReportData;
}
