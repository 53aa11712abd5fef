/**
 * The printer lifecycle: the app and the preview start the printer in the background once a profile is open (the
 * CLI does not); the Chromium printer reuses one page, and PDFs asked for at the same time take turns on it, each
 * with its own document.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { createChromiumPrinter, findChromium } from '../../backend/report/chromium.ts';
import type { ReportPrinter } from '../../backend/report/printer.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';

const t = tempDir('lap-printer-');
afterAll(() => t.cleanup());

function countingPrinter(): ReportPrinter & { warmed: number } {
  const p = {
    name: 'counting',
    warmed: 0,
    pdf: async () => Buffer.from('%PDF-'),
    png: async () => Buffer.alloc(0),
    close: async () => {},
    warm: async () => {
      p.warmed++;
    },
  };
  return p;
}

describe('printer warm-up', () => {
  for (const [transport, expected] of [
    ['preview', 1],
    ['test', 0],
  ] as const) {
    it(`${transport === 'test' ? 'is not started by the CLI and tests' : 'starts when a profile is opened in the preview'}`, async () => {
      const printer = countingPrinter();
      const b = createBackend({ dbPath: seededDb(path.join(t.dir, `${transport}.db`)), transport, printer });
      try {
        expect(printer.warmed).toBe(0); // not at start-up: only once a profile is open
        const laps = (await dispatch(b.handlers, 'laps.list', {})) as { ok: true; value: { id: number }[] };
        const reply = await dispatch(b.handlers, 'profile.get', { area: { kind: 'lap', id: laps.value[0]!.id } });
        expect(reply.ok).toBe(true);
        expect(printer.warmed).toBe(expected);
      } finally {
        b.close();
      }
    });
  }

  it.skipIf(!findChromium())('Chromium: one page reused; PDFs asked for together each get their own document', async () => {
    const printer = createChromiumPrinter();
    try {
      await printer.warm!();
      const html = (word: string) => `<!doctype html><html><body><h1>${word}</h1></body></html>`;
      const options = { headerTitle: 'Test', footerText: 'Test' };
      const [a, b, c] = await Promise.all([printer.pdf(html('Alpha'), options), printer.pdf(html('Bravo'), options), printer.pdf(html('Charlie'), options)]);
      const text = (pdf: Buffer, name: string) => {
        const file = path.join(t.dir, name);
        writeFileSync(file, pdf);
        return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      };
      expect(text(a, 'a.pdf')).toContain('Alpha');
      expect(text(b, 'b.pdf')).toContain('Bravo');
      expect(text(c, 'c.pdf')).toContain('Charlie');
      expect(text(b, 'b.pdf')).not.toContain('Alpha');
    } finally {
      await printer.close();
    }
  });
});
