/**
 * Crash handling in main: the window's page stopping (render-process-gone) or hanging (unresponsive) offers a
 * reload; main's own uncaught errors and unhandled rejections are logged. The dialogs are injected so the rules are
 * tested with a mocked electron.
 */
import type { BrowserWindow, MessageBoxOptions, RenderProcessGoneDetails } from 'electron';
import { describeError, type AppLog } from '../../backend/logfile.ts';

export interface CrashDeps {
  log: Pick<AppLog, 'write'>;
  /** Shows a message box for `win`; resolves with the index of the button chosen. */
  ask(win: BrowserWindow, options: MessageBoxOptions): Promise<number>;
  appName: string;
}

export const GONE_BUTTONS = ['Reload', 'Close the window'] as const;
export const HUNG_BUTTONS = ['Reload', 'Keep waiting'] as const;

/** Offers a reload when the window's page stops or stops answering. Returns nothing; listens for the window's life. */
export function watchWindowHealth(win: BrowserWindow, deps: CrashDeps): void {
  let asking = false;
  let restarting = false;
  win.webContents.on('render-process-gone', (_event: unknown, details: RenderProcessGoneDetails) => {
    deps.log.write('error', `The window's page stopped: ${details.reason} (exit code ${details.exitCode}).`);
    if (restarting) {
      restarting = false;
      return;
    }
    if (details.reason === 'clean-exit' || asking || win.isDestroyed()) return;
    asking = true;
    void deps
      .ask(win, {
        type: 'error',
        title: deps.appName,
        message: `${deps.appName} stopped showing its window`,
        detail: 'Your LAPs and data are saved. Reload to carry on where you were.',
        buttons: [...GONE_BUTTONS],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then((choice) => {
        asking = false;
        if (win.isDestroyed()) return;
        if (choice === 0) win.webContents.reload();
        else win.close();
      });
  });
  win.on('unresponsive', () => {
    deps.log.write('warn', 'The window stopped responding.');
    if (asking || win.isDestroyed()) return;
    asking = true;
    void deps
      .ask(win, {
        type: 'warning',
        title: deps.appName,
        message: `${deps.appName} is not responding`,
        detail: 'You can wait for it, or reload the window (your LAPs and data are saved; an unsaved edit may be lost).',
        buttons: [...HUNG_BUTTONS],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      })
      .then((choice) => {
        asking = false;
        if (choice !== 0 || win.isDestroyed()) return;
        // A hung page cannot reload itself: end it first (its 'render-process-gone' is ours, not a crash to report).
        restarting = true;
        win.webContents.forcefullyCrashRenderer();
        win.webContents.reload();
      });
  });
  win.on('responsive', () => deps.log.write('info', 'The window is responding again.'));
}

/** Logs main's own uncaught exceptions and unhandled rejections (instead of Electron's raw error dialog). */
export function logProcessErrors(log: Pick<AppLog, 'write'>, proc: NodeJS.Process = process): void {
  proc.on('unhandledRejection', (reason) => {
    log.write('error', `Main: unhandled promise rejection: ${describeError(reason)}`);
    console.error('Unhandled rejection in main:', reason);
  });
  proc.on('uncaughtException', (err) => {
    log.write('error', `Main: uncaught exception: ${describeError(err)}`);
    console.error('Uncaught exception in main:', err);
  });
}
