/**
 * What the report (PDF) and the table exports (CSV, XLSX) are made from. Everything is plain data, so
 * `renderReportHtml` is a pure function and the tests can feed it a fixture.
 */
import type { Geography } from '../../shared/domain.ts';
import type { AreaPlaces } from '../../shared/places.ts';
import type { AreaPractices } from '../../shared/contract/practices.ts';
import type { Profile } from '../../shared/profile.ts';
import type { WardBreakdownRow as ContractWardBreakdownRow } from '../../shared/contract/profile.ts';
import type { ReportBasemap } from './basemap.ts';

/**
 * One member ward's value for one indicator (the ward breakdown of a pinned indicator): the fields of the
 * contract's row that the report prints, compared against the same benchmark as the profile's headline.
 */
export interface WardBreakdownRow
  extends Pick<ContractWardBreakdownRow, 'code' | 'name' | 'value' | 'ci95' | 'numerator' | 'denominator' | 'comparison' | 'estimate'> {
  note?: string;
}

export interface WardBreakdownInput {
  indicatorId: string;
  wards: WardBreakdownRow[];
}

/** A dataset as the Sources appendix lists it. */
export interface ReportSource {
  id: string;
  name: string;
  publisher: string;
  licence: string;
  attribution: string;
  /** Where the numbers were read from (file, repository, original product): build provenance, not printed. */
  source?: string;
  period?: string;
  /** Publisher, dataset and release with the licence: what the PDF cites. */
  citation?: string;
}

/** One embedded web font face (base64 woff2), with the characters it covers. */
export interface ReportFont {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  unicodeRange: string;
  woff2Base64: string;
}

export interface ReportInput {
  profile: Profile;
  /** Ward breakdowns of the pinned indicators (in pin order; missing ones are skipped). */
  wardBreakdowns: WardBreakdownInput[];
  /** Wards and councils for the cover map (the whole bundled geography is fine: the map picks what it needs). */
  geography: Pick<Geography, 'wards' | 'authorities' | 'attribution'> & Partial<Pick<Geography, 'labels'>>;
  /** The LAP's pinned indicator ids, in order (at most 5 are shown). Empty: the full version breaks down what stands out. */
  pins: string[];
  /**
   * The full technical version (every indicator with intervals and counts, ward breakdowns, notes, the methods
   * appendix). Default (false/absent): the short meeting document (at most 8 A4 pages for a LAP).
   */
  full?: boolean;
  /** The basemap's attribution when the maps draw towns, roads and rivers (OpenStreetMap, OS Open Roads). */
  basemapAttribution?: string;
  /** Towns, roads, railways and water for the maps (assets/basemap.json); absent: plain ward maps. */
  basemap?: ReportBasemap | null;
  /** docs/methods.md (rendered as the Methods appendix). */
  methodsMarkdown: string;
  /** Datasets for the Sources appendix; defaults to profile.sources. */
  sources?: ReportSource[];
  /** ISO date-time the report was made. */
  generatedAt: string;
  appVersion: string;
  /** The LAP's colour (#rrggbb) for the map; a default teal otherwise. */
  colour?: string;
  /** Embedded fonts (loadReportFonts()); without them the document falls back to system sans-serif. */
  fonts?: ReportFont[];
  /**
   * Places and access for the area (places.forArea). Null or absent when no places are loaded at all: the report
   * then has no places section and the exports no places rows.
   */
  places?: AreaPlaces | null;
  /** The area's GP practices (practices.forArea, issue 15): who the practice-based indicators are about. */
  practices?: AreaPractices | null;
}
