/**
 * The report's fonts: Source Sans 3 (SIL Open Font License, assets/fonts/OFL.txt), copied from @fontsource/source-sans-3
 * into assets/fonts so a packaged app has them. Embedded in the HTML as base64 @font-face rules, so the PDF looks
 * the same on every machine and needs no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportFont } from './types.ts';

export const FONT_FAMILY = 'Source Sans 3';

/** Unicode ranges of the Fontsource subsets (from @fontsource/source-sans-3/unicode.json). */
const SUBSETS: Record<string, string> = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF',
  greek: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF',
};

const FACES: { weight: number; style: 'normal' | 'italic' }[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 600, style: 'normal' },
  { weight: 700, style: 'normal' },
];

const cache = new Map<string, ReportFont[]>();

/** The font files' folder: assets/fonts, else the @fontsource package (development checkouts). */
export function findFontsDir(assetsDir: string): string | null {
  const candidates = [path.join(assetsDir, 'fonts'), path.resolve(assetsDir, '..', 'node_modules', '@fontsource', 'source-sans-3', 'files')];
  return candidates.find((d) => existsSync(path.join(d, 'source-sans-3-latin-400-normal.woff2'))) ?? null;
}

/** Reads the embedded faces once per folder. Missing files are skipped (the document then falls back to sans-serif). */
export function loadReportFonts(assetsDir: string): ReportFont[] {
  const dir = findFontsDir(assetsDir);
  if (!dir) return [];
  const hit = cache.get(dir);
  if (hit) return hit;
  const fonts: ReportFont[] = [];
  for (const [subset, unicodeRange] of Object.entries(SUBSETS)) {
    for (const face of FACES) {
      const file = path.join(dir, `source-sans-3-${subset}-${face.weight}-${face.style}.woff2`);
      if (!existsSync(file)) continue;
      fonts.push({ family: FONT_FAMILY, weight: face.weight, style: face.style, unicodeRange, woff2Base64: readFileSync(file).toString('base64') });
    }
  }
  cache.set(dir, fonts);
  return fonts;
}
