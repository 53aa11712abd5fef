/**
 * Contract verbs for exports (issue: Local Area Profile PDF and exports).
 *
 *   export.profile  {area, format: 'pdf'|'csv'|'xlsx'|'map-png'|'places-csv', benchmark?, categories?, full?}  -> {jobId}
 *
 * An export runs as a background job, so the window never waits on it: poll 'jobs.get' {jobId} for progress
 * ("Computing profile", "Drawing map", "Printing PDF"; done/total in steps) and, once its state is 'done', its
 * `result`, an ExportProfileResult (the file as base64: the renderer offers to save it). 'jobs.cancel' stops it.
 * `area` has the same shape as profile.get's.
 */
import { z } from 'zod';
import { BENCHMARK_CHOICES, profileAreaSchema } from './profile.ts';
import { placeCategorySchema } from './places.ts';

/** 'places-csv': the area's places (inside or attached) as a list, one row per place (e.g. a LAP's GP practice list). */
export const EXPORT_FORMATS = ['pdf', 'csv', 'xlsx', 'map-png', 'places-csv'] as const;
export type ExportFormatArg = (typeof EXPORT_FORMATS)[number];

export const exportSchemas = {
  'export.profile': z
    .object({
      area: profileAreaSchema,
      format: z.enum(EXPORT_FORMATS, { error: 'the format is pdf, csv, xlsx, map-png or places-csv' }),
      benchmark: z.enum(BENCHMARK_CHOICES, { error: 'the benchmark is own, west, north or england' }).default('own'),
      /** places-csv only: just these categories (e.g. ['gp'] for a practice list); default every category. */
      categories: z.array(placeCategorySchema).max(8).optional(),
      /** pdf only: the full technical version (every indicator, ward breakdowns, methods appendix); default the short one. */
      full: z.boolean().optional(),
    })
    .strict(),
} as const;

/** The finished export: the `result` of its job. */
export interface ExportProfileResult {
  /** Suggested file name, e.g. "N4 Local Area Profile.pdf". */
  fileName: string;
  mimeType: string;
  contentBase64: string;
  /** Number of pages (PDF only). */
  pages?: number;
  /** Size of the file in bytes. */
  bytes: number;
}

export interface ExportResults {
  'export.profile': { jobId: string };
}
