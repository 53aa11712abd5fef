/**
 * The printer interface and the page settings both printers share (Chromium via playwright-core for the CLI,
 * tests and preview; Electron's webContents.printToPDF in the app): A4, backgrounds, the same margins, a running
 * header with the area's name and a footer with "Page N of M" and the date, CSS page size preferred.
 */
import { esc } from './escape.ts';
import { PAGE } from './page.ts';

export interface PdfOptions {
  /** Running header, e.g. "N4 – Local Area Profile". */
  headerTitle: string;
  /** Right-hand side of the footer, e.g. "Produced 23 November 2026 with LAP Insight 0.1.0". */
  footerText: string;
}

export interface PngOptions {
  /** Viewport in CSS px. */
  width: number;
  height: number;
  /** Device pixels per CSS px (300 dpi = 3.125). */
  scale: number;
}

export type PrintPdf = (html: string, options: PdfOptions) => Promise<Buffer>;

/** Prints report HTML. One printer can serve many reports (report-all reuses one browser). */
export interface ReportPrinter {
  readonly name: string;
  pdf: PrintPdf;
  /** Renders HTML to a PNG of exactly width x height CSS px at `scale` device pixels per px. */
  png(html: string, options: PngOptions): Promise<Buffer>;
  /** Frees the browser / hidden window. Safe to call twice. */
  close(): Promise<void>;
  /** Optional: gets ready to print (starts the browser) in the background; never throws. */
  warm?(): Promise<void>;
}

export interface PageSettings {
  format: 'A4';
  widthMm: number;
  heightMm: number;
  marginMm: { top: number; right: number; bottom: number; left: number };
  printBackground: true;
  displayHeaderFooter: true;
  headerTemplate: string;
  footerTemplate: string;
  preferCSSPageSize: true;
  /** Tagged (accessible) PDF and a document outline, where the engine supports them. */
  tagged: true;
  outline: true;
}

const TEMPLATE_STYLE =
  "font-family:'Source Sans 3','Liberation Sans',Arial,'DejaVu Sans',sans-serif;font-size:9px;color:#444;width:100%;" +
  `padding:0 ${PAGE.margin.left}mm 0 ${PAGE.margin.left}mm;display:flex;justify-content:space-between;align-items:center;-webkit-print-color-adjust:exact;`;

/** The page settings for a report (the same for both printers). Text is escaped: names come from users. */
export function pageSettings(options: PdfOptions): PageSettings {
  return {
    format: 'A4',
    widthMm: PAGE.widthMm,
    heightMm: PAGE.heightMm,
    marginMm: { ...PAGE.margin },
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style="${TEMPLATE_STYLE}padding-top:5mm;"><span style="font-weight:700;color:#1d3c5a">${esc(options.headerTitle)}</span><span>LAP Insight</span></div>`,
    footerTemplate:
      `<div style="${TEMPLATE_STYLE}padding-bottom:4mm;"><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>` +
      `<span>${esc(options.footerText)}</span></div>`,
    preferCSSPageSize: true,
    tagged: true,
    outline: true,
  };
}

/** The map PNG: A5 landscape at 300 dpi. */
export const MAP_PNG = { width: 794, height: 559, scale: 300 / 96 } as const;
