/** Shared by the report tests: the synthetic N4 fixture as a ReportInput, and small PDF helpers (poppler-utils). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Geography } from '../../shared/domain.ts';
import type { Profile } from '../../shared/profile.ts';
import { loadReportFonts } from '../../backend/report/fonts.ts';
import type { ReportInput, WardBreakdownInput } from '../../backend/report/types.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ASSETS = path.join(ROOT, 'assets');
export const RESULTS = path.join(ROOT, 'test-results', 'report');

interface Fixture {
  profile: Profile;
  pins: string[];
  wardBreakdowns: WardBreakdownInput[];
}

export function loadFixture(): Fixture {
  return JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/report/n4-profile.json'), 'utf8')) as Fixture;
}

export function loadGeography(): Geography {
  return JSON.parse(readFileSync(path.join(ASSETS, 'geography.json'), 'utf8')) as Geography;
}

export function fixtureInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const f = loadFixture();
  return {
    profile: f.profile,
    wardBreakdowns: f.wardBreakdowns,
    geography: loadGeography(),
    pins: f.pins,
    methodsMarkdown: readFileSync(path.join(ROOT, 'docs/methods.md'), 'utf8'),
    generatedAt: '2026-11-23T12:00:00.000Z',
    appVersion: '0.1.0',
    colour: '#1b9e77',
    fonts: loadReportFonts(ASSETS),
    ...overrides,
  };
}

export const CHROMIUM = process.env.LAP_INSIGHT_CHROMIUM ?? '/usr/bin/chromium';

export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasChromium = existsSync(CHROMIUM);

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** A P5/P6 PNM image (pdftoppm's default output) as width, height, channels and pixel bytes. */
export interface Pnm {
  width: number;
  height: number;
  channels: number;
  data: Buffer;
}

export function readPnm(buf: Buffer): Pnm {
  // Header: magic, width, height, maxval, separated by whitespace (comments are not written by pdftoppm).
  let pos = 0;
  const token = (): string => {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    const start = pos;
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    return buf.subarray(start, pos).toString('latin1');
  };
  const magic = token();
  const width = Number(token());
  const height = Number(token());
  token(); // maxval (255)
  pos++; // one whitespace byte before the pixels
  const channels = magic === 'P6' ? 3 : 1;
  return { width, height, channels, data: buf.subarray(pos, pos + width * height * channels) };
}

/** Share of pixels in a rectangle (fractions of the page) that are not (near) white. */
export function inkFraction(img: Pnm, rect: { x0: number; y0: number; x1: number; y1: number }): number {
  const [x0, x1] = [Math.floor(rect.x0 * img.width), Math.ceil(rect.x1 * img.width)];
  const [y0, y1] = [Math.floor(rect.y0 * img.height), Math.ceil(rect.y1 * img.height)];
  let ink = 0;
  let all = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * img.channels;
      const v = Math.min(...Array.from(img.data.subarray(i, i + img.channels)));
      if (v < 235) ink++;
      all++;
    }
  }
  return all ? ink / all : 0;
}

/** Parses our CSV (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    }
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}
