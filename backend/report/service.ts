/**
 * The export service: gathers everything a report needs from the backend (profile, pins, ward breakdowns, geography,
 * datasets, the methods document) and turns it into a PDF, CSV, XLSX or map PNG. Used by the 'export.profile' job,
 * the CLI (`profile --pdf`, `report-all`) and the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_VERSION } from '../../shared/app-info.ts';
import { parseArgs } from '../../shared/contract.ts';
import type { ExportFormatArg } from '../../shared/contract/export.ts';
import type { ProfileAreaArg, WardBreakdown } from '../../shared/contract/profile.ts';
import { AppError } from '../../shared/contract.ts';
import type { Geography } from '../../shared/domain.ts';
import type { AreaPlaces, PlaceCategoryId } from '../../shared/places.ts';
import type { BenchmarkChoice, Profile } from '../../shared/profile.ts';
import type { Services } from '../context.ts';
import { listDatasets } from '../data/store.ts';
import { readGeography } from '../geography.ts';
import { getLapRow } from '../laps/store.ts';
import { placesForArea } from '../places/access.ts';
import { areaPractices } from '../practices/handlers.ts';
import type { AreaPractices } from '../../shared/contract/practices.ts';
import { getPins } from '../profile/pins.ts';
import { areaProfile, areaWardBreakdown } from '../profile/handlers.ts';
import { placesCsv, profileCsv } from './csv.ts';
import { formatDate } from './format.ts';
import { loadReportFonts } from './fonts.ts';
import { comparisonKey } from './html.ts';
import { renderMapHtml } from './map-page.ts';
import { placesFileWord } from './places-table.ts';
import { MAP_PNG, type ReportPrinter } from './printer.ts';
import { renderProfileDocument } from './short.ts';
import { basemapAttribution, loadBasemap } from './basemap.ts';
import { pickStandouts } from './standout.ts';
import type { ReportInput, ReportSource, WardBreakdownInput } from './types.ts';
import { profileWorkbook } from './xlsx.ts';

/** The formats are the contract's (shared/contract/export.ts), so a new one is added in one place. */
export type ExportFormat = ExportFormatArg;

export const MIME_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'map-png': 'image/png',
  'places-csv': 'text/csv; charset=utf-8',
};

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  data: Buffer;
  /** PDF only. */
  pages?: number;
}

/** Reported as the work goes: "Computing profile", "Drawing map", "Printing PDF". */
export type ExportProgress = (step: string, done: number, total: number) => void;

/** What the report needs from the backend. The default reads it from the store; tests may pass their own. */
export interface ReportData {
  profile(area: ProfileAreaArg, benchmark: BenchmarkChoice): Promise<Profile>;
  wardBreakdown(area: ProfileAreaArg, indicatorId: string, benchmark: BenchmarkChoice): Promise<WardBreakdownInput | null>;
  pins(lapId: number): Promise<string[]>;
  /** Places and access for the area (places.forArea); null when no places are loaded at all. */
  places(area: ProfileAreaArg): Promise<AreaPlaces | null>;
  /** The area's GP practices (issue 15); absent in tests that pass their own data. */
  practices?(area: ProfileAreaArg): Promise<AreaPractices | null>;
  lapColour(lapId: number): string | null;
  geography(): Geography;
  datasets(): ReportSource[];
  methodsMarkdown(): string;
  assetsDir: string;
}

/** docs/methods.md: next to the assets in a checkout, or in the app's resources folder. */
export function findMethodsMarkdown(assetsDir: string): string | null {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.LAP_INSIGHT_METHODS,
    path.resolve(assetsDir, '..', 'docs', 'methods.md'),
    path.join(assetsDir, 'docs', 'methods.md'),
    resources ? path.join(resources, 'docs', 'methods.md') : undefined,
    path.resolve(process.cwd(), 'docs', 'methods.md'),
  ].filter((c): c is string => !!c);
  return candidates.find((c) => existsSync(c)) ?? null;
}

export function toBreakdownInput(b: WardBreakdown): WardBreakdownInput {
  return {
    indicatorId: b.indicator.id,
    wards: b.wards.map((w) => ({
      code: w.code,
      name: w.name,
      value: w.value,
      ci95: w.ci95,
      numerator: w.numerator,
      denominator: w.denominator,
      comparison: w.comparison,
      estimate: w.estimate,
      ...(w.note ? { note: w.note } : {}),
    })),
  };
}

/**
 * The backend's report data, read with the backend's own services (createBackend builds it once). The arguments are
 * checked as the verbs check them: the CLI passes areas straight from its command line.
 */
export function createReportData(s: Omit<Services, 'report'>): ReportData {
  let geography: Geography | undefined;
  let methods: string | undefined;
  const data: ReportData = {
    assetsDir: s.assetsDir,
    profile: async (area, benchmark) => {
      const args = parseArgs('profile.get', { area, benchmark });
      return areaProfile(s, args.area, args.benchmark);
    },
    wardBreakdown: async (area, indicatorId, benchmark) => {
      try {
        const args = parseArgs('profile.wardBreakdown', { area, indicatorId, benchmark });
        return toBreakdownInput(areaWardBreakdown(s, args.area, args.indicatorId, args.benchmark));
      } catch {
        return null; // a pin whose indicator has gone: the report simply leaves it out
      }
    },
    pins: async (lapId) => getPins(s.db, lapId).pins.filter((p) => p.available).map((p) => p.id),
    places: async (area) => {
      const places = placesForArea(s, s.profileData, parseArgs('places.forArea', { area }).area);
      return places.hasPlaces ? places : null;
    },
    practices: async (area) => areaPractices(s, parseArgs('practices.forArea', { area }).area),
    lapColour: (lapId) => {
      try {
        return getLapRow(s.db, lapId).colour;
      } catch {
        return null;
      }
    },
    geography: () => (geography ??= readGeography(s.db)),
    datasets: () =>
      listDatasets(s.db).map((d) => ({
        id: d.key ?? String(d.id),
        name: d.name,
        publisher: d.publisher,
        licence: d.licence,
        attribution: d.attribution,
        source: d.source,
        period: d.period,
      })),
    methodsMarkdown: () => {
      if (methods === undefined) {
        const file = findMethodsMarkdown(s.assetsDir);
        methods = file ? readFileSync(file, 'utf8') : '';
      }
      return methods;
    },
  };
  return data;
}

/** The datasets the profile used, with the details the store keeps (where from, period). */
function sourcesFor(profile: Profile, datasets: ReportSource[]): ReportSource[] {
  const byId = new Map(datasets.map((d) => [d.id, d]));
  return profile.sources.map((s) => {
    const d = byId.get(s.id);
    return { ...s, ...(d?.source ? { source: d.source } : {}), ...(d?.period ? { period: d.period } : {}) };
  });
}

const abortIfCancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) {
    const err = new Error('Cancelled.');
    err.name = 'AbortError';
    throw err;
  }
};

/** Everything renderReportHtml needs, for one area. */
export async function buildReportInput(
  data: ReportData,
  area: ProfileAreaArg,
  benchmark: BenchmarkChoice = 'own',
  options: { now?: Date; signal?: AbortSignal; full?: boolean } = {},
): Promise<ReportInput> {
  const profile = await data.profile(area, benchmark);
  abortIfCancelled(options.signal);
  const pins = area.kind === 'lap' ? await data.pins(area.id) : [];
  const wardBreakdowns: WardBreakdownInput[] = [];
  if (profile.area.wards.length > 1) {
    // The pinned indicators; with none pinned, the full version breaks down the ones that stand out.
    let ids = pins.slice(0, 5);
    if (ids.length === 0 && options.full) {
      const s = pickStandouts(profile, comparisonKey(profile, data.geography()), 3);
      ids = [...s.worse, ...s.better].map((i) => i.id).slice(0, 5);
    }
    for (const id of ids) {
      const b = await data.wardBreakdown(area, id, benchmark);
      if (b) wardBreakdowns.push(b);
    }
  }
  const colour = area.kind === 'lap' ? data.lapColour(area.id) : null;
  const places = await data.places(area);
  const practices = data.practices ? await data.practices(area) : null;
  abortIfCancelled(options.signal);
  const basemap = loadBasemap(data.assetsDir);
  return {
    profile,
    wardBreakdowns,
    geography: data.geography(),
    pins,
    methodsMarkdown: data.methodsMarkdown(),
    sources: sourcesFor(profile, data.datasets()),
    generatedAt: (options.now ?? new Date()).toISOString(),
    appVersion: APP_VERSION,
    ...(colour ? { colour } : {}),
    fonts: loadReportFonts(data.assetsDir),
    places,
    ...(options.full ? { full: true } : {}),
    ...(basemap ? { basemap, basemapAttribution: basemapAttribution(basemap) } : {}),
    practices,
  };
}

/** A name that is safe as a file name on Windows, macOS and Linux ("N4", "My LAP_ 2"). */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  const short = cleaned.slice(0, 80).trim();
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(short) || short === '' ? `area ${short}`.trim() : short;
}

/** The file name for an export; a places CSV of GP surgeries only is "<area> GP practices.csv". */
export function exportFileName(areaName: string, format: ExportFormat, categories?: readonly PlaceCategoryId[], full = false): string {
  const base = safeFileName(areaName);
  switch (format) {
    case 'pdf':
      return full ? `${base} Local Area Profile (full).pdf` : `${base} Local Area Profile.pdf`;
    case 'csv':
      return `${base} profile.csv`;
    case 'xlsx':
      return `${base} profile.xlsx`;
    case 'places-csv':
      return `${base} ${placesFileWord(categories)}.csv`;
    default:
      return `${base} map.png`;
  }
}

/** Pages in a PDF made by Chromium/Skia (counts the page objects). */
export function countPdfPages(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return m ? m.length : 0;
}

/** The running header and footer text of a report. */
export function printOptionsFor(input: Pick<ReportInput, 'profile' | 'generatedAt' | 'appVersion'>): { headerTitle: string; footerText: string } {
  return {
    headerTitle: `${input.profile.area.name} \u2013 Local Area Profile`,
    footerText: `Produced ${formatDate(input.generatedAt)} with LAP Insight ${input.appVersion}`,
  };
}

export async function printReport(input: ReportInput, printer: ReportPrinter): Promise<ExportedFile> {
  const html = renderProfileDocument(input);
  const data = await printer.pdf(html, printOptionsFor(input));
  return { fileName: exportFileName(input.profile.area.name, 'pdf', undefined, input.full), mimeType: MIME_TYPES.pdf, data, pages: countPdfPages(data) };
}

/** The places CSV of an area (its places inside or attached, optionally some categories only). */
export function placesExport(places: AreaPlaces | null | undefined, areaName: string, categories?: readonly PlaceCategoryId[]): ExportedFile {
  if (!places || !places.hasPlaces) {
    throw new AppError('not-found', 'No places are loaded yet, so there is no list to export. Import a list of places first (in the app, or with lap-insight places import FILE).');
  }
  return { fileName: exportFileName(areaName, 'places-csv', categories), mimeType: MIME_TYPES['places-csv'], data: Buffer.from(placesCsv(places, categories), 'utf8') };
}

/** Renders an export from a ready input (the CLI's report-all reuses one input per LAP). */
export async function renderExport(
  input: ReportInput,
  format: ExportFormat,
  printer: () => ReportPrinter,
  progress?: ExportProgress,
  signal?: AbortSignal,
  options: { categories?: readonly PlaceCategoryId[] } = {},
): Promise<ExportedFile> {
  const name = input.profile.area.name;
  const key = comparisonKey(input.profile, input.geography);
  switch (format) {
    case 'csv':
      return { fileName: exportFileName(name, 'csv'), mimeType: MIME_TYPES.csv, data: Buffer.from(profileCsv(input.profile, key, input.places), 'utf8') };
    case 'places-csv':
      return placesExport(input.places, name, options.categories);
    case 'xlsx': {
      progress?.('Writing spreadsheet', 1, 2);
      const osYear = /database right (\d{4})/.exec(input.geography.attribution ?? '')?.[1];
      const data = await profileWorkbook({
        profile: input.profile,
        comparedWith: key,
        sources: input.sources ?? input.profile.sources,
        generatedAt: input.generatedAt,
        appVersion: input.appVersion,
        ...(osYear ? { osYear } : {}),
        places: input.places ?? null,
      });
      return { fileName: exportFileName(name, 'xlsx'), mimeType: MIME_TYPES.xlsx, data };
    }
    case 'map-png': {
      progress?.('Drawing map', 1, 2);
      const html = renderMapHtml(input);
      abortIfCancelled(signal);
      const data = await printer().png(html, MAP_PNG);
      return { fileName: exportFileName(name, 'map-png'), mimeType: MIME_TYPES['map-png'], data };
    }
    default: {
      progress?.('Drawing map', 1, 3);
      const html = renderProfileDocument(input);
      abortIfCancelled(signal);
      progress?.('Printing PDF', 2, 3);
      const data = await printer().pdf(html, printOptionsFor(input));
      return { fileName: exportFileName(name, 'pdf', undefined, input.full), mimeType: MIME_TYPES.pdf, data, pages: countPdfPages(data) };
    }
  }
}

export interface ExportRequest {
  area: ProfileAreaArg;
  format: ExportFormat;
  benchmark?: BenchmarkChoice;
  /** places-csv only: just these categories. */
  categories?: readonly PlaceCategoryId[];
  /** pdf only: the full technical version (every indicator, ward breakdowns, methods). */
  full?: boolean;
}

/** One export, start to finish. */
export async function exportProfile(
  data: ReportData,
  printer: () => ReportPrinter,
  request: ExportRequest,
  options: { progress?: ExportProgress; signal?: AbortSignal; now?: Date } = {},
): Promise<ExportedFile> {
  const total = request.format === 'pdf' ? 3 : 2;
  if (request.format === 'places-csv') {
    // The list needs no profile: only the area's places.
    options.progress?.('Listing places', 0, total);
    const places = await data.places(request.area);
    abortIfCancelled(options.signal);
    const file = placesExport(places, places?.area.name ?? '', request.categories);
    options.progress?.('Done', total, total);
    return file;
  }
  options.progress?.('Computing profile', 0, total);
  const input = await buildReportInput(data, request.area, request.benchmark ?? 'own', {
    ...(options.now ? { now: options.now } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(request.full && request.format === 'pdf' ? { full: true } : {}),
  });
  abortIfCancelled(options.signal);
  const file = await renderExport(input, request.format, printer, options.progress, options.signal, request.categories ? { categories: request.categories } : {});
  options.progress?.('Done', total, total);
  return file;
}
