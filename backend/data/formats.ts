/**
 * The three file layouts the importer reads, each turned into the same rows:
 *  - tidy: one value per row (area_code, indicator_id, period, value, numerator, denominator, ...), the layout
 *    of the project source data (indicators folder);
 *  - fingertips: the OHID Fingertips CSV download ("Indicator ID", "Area Code", "Time period", "Value", ...),
 *    matched by its exact column names;
 *  - wide: one area-code column and one column per indicator, described by a mapping.
 */
import { slugId, type ColumnRole, type ImportFormat, type ImportMapping, type WideColumnSpec } from '../../shared/contract/data.ts';

/** One value as read from a file, before checking. Numbers are NaN when missing. */
export interface ParsedRow {
  row: number;
  /** The indicator's id in the file (tidy indicator_id, Fingertips Indicator ID, or a wide column). */
  indicator: string;
  indicatorName: string;
  unit: string;
  areaCode: string;
  areaName: string;
  /** The file's own area type words, lower case ('' when it has none). */
  areaType: string;
  /** Fingertips Parent Code ('' when none). */
  parentCode: string;
  period: string;
  sex: string;
  age: string;
  /** Age band for DSR / life-expectancy inputs ('' when the row is a whole value). */
  band: string;
  numerator: number;
  denominator: number;
  value: number;
  ci95Lower: number;
  ci95Upper: number;
  ci998Lower: number;
  ci998Upper: number;
  note: string;
  /** Column of the main measure, for messages about a missing value. */
  valueColumn: string;
  /** Rows that are not stored (e.g. Fingertips inequality breakdowns): the reason. */
  leaveOut: string | null;
  /** The indicator's polarity and ambition as the file gives them (tidy columns; '' when none). */
  polarity: string;
  ambition: string;
}

/** What an adapter needs from the checker: numbers read with their problems recorded. */
export interface CellReader {
  /** Reads a number; NaN when blank, suppressed or invalid (the reader records which). */
  num(text: string | undefined, row: number, column: string): number;
}

export interface FormatPlan {
  format: ImportFormat;
  columns: ColumnRole[];
  /** Turns one record into zero or more rows (a wide record gives one per indicator column). */
  read(fields: string[], row: number, cells: CellReader, emit: (r: ParsedRow) => void): void;
  /** Problems with the header that stop the import. */
  errors: string[];
  warnings: string[];
}

export const FINGERTIPS_COLUMNS = [
  'Indicator ID',
  'Indicator Name',
  'Parent Code',
  'Parent Name',
  'Area Code',
  'Area Name',
  'Area Type',
  'Sex',
  'Age',
  'Category Type',
  'Category',
  'Time period',
  'Value',
  'Lower CI 95.0 limit',
  'Upper CI 95.0 limit',
  'Lower CI 99.8 limit',
  'Upper CI 99.8 limit',
  'Count',
  'Denominator',
  'Value note',
  'Recent Trend',
  'Compared to England value or percentiles',
  'Compared to percentiles',
  'Time period Sortable',
  'New data',
  'Compared to goal',
] as const;
const FINGERTIPS_REQUIRED = ['Indicator ID', 'Area Code', 'Time period', 'Value'];
const FINGERTIPS_IGNORED = new Set([
  'Recent Trend',
  'Compared to England value or percentiles',
  'Compared to percentiles',
  'Time period Sortable',
  'New data',
  'Compared to goal',
  'Parent Name',
  'Time period range',
]);

const AREA_NAME_HEADER = /^((area|ward|lsoa|msoa|oa|lad|la|geography)[ _]?(\d{2})?[ _]?)?(name|nm)$/i;
const AREA_CODE_HEADER = /^(area[ _]?code|code|geography[ _]?code|(lsoa|msoa|oa|ward|wd|lad|la)\d{0,2}[ _]?(cd|code))$/i;

/** Tidy column names (lower case, spaces and hyphens as underscores) and the synonyms accepted. */
const TIDY: Record<string, string[]> = {
  area_code: ['area_code', 'areacode'],
  area_name: ['area_name', 'areaname'],
  area_type: ['area_type', 'areatype'],
  indicator_id: ['indicator_id', 'indicatorid', 'indicator', 'indicator_code'],
  indicator_name: ['indicator_name', 'indicatorname'],
  period: ['period', 'time_period', 'year'],
  value: ['value'],
  numerator: ['numerator', 'count'],
  denominator: ['denominator'],
  lower_ci: ['lower_ci', 'lower_ci_95', 'lower_ci95', 'lci', 'lower_95'],
  upper_ci: ['upper_ci', 'upper_ci_95', 'upper_ci95', 'uci', 'upper_95'],
  lower_ci_998: ['lower_ci_998', 'lower_ci_99_8', 'lower_ci998'],
  upper_ci_998: ['upper_ci_998', 'upper_ci_99_8', 'upper_ci998'],
  unit: ['unit'],
  sex: ['sex'],
  age: ['age'],
  age_band: ['age_band', 'band'],
  note: ['note', 'value_note'],
  polarity: ['polarity'],
  ambition: ['ambition', 'ambition_id'],
};
const TIDY_ROLES: Record<string, string> = {
  area_code: 'area code',
  area_name: 'area name',
  area_type: 'area type',
  indicator_id: 'indicator id',
  indicator_name: 'indicator name',
  period: 'period',
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  lower_ci: 'lower 95% limit',
  upper_ci: 'upper 95% limit',
  lower_ci_998: 'lower 99.8% limit',
  upper_ci_998: 'upper 99.8% limit',
  unit: 'unit',
  sex: 'sex',
  age: 'age',
  age_band: 'age band',
  note: 'note',
  polarity: 'polarity (higher or lower is better)',
  ambition: 'ambition',
};

export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function tidyIndex(header: string[]): Map<string, number> {
  const norm = header.map(normaliseHeader);
  const idx = new Map<string, number>();
  for (const [key, names] of Object.entries(TIDY)) {
    const i = norm.findIndex((h) => names.includes(h));
    if (i >= 0) idx.set(key, i);
  }
  longFileColumns(header, idx);
  return idx;
}

/**
 * A long file names its area column after the geography ("ward_code", "WD24CD", "LSOA21CD") rather than
 * "area_code": with an indicator column beside it, it is tidy (one value per row), not wide.
 */
function longFileColumns(header: string[], idx: Map<string, number>): void {
  const raw = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const taken = new Set(idx.values());
  if (!idx.has('area_code')) {
    const i = raw.findIndex((h, k) => !taken.has(k) && AREA_CODE_HEADER.test(h));
    if (i >= 0) {
      idx.set('area_code', i);
      taken.add(i);
    }
  }
  if (!idx.has('area_name')) {
    const i = raw.findIndex((h, k) => !taken.has(k) && AREA_NAME_HEADER.test(h));
    if (i >= 0) idx.set('area_name', i);
  }
}

function fingertipsIndex(header: string[]): Map<string, number> {
  const idx = new Map<string, number>();
  header.forEach((h, i) => {
    const t = h.replace(/^\uFEFF/, '').trim();
    if (!idx.has(t)) idx.set(t, i);
  });
  return idx;
}


/** Detects the layout from the header (and the mapping, for wide files). */
export function detectFormat(header: string[], mapping: ImportMapping | undefined): ImportFormat | null {
  const ft = fingertipsIndex(header);
  if (ft.has('Indicator ID') && ft.has('Area Code')) return 'fingertips';
  const tidy = tidyIndex(header);
  if (tidy.has('area_code') && tidy.has('indicator_id')) return 'tidy';
  if (mapping?.areaCodeColumn || mapping?.columns) return 'wide';
  if (header.some((h) => AREA_CODE_HEADER.test(h.trim()))) return 'wide';
  return null;
}

export function describeUnknownHeader(header: string[]): string {
  const found = header
    .slice(0, 8)
    .map((h) => `'${h.trim()}'`)
    .join(', ');
  return (
    `the columns were not recognised (found ${found}${header.length > 8 ? ', …' : ''}). ` +
    'A tidy file needs area_code, indicator_id, period and value; a Fingertips download has "Indicator ID", "Area Code", "Time period" and "Value"; ' +
    'a wide file (one column per indicator) needs a mapping that names the area-code column and each indicator column.'
  );
}

function emptyRow(): ParsedRow {
  return {
    row: 0,
    indicator: '',
    indicatorName: '',
    unit: '',
    areaCode: '',
    areaName: '',
    areaType: '',
    parentCode: '',
    period: '',
    sex: 'Persons',
    age: 'All ages',
    band: '',
    numerator: NaN,
    denominator: NaN,
    value: NaN,
    ci95Lower: NaN,
    ci95Upper: NaN,
    ci998Lower: NaN,
    ci998Upper: NaN,
    note: '',
    valueColumn: 'value',
    leaveOut: null,
    polarity: '',
    ambition: '',
  };
}

const clean = (s: string | undefined) => (s === undefined ? '' : s.trim());

export function planFormat(format: ImportFormat, header: string[], mapping: ImportMapping | undefined): FormatPlan {
  const plan = format === 'tidy' ? tidyPlan(header, mapping?.period) : format === 'fingertips' ? fingertipsPlan(header) : widePlan(header, mapping);
  reportDuplicateColumns(format, header, plan);
  return plan;
}

/**
 * A header naming one column twice ("value,value"): only the first would be read, silently. A duplicate of a column
 * the import uses stops it; a duplicate of an ignored column is a warning.
 */
function reportDuplicateColumns(format: ImportFormat, header: string[], plan: FormatPlan): void {
  const key = (h: string) => (format === 'tidy' ? normaliseHeader(h) : h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const seen = new Map<string, number[]>();
  header.forEach((h, i) => {
    const k = key(h);
    if (k === '') return;
    seen.set(k, [...(seen.get(k) ?? []), i]);
  });
  for (const positions of seen.values()) {
    if (positions.length < 2) continue;
    const name = header[positions[0]!]!.replace(/^\uFEFF/, '').trim();
    const where = positions.map((i) => i + 1);
    const list = `${where.slice(0, -1).join(', ')} and ${where[where.length - 1]}`;
    const used = positions.some((i) => plan.columns[i]?.role !== 'ignored');
    if (used) plan.errors.push(`the column '${name}' appears ${positions.length} times in the header (columns ${list}); LAP Insight cannot tell which to read: rename or remove the others`);
    else plan.warnings.push(`the column '${name}' appears ${positions.length} times in the header (columns ${list}); it is not used, so this does not change the import`);
  }
}

function tidyPlan(header: string[], defaultPeriod: string | undefined): FormatPlan {
  const idx = tidyIndex(header);
  const errors: string[] = [];
  for (const key of ['area_code', 'indicator_id']) {
    if (!idx.has(key)) errors.push(`the tidy layout needs a column '${key}', and this file has none`);
  }
  if (!idx.has('period') && !defaultPeriod) {
    errors.push(`the tidy layout needs a column 'period', and this file has none: add one, or give the period of every row (command line: --period 2023)`);
  }
  if (!idx.has('value') && !idx.has('numerator')) errors.push(`the tidy layout needs a column 'value' (or 'numerator'), and this file has none`);
  const used = new Map([...idx.entries()].map(([k, i]) => [i, k]));
  const columns = header.map((h, i) => ({ column: h, role: used.has(i) ? TIDY_ROLES[used.get(i)!]! : 'ignored' }));
  const col = (key: string) => idx.get(key) ?? -1;
  const [cArea, cAreaName, cAreaType, cInd, cIndName, cPeriod, cValue, cNum, cDen, cL, cU, cL8, cU8, cUnit, cSex, cAge, cBand, cNote] = [
    'area_code',
    'area_name',
    'area_type',
    'indicator_id',
    'indicator_name',
    'period',
    'value',
    'numerator',
    'denominator',
    'lower_ci',
    'upper_ci',
    'lower_ci_998',
    'upper_ci_998',
    'unit',
    'sex',
    'age',
    'age_band',
    'note',
  ].map<number>(col);
  const cPolarity = col('polarity');
  const cAmbition = col('ambition');
  const name = (i: number) => (i >= 0 ? header[i]!.trim() : '');
  const names = { value: name(cValue!), num: name(cNum!), den: name(cDen!), l: name(cL!), u: name(cU!), l8: name(cL8!), u8: name(cU8!) };
  const r = emptyRow();
  return {
    format: 'tidy',
    columns,
    errors,
    warnings: [],
    read(f, row, cells, emit) {
      r.row = row;
      r.areaCode = clean(f[cArea!]);
      r.areaName = cAreaName! >= 0 ? clean(f[cAreaName!]) : '';
      r.areaType = cAreaType! >= 0 ? clean(f[cAreaType!]).toLowerCase() : '';
      r.indicator = clean(f[cInd!]);
      r.indicatorName = cIndName! >= 0 ? clean(f[cIndName!]) : '';
      r.period = cPeriod! >= 0 ? clean(f[cPeriod!]) : (defaultPeriod ?? '');
      r.unit = cUnit! >= 0 ? clean(f[cUnit!]) : '';
      r.sex = cSex! >= 0 ? clean(f[cSex!]) || 'Persons' : 'Persons';
      r.age = cAge! >= 0 ? clean(f[cAge!]) || 'All ages' : 'All ages';
      r.band = cBand! >= 0 ? clean(f[cBand!]) : '';
      r.note = cNote! >= 0 ? clean(f[cNote!]) : '';
      r.polarity = cPolarity >= 0 ? clean(f[cPolarity]) : '';
      r.ambition = cAmbition >= 0 ? clean(f[cAmbition]) : '';
      r.value = cValue! >= 0 ? cells.num(f[cValue!], row, names.value) : NaN;
      r.numerator = cNum! >= 0 ? cells.num(f[cNum!], row, names.num) : NaN;
      r.denominator = cDen! >= 0 ? cells.num(f[cDen!], row, names.den) : NaN;
      r.ci95Lower = cL! >= 0 ? cells.num(f[cL!], row, names.l) : NaN;
      r.ci95Upper = cU! >= 0 ? cells.num(f[cU!], row, names.u) : NaN;
      r.ci998Lower = cL8! >= 0 ? cells.num(f[cL8!], row, names.l8) : NaN;
      r.ci998Upper = cU8! >= 0 ? cells.num(f[cU8!], row, names.u8) : NaN;
      r.valueColumn = cValue! >= 0 ? names.value : names.num;
      emit(r);
    },
  };
}

function fingertipsPlan(header: string[]): FormatPlan {
  const idx = fingertipsIndex(header);
  const errors: string[] = [];
  for (const c of FINGERTIPS_REQUIRED) if (!idx.has(c)) errors.push(`a Fingertips download has a column "${c}", and this file has none`);
  const known = new Set<string>(FINGERTIPS_COLUMNS);
  const columns = header.map((h) => {
    const t = h.trim();
    if (!known.has(t)) return { column: h, role: 'ignored (not a Fingertips column)' };
    if (FINGERTIPS_IGNORED.has(t)) return { column: h, role: 'ignored (LAP Insight makes its own comparisons)' };
    const roles: Record<string, string> = {
      'Indicator ID': 'indicator id',
      'Indicator Name': 'indicator name',
      'Parent Code': 'parent area code',
      'Area Code': 'area code',
      'Area Name': 'area name',
      'Area Type': 'area type',
      Sex: 'sex',
      Age: 'age',
      'Category Type': 'inequality breakdown (rows with one are left out)',
      Category: 'inequality breakdown',
      'Time period': 'period',
      Value: 'value',
      'Lower CI 95.0 limit': 'lower 95% limit',
      'Upper CI 95.0 limit': 'upper 95% limit',
      'Lower CI 99.8 limit': 'lower 99.8% limit',
      'Upper CI 99.8 limit': 'upper 99.8% limit',
      Count: 'numerator (count)',
      Denominator: 'denominator',
      'Value note': 'note',
    };
    return { column: h, role: roles[t] ?? 'ignored' };
  });
  const c = (name: string) => idx.get(name) ?? -1;
  const cId = c('Indicator ID');
  const cName = c('Indicator Name');
  const cParent = c('Parent Code');
  const cArea = c('Area Code');
  const cAreaName = c('Area Name');
  const cAreaType = c('Area Type');
  const cSex = c('Sex');
  const cAge = c('Age');
  const cCatType = c('Category Type');
  const cCat = c('Category');
  const cPeriod = c('Time period');
  const cValue = c('Value');
  const cL = c('Lower CI 95.0 limit');
  const cU = c('Upper CI 95.0 limit');
  const cL8 = c('Lower CI 99.8 limit');
  const cU8 = c('Upper CI 99.8 limit');
  const cCount = c('Count');
  const cDen = c('Denominator');
  const cNote = c('Value note');
  const r = emptyRow();
  r.valueColumn = 'Value';
  return {
    format: 'fingertips',
    columns,
    errors,
    warnings: [],
    read(f, row, cells, emit) {
      r.row = row;
      r.indicator = clean(f[cId]);
      r.indicatorName = cName >= 0 ? clean(f[cName]) : '';
      r.parentCode = cParent >= 0 ? clean(f[cParent]) : '';
      r.areaCode = clean(f[cArea]);
      r.areaName = cAreaName >= 0 ? clean(f[cAreaName]) : '';
      r.areaType = cAreaType >= 0 ? clean(f[cAreaType]).toLowerCase() : '';
      r.sex = (cSex >= 0 ? clean(f[cSex]) : '') || 'Persons';
      r.age = (cAge >= 0 ? clean(f[cAge]) : '') || 'All ages';
      r.period = clean(f[cPeriod]);
      r.note = cNote >= 0 ? clean(f[cNote]) : '';
      const catType = cCatType >= 0 ? clean(f[cCatType]) : '';
      const cat = cCat >= 0 ? clean(f[cCat]) : '';
      r.leaveOut = catType !== '' || cat !== '' ? 'inequality breakdown' : null;
      r.value = cells.num(f[cValue], row, 'Value');
      r.numerator = cCount >= 0 ? cells.num(f[cCount], row, 'Count') : NaN;
      r.denominator = cDen >= 0 ? cells.num(f[cDen], row, 'Denominator') : NaN;
      r.ci95Lower = cL >= 0 ? cells.num(f[cL], row, 'Lower CI 95.0 limit') : NaN;
      r.ci95Upper = cU >= 0 ? cells.num(f[cU], row, 'Upper CI 95.0 limit') : NaN;
      r.ci998Lower = cL8 >= 0 ? cells.num(f[cL8], row, 'Lower CI 99.8 limit') : NaN;
      r.ci998Upper = cU8 >= 0 ? cells.num(f[cU8], row, 'Upper CI 99.8 limit') : NaN;
      r.band = '';
      emit(r);
    },
  };
}

/** A column header as an indicator id (one rule with the renderer's preview: shared/contract/data.ts). */
export { slugId };

function widePlan(header: string[], mapping: ImportMapping | undefined): FormatPlan {
  const errors: string[] = [];
  const warnings: string[] = [];
  const trimmed = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const find = (name: string) => {
    const exact = trimmed.indexOf(name.trim());
    if (exact >= 0) return exact;
    const lower = name.trim().toLowerCase();
    return trimmed.findIndex((h) => h.toLowerCase() === lower);
  };
  let cArea = -1;
  if (mapping?.areaCodeColumn) {
    cArea = find(mapping.areaCodeColumn);
    if (cArea < 0) errors.push(`the mapping names the area-code column '${mapping.areaCodeColumn}', and this file has no such column`);
  } else {
    cArea = trimmed.findIndex((h) => AREA_CODE_HEADER.test(h));
    if (cArea < 0) errors.push('a wide file needs a mapping that names its area-code column (areaCodeColumn)');
  }
  interface WideCol {
    index: number;
    header: string;
    spec: WideColumnSpec;
    denIndex: number;
    period: string;
  }
  const cols: WideCol[] = [];
  const roles = new Map<number, string>();
  if (cArea >= 0) roles.set(cArea, 'area code');
  if (mapping?.columns) {
    for (const [column, spec] of Object.entries(mapping.columns)) {
      const i = find(column);
      if (i < 0) {
        errors.push(`the mapping describes a column '${column}', and this file has no such column`);
        continue;
      }
      let denIndex = -1;
      if (spec.denominatorColumn) {
        denIndex = find(spec.denominatorColumn);
        if (denIndex < 0) errors.push(`the mapping gives '${spec.denominatorColumn}' as the denominator of '${column}', and this file has no such column`);
        else roles.set(denIndex, roles.has(denIndex) ? `${roles.get(denIndex)}; denominator of '${column}'` : `denominator of '${column}'`);
      }
      const period = spec.period ?? mapping.period ?? '';
      if (!period) errors.push(`column '${column}' needs a period: give "period" for the column, or one for the whole mapping`);
      cols.push({ index: i, header: trimmed[i]!, spec, denIndex, period });
    }
    if (cols.length === 0 && errors.length === 0) errors.push('the mapping names no indicator columns');
  } else {
    // No column list: every other column is an indicator, named after its header. A period is still needed.
    const period = mapping?.period ?? '';
    trimmed.forEach((h, i) => {
      if (i === cArea || h === '' || AREA_NAME_HEADER.test(h) || /^area[ _]?type$/i.test(h)) return;
      cols.push({ index: i, header: h, spec: {}, denIndex: -1, period });
    });
    if (!period) errors.push('a wide file needs a period for its indicator columns: give a mapping with "period" (and, ideally, each column\'s id, name, value type, unit and polarity)');
    else warnings.push('no mapping was given for the indicator columns: each column was read as an indicator named after its header, with unknown value type and polarity');
  }
  const ids = new Map<string, string>();
  for (const c of cols) {
    const id = c.spec.id ?? slugId(c.header);
    const key = `${id}|${c.period}`;
    if (ids.has(key)) errors.push(`columns '${ids.get(key)}' and '${c.header}' would both be indicator '${id}' for period ${c.period || '(none)'}`);
    ids.set(key, c.header);
    roles.set(c.index, `indicator ${id}${c.period ? ` (${c.period})` : ''}${c.denIndex >= 0 ? ', numerator' : ''}`);
  }
  const nameIdx = trimmed.findIndex((h, i) => i !== cArea && AREA_NAME_HEADER.test(h));
  if (nameIdx >= 0 && !roles.has(nameIdx)) roles.set(nameIdx, 'area name');
  const columns = header.map((h, i) => ({ column: h, role: roles.get(i) ?? 'ignored' }));
  const r = emptyRow();
  const areaType = mapping?.areaType ?? '';
  return {
    format: 'wide',
    columns,
    errors,
    warnings,
    read(f, row, cells, emit) {
      const area = clean(f[cArea]);
      const areaName = nameIdx >= 0 ? clean(f[nameIdx]) : '';
      for (const c of cols) {
        r.row = row;
        r.areaCode = area;
        r.areaName = areaName;
        r.areaType = areaType;
        r.indicator = c.spec.id ?? slugId(c.header);
        r.indicatorName = c.spec.name ?? c.header;
        r.unit = c.spec.unit ?? '';
        r.period = c.period;
        r.valueColumn = c.header;
        const v = cells.num(f[c.index], row, c.header);
        if (c.denIndex >= 0) {
          r.numerator = v;
          r.denominator = cells.num(f[c.denIndex], row, trimmed[c.denIndex]!);
          r.value = NaN;
        } else {
          r.value = v;
          r.numerator = NaN;
          r.denominator = NaN;
        }
        emit(r);
      }
    },
  };
}

/** The wide columns' indicator metadata, keyed by indicator id (used as overrides). */
export function wideSpecs(mapping: ImportMapping | undefined): Map<string, WideColumnSpec> {
  const out = new Map<string, WideColumnSpec>();
  for (const [column, spec] of Object.entries(mapping?.columns ?? {})) out.set(spec.id ?? slugId(column), { name: column, ...spec });
  return out;
}
