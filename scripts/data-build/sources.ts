/**
 * Reads the source CSVs in ../shared/data/indicators (build time only; the app never reads them).
 * Everything here is a verbatim read: no arithmetic.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsvObjects } from './csv.ts';

export const FILES = {
  census: 'census2021_lsoa21__humaniverse_demographr.csv',
  age6: 'census2021_age6_lsoa21__cwthom_hack25usefuldata.csv',
  oaCounts: 'census2021_oa21_counts__ONSvisual_dot-density-data.csv',
  pct: 'census2021_percent_only_oa21_lad__ONSvisual_dot-density-data.csv',
  dwp: 'dwp_statxplore_msoa11_lad__MatteoLarrode_ChildrenLowIncomeHouseholdsUK.csv',
  imd19ranks: 'imd2019_lsoa11_files2_6__anetobradley_energy_flex.csv',
  imd19nums: 'imd2019_lsoa11_files4_8__humaniverse_IMD.csv',
  imd25: 'imd2025_lsoa21_lad24__humaniverse_IMD.csv',
  mye2020: 'mye2020_sya_lsoa11__humaniverse_demographr.csv',
  derived: 'DERIVED_lad_england_sums_of_small_area_counts.csv',
  lsoa21Ward: 'lookup_lsoa21_to_ward2024_northants.csv',
  lsoa11Ward: 'lookup_lsoa11_to_ward2024_northants_DERIVED.csv',
  lsoa11Msoa: 'lookup_lsoa11_to_msoa11_northants.csv',
  lsoa11Lsoa21: 'lookup_lsoa11_to_lsoa21_northants.csv',
  oa21Lsoa21: 'lookup_oa21_to_lsoa21_northants.csv',
  msoaWardCounts: 'lookup_msoa11_to_ward2024_lsoa_counts_northants_DERIVED.csv',
  wards: 'wards_northants.csv',
} as const;

export type SourceKey = keyof typeof FILES;

/** One row of the tidy layout. Blank cells are null (blank is not zero). */
export interface TidyRow {
  areaCode: string;
  areaName: string;
  areaType: string;
  indicatorId: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: string;
  /** Only in the DERIVED file: number of small areas summed. */
  nAreas: number | null;
}

function num(s: string | undefined, where: string): number | null {
  if (s === undefined || s.trim() === '') return null;
  const x = Number(s);
  if (!Number.isFinite(x)) throw new Error(`${where}: not a number: ${JSON.stringify(s)}`);
  return x;
}

/** A tidy file indexed by indicator id, then by `${areaCode}|${period}`. */
export class TidyFile {
  readonly rows: TidyRow[];
  private readonly byIndicator = new Map<string, TidyRow[]>();
  private readonly index = new Map<string, TidyRow>();

  constructor(
    readonly name: string,
    rows: TidyRow[],
  ) {
    this.rows = rows;
    for (const r of rows) {
      let list = this.byIndicator.get(r.indicatorId);
      if (!list) {
        list = [];
        this.byIndicator.set(r.indicatorId, list);
      }
      list.push(r);
      const key = `${r.indicatorId}|${r.areaCode}|${r.period}`;
      if (this.index.has(key)) throw new Error(`${name}: duplicate row ${key}`);
      this.index.set(key, r);
    }
  }

  /** All rows of an indicator, in file order. Throws if the indicator is absent (a typo must not pass). */
  indicator(id: string): TidyRow[] {
    const list = this.byIndicator.get(id);
    if (!list) throw new Error(`${this.name}: no indicator ${id}`);
    return list;
  }

  has(id: string): boolean {
    return this.byIndicator.has(id);
  }

  get(id: string, areaCode: string, period: string): TidyRow | undefined {
    return this.index.get(`${id}|${areaCode}|${period}`);
  }

  /** The single row of an indicator for an area (any period); throws if absent or ambiguous. */
  only(id: string, areaCode: string): TidyRow {
    const found = this.indicator(id).filter((r) => r.areaCode === areaCode);
    if (found.length !== 1) throw new Error(`${this.name}: expected one ${id} row for ${areaCode}, found ${found.length}`);
    return found[0]!;
  }

  indicatorIds(): string[] {
    return [...this.byIndicator.keys()];
  }
}

export function readCsv(dataDir: string, file: string): Record<string, string>[] {
  return parseCsvObjects(readFileSync(path.join(dataDir, 'indicators', file), 'utf8'));
}

export function readTidy(dataDir: string, file: string): TidyFile {
  const objs = readCsv(dataDir, file);
  const rows = objs.map((o, i): TidyRow => {
    const where = `${file} row ${i + 2}`;
    return {
      areaCode: o.area_code!,
      areaName: o.area_name!,
      areaType: o.area_type!,
      indicatorId: o.indicator_id!,
      period: o.period!,
      value: num(o.value, where),
      numerator: num(o.numerator, where),
      denominator: num(o.denominator, where),
      unit: o.unit ?? '',
      nAreas: num(o.n_areas, where),
    };
  });
  return new TidyFile(file, rows);
}

export interface WardInfo {
  code: string;
  name: string;
  lad: string;
  nLsoa21: number;
}

export interface Sources {
  dataDir: string;
  census: TidyFile;
  age6: TidyFile;
  oaCounts: TidyFile;
  pct: TidyFile;
  dwp: TidyFile;
  imd19ranks: TidyFile;
  imd19nums: TidyFile;
  imd25: TidyFile;
  mye2020: TidyFile;
  derived: TidyFile;
  wards: WardInfo[];
  lsoa21Lookup: Record<string, string>[];
  lsoa11Lookup: Record<string, string>[];
  lsoa11Msoa: Record<string, string>[];
  lsoa11Lsoa21: Record<string, string>[];
  oa21Lookup: Record<string, string>[];
  msoaWardCounts: Record<string, string>[];
}

export function loadSources(dataDir: string): Sources {
  const wards = readCsv(dataDir, FILES.wards)
    .map((o) => ({ code: o.ward_code!, name: o.ward_name!, lad: o.lad24_code!, nLsoa21: Number(o.n_lsoa21) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    dataDir,
    census: readTidy(dataDir, FILES.census),
    age6: readTidy(dataDir, FILES.age6),
    oaCounts: readTidy(dataDir, FILES.oaCounts),
    pct: readTidy(dataDir, FILES.pct),
    dwp: readTidy(dataDir, FILES.dwp),
    imd19ranks: readTidy(dataDir, FILES.imd19ranks),
    imd19nums: readTidy(dataDir, FILES.imd19nums),
    imd25: readTidy(dataDir, FILES.imd25),
    mye2020: readTidy(dataDir, FILES.mye2020),
    derived: readTidy(dataDir, FILES.derived),
    wards,
    lsoa21Lookup: readCsv(dataDir, FILES.lsoa21Ward),
    lsoa11Lookup: readCsv(dataDir, FILES.lsoa11Ward),
    lsoa11Msoa: readCsv(dataDir, FILES.lsoa11Msoa),
    lsoa11Lsoa21: readCsv(dataDir, FILES.lsoa11Lsoa21),
    oa21Lookup: readCsv(dataDir, FILES.oa21Lsoa21),
    msoaWardCounts: readCsv(dataDir, FILES.msoaWardCounts),
  };
}
