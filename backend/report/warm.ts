/**
 * Keeps the printer warm for the app: once a profile is open, the next thing a user is likely to do is export it,
 * so the printer (a system Chromium for the preview transport) is started in the background then, and the first
 * PDF does not wait for a browser to start. The CLI does not do this: it prints only when asked to.
 */
import type { Handlers } from '../../shared/contract.ts';
import type { ReportPrinter } from './printer.ts';

export function warmPrinterOnProfile(handlers: Handlers, printer: ReportPrinter | undefined): void {
  if (!printer?.warm) return;
  const get = handlers['profile.get'];
  handlers['profile.get'] = async (args) => {
    const profile = await get(args);
    void printer.warm!();
    return profile;
  };
}
