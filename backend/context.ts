/** What every backend feature module receives: the open database and where the bundled data lives. */
import type { Db } from './db.ts';
import type { ReportPrinter } from './report/printer.ts';

export interface ServiceContext {
  db: Db;
  assetsDir: string;
  /** Sends progress for long work (imports, exports) to whoever asked; a no-op when nobody listens. */
  progress?: (event: { task: string; done: number; total: number | null; message?: string }) => void;
  /** Prints report HTML to PDF/PNG: Electron's printToPDF in the app, a system Chromium elsewhere (report/printer.ts). */
  printer?: ReportPrinter;
}
