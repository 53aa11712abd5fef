/**
 * Wraps every backend handler so that a storage failure while the app runs (the disk fills up, the USB stick is
 * pulled, the folder turns read-only) reaches the user as a plain sentence rather than "Something went wrong:
 * SQLITE_FULL". Other errors pass through untouched.
 */
import { AppError, type Handlers } from '../../shared/contract.ts';
import { describeStorageProblem, errorCodes } from './storage-errors.ts';

export function guardHandlers(handlers: Handlers, dbPath: string): Handlers {
  const guarded: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (args: unknown) => Promise<unknown>][]) {
    guarded[channel] = async (args) => {
      try {
        return await handler(args);
      } catch (err) {
        // Only SQLite's own codes are about the database file; an fs error from, say, an export is about its own file.
        if (err instanceof AppError || !errorCodes(err).some((c) => c.startsWith('SQLITE_'))) throw err;
        const problem = describeStorageProblem(err, dbPath);
        if (!problem) throw err;
        throw new AppError(problem.kind === 'locked' ? 'busy' : 'storage', problem.message);
      }
    };
  }
  return guarded as unknown as Handlers;
}
