/**
 * Contract verbs for LAP sets and LAPs (issue: LAP builder).
 *
 * A LAP set is a named collection of LAPs: `official` (one council's LAPs; they may not share wards) or
 * `custom` (working groups; overlap allowed). A LAP is a named group of wards. Ward lists are always ONS ward
 * codes here; forgiving name matching is done by the caller (the CLI uses shared/laps.ts, the UI picks wards).
 *
 * Every write returns the fresh state of what it changed, so the UI can replace its copy without a reload.
 */
import { z } from 'zod';
import type { AuthorityCode, GeoPolygon } from '../domain.ts';
import { hasControlCharacters } from '../laps.ts';
import { humanName, id, wardCode } from './common.ts';

/** Longest notes (free text) on a LAP. */
export const MAX_NOTES = 10_000;
/** Largest import file accepted (characters). */
export const MAX_IMPORT_CHARS = 20_000_000;

/** A LAP or set name: trimmed, 1-200 characters, no line breaks. */
export const lapName = humanName.refine((s) => !hasControlCharacters(s), 'names cannot contain line breaks or control characters');
/** `#rrggbb`, stored lower-case. */
export const lapColour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour looks like #1b9e77')
  .transform((s) => s.toLowerCase());
export const lapNotes = z.string().max(MAX_NOTES, `notes are at most ${MAX_NOTES.toLocaleString('en-GB')} characters`);
/** A list of ward codes (at most one of each: a repeated ward is refused with a message naming it). */
export const wardList = z.array(wardCode).max(200, 'at most 200 wards');
export const lapSetKind = z.enum(['official', 'custom']);
export const lapExportFormat = z.enum(['json', 'csv', 'geojson']);
export const lapImportFormat = z.enum(['json', 'csv']);

export const lapSchemas = {
  // ---- sets ----
  /** Every set, official first, then by name. */
  'lapSets.list': z.object({}).strict(),
  /** Deletes the set and every LAP in it (one transaction). */
  'lapSets.delete': z.object({ id }).strict(),
  /** Per council, the wards no LAP of the set covers (and which LAPs cover the others). */
  'lapSets.coverage': z.object({ id }).strict(),

  // ---- LAPs ----
  /** Every LAP, or the LAPs of one set; sorted by set then name (N2 before N10). */
  'laps.list': z.object({ setId: id.optional() }).strict(),
  'laps.get': z.object({ id }).strict(),
  /** Colour defaults to the first palette colour not yet used in the set. */
  'laps.create': z
    .object({ setId: id, name: lapName, wards: wardList.default([]), colour: lapColour.optional(), notes: lapNotes.default('') })
    .strict(),
  'laps.rename': z.object({ id, name: lapName }).strict(),
  'laps.recolour': z.object({ id, colour: lapColour }).strict(),
  'laps.describe': z.object({ id, notes: lapNotes }).strict(),
  /** Replaces the ward list exactly (undo/redo call this with the previous list). No change, no new updatedAt. */
  'laps.setWards': z.object({ id, wards: wardList }).strict(),
  /**
   * Copies a LAP. Name defaults to "<name> (copy)" (then "(copy 2)", ...). Set defaults to the same set when it is
   * custom; a copy of an official LAP goes to the first custom set (created as "My working groups" if none).
   */
  'laps.duplicate': z.object({ id, name: lapName.optional(), setId: id.optional() }).strict(),
  'laps.delete': z.object({ id }).strict(),
  /** The LAP's outline: its wards dissolved into one shape (cached by ward list). */
  'laps.outline': z.object({ id }).strict(),
  /** Every LAP outline of a set at once, as a FeatureCollection for the map. */
  'laps.outlines': z.object({ setId: id }).strict(),

  // ---- interchange ----
  /** One LAP (lapId), one set (setId), or everything (neither). Returns the file content as text. */
  'laps.export': z
    .object({ lapId: id.optional(), setId: id.optional(), format: lapExportFormat })
    .strict()
    .refine((a) => !(a.lapId && a.setId), { message: 'give a LAP or a set, not both', path: ['lapId'] }),
  /**
   * Imports file content (JSON "lap-insight-laps/1" or CSV lap_name,ward_code,ward_name). All or nothing.
   * format: detected from the content when omitted. fileName: only used in messages.
   * setId: put every LAP into this set (required sense for CSV, which carries no set; CSV defaults to the first
   * custom set). onNameClash: 'rename' (default) names the newcomer "N4 (2)"; 'fail' refuses the whole import.
   */
  'laps.import': z
    .object({
      content: z.string().max(MAX_IMPORT_CHARS, 'the file is too large (at most 20 MB)'),
      format: lapImportFormat.optional(),
      fileName: z.string().trim().min(1).max(260).optional(),
      setId: id.optional(),
      onNameClash: z.enum(['rename', 'fail']).default('rename'),
    })
    .strict(),
} as const;

export type LapSetKind = z.infer<typeof lapSetKind>;
export type LapExportFormat = z.infer<typeof lapExportFormat>;

export interface CouncilRef {
  code: AuthorityCode;
  name: string;
}

export interface LapSet {
  id: number;
  name: string;
  kind: LapSetKind;
  /** Official sets always have one; custom sets may (then only that council's wards are allowed). */
  council: CouncilRef | null;
  lapCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface LapSetRef {
  id: number;
  name: string;
  kind: LapSetKind;
}

export interface LapWard {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
  /** Census 2021 usual residents, or null when not loaded. */
  population: number | null;
}

export interface Lap {
  id: number;
  name: string;
  set: LapSetRef;
  /** #rrggbb */
  colour: string;
  notes: string;
  /** Sorted by name. */
  wards: LapWard[];
  wardCount: number;
  /** Sum of the wards' Census 2021 usual residents; null when not available (see populationNote). */
  population: number | null;
  /** Why population is null, in plain English; null when it is known. */
  populationNote: string | null;
  /** The councils the LAP's wards belong to, with how many of its wards each. */
  councils: (CouncilRef & { wardCount: number })[];
  createdAt: string;
  updatedAt: string;
}

export interface LapOutlineProperties {
  /** null for a preview of an unsaved selection. */
  lapId: number | null;
  name: string;
  colour: string;
  setId: number | null;
  wardCount: number;
  wardCodes: string[];
  parts: number;
  /** "This LAP is in 2 separate parts: ..." or null when it is one piece. */
  message: string | null;
}

export interface LapOutlineFeature {
  type: 'Feature';
  /** The LAP id (numeric, for map feature-state); absent for previews. */
  id?: number;
  properties: LapOutlineProperties;
  geometry: GeoPolygon;
}

export interface LapOutline {
  lapId: number | null;
  wardCodes: string[];
  /** null when the LAP has no wards. */
  feature: LapOutlineFeature | null;
  /** Number of separate pieces (0 with no wards). */
  parts: number;
  contiguous: boolean;
  /** "This LAP is in 2 separate parts: Brackley; Oundle." or null. */
  message: string | null;
  /** Ward codes in each part, largest part first. */
  partWards: string[][];
  areaHectares: number;
}

export interface LapOutlines {
  setId: number;
  type: 'FeatureCollection';
  /** One per LAP with at least one ward. */
  features: LapOutlineFeature[];
}

export interface LapClash {
  wardCode: string;
  wardName: string;
  lapId: number;
  lapName: string;
  setName: string;
}

export interface LapCoverageCouncil extends CouncilRef {
  wardCount: number;
  coveredCount: number;
  /** Wards in no LAP of the set, by name. */
  uncovered: { code: string; name: string }[];
  /** Wards in at least one LAP (custom sets may list several). */
  covered: { code: string; name: string; laps: { id: number; name: string }[] }[];
}

export interface LapSetCoverage {
  setId: number;
  setName: string;
  councils: LapCoverageCouncil[];
}

export interface LapExportFile {
  /** A suggested file name, e.g. "N4.csv". */
  fileName: string;
  mimeType: string;
  content: string;
  lapCount: number;
}

export interface LapImportResult {
  fileName: string;
  format: 'json' | 'csv';
  setsCreated: string[];
  laps: {
    id: number;
    name: string;
    setName: string;
    /** created; renamed (created under a new name); updated (same name and wards: colour/notes replaced); unchanged. */
    action: 'created' | 'renamed' | 'updated' | 'unchanged';
    /** The name in the file, when renamed. */
    fileName?: string;
  }[];
  /** One plain-English line per notable thing (renames, updates). */
  messages: string[];
}

export interface LapResults {
  'lapSets.list': LapSet[];
  'lapSets.delete': { id: number; lapsDeleted: number };
  'lapSets.coverage': LapSetCoverage;
  'laps.list': Lap[];
  'laps.get': Lap;
  'laps.create': Lap;
  'laps.rename': Lap;
  'laps.recolour': Lap;
  'laps.describe': Lap;
  'laps.setWards': Lap;
  'laps.duplicate': Lap;
  'laps.delete': { id: number };
  'laps.outline': LapOutline;
  'laps.outlines': LapOutlines;
  'laps.export': LapExportFile;
  'laps.import': LapImportResult;
}
