/**
 * The profile as an Excel workbook (exceljs): an "About" sheet (area, wards, date, notes), one sheet per ambition
 * with the profile table (numbers as numbers, the comparison in colour and in words), and a "Sources" sheet with
 * every dataset's licence and attribution plus the Open Government Licence and OS statements.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { AMBITIONS, type AmbitionId } from '../../shared/ambitions.ts';
import { placeCategory, type AreaPlaces } from '../../shared/places.ts';
import type { BenchmarkKey, Profile } from '../../shared/profile.ts';
import { COMPARISON_COLOURS, type Comparison } from '../../shared/stats/index.ts';
import { formatDate, listJoin, textColourOn } from './format.ts';
import { OGL_STATEMENT, OS_ATTRIBUTION } from './html.ts';
import { accessNote, councilName, PLACE_COLUMNS, placeListRows, shownCategories } from './places-table.ts';
import { BENCHMARK_NAMES, COLUMNS, indicatorRow } from './table.ts';
import type { ReportSource } from './types.ts';

/** Sheet names (Excel allows 31 characters, no : \ / ? * [ ]). */
export const AMBITION_SHEETS: Record<AmbitionId, string> = {
  context: 'Context',
  'best-start': '1 Best start',
  education: '2 Education',
  'fit-well': '3 Fit and well',
  employment: '4 Employment',
  housing: '5 Housing',
  safe: '6 Safe',
  connected: '7 Connected',
  'fresh-start': '8 Fresh start',
  'health-care': '9 Health and care',
  valued: '10 Valued',
};

const HEADER_FILL = 'FFE8EDF2';

/**
 * exceljs is loaded when a workbook is first made, with a plain require (it is CommonJS). The name is a variable so
 * the Electron main bundle does not inline it (it needs Node built-ins by their bare names); in the app it is then
 * required from node_modules (inside app.asar) at run time, like any CommonJS dependency.
 */
const EXCELJS = 'exceljs';
let excel: typeof ExcelJS | null = null;
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  excel ??= createRequire(import.meta.url)(EXCELJS) as typeof ExcelJS;
  return excel;
}

export interface WorkbookInput {
  profile: Profile;
  comparedWith: BenchmarkKey;
  sources: ReportSource[];
  generatedAt: string;
  appVersion: string;
  /** Year of the boundary data for the OS statement, e.g. "2024". */
  osYear?: string;
  /** Places and access: adds the "Places" and "Access" sheets (before "Sources") when places are loaded. */
  places?: AreaPlaces | null;
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

const COMPARISON_BY_LABEL = new Map<string, Comparison>(
  (['better', 'similar', 'worse', 'best', 'worst', 'higher', 'lower', 'not-compared'] as Comparison[]).map((c) => [
    c === 'not-compared' ? 'Not compared' : c[0]!.toUpperCase() + c.slice(1),
    c,
  ]),
);

function styleComparison(cell: ExcelJS.Cell): void {
  const c = typeof cell.value === 'string' ? COMPARISON_BY_LABEL.get(cell.value) : undefined;
  if (!c) return;
  const bg = COMPARISON_COLOURS[c];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(bg) } };
  cell.font = { bold: true, color: { argb: argb(textColourOn(bg)) } };
  cell.alignment = { horizontal: 'center' };
}

export async function profileWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { profile, comparedWith } = input;
  const a = profile.area;
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  wb.creator = `LAP Insight ${input.appVersion}`;
  wb.title = `${a.name} – Local Area Profile`;
  wb.created = new Date(input.generatedAt);
  wb.modified = new Date(input.generatedAt);

  // ---- About ----
  const about = wb.addWorksheet('About', { properties: { tabColor: { argb: 'FF1D3C5A' } } });
  about.columns = [{ width: 26 }, { width: 110 }];
  const pop = profile.headline.population ?? a.population;
  const rows: [string, string | number | null][] = [
    ['Local Area Profile', a.name],
    ['Kind of area', a.kind === 'lap' ? `Local Area Partnership${a.set ? ` in ${a.set.name}` : ''}` : a.kind],
    ['Wards', listJoin(a.wards.map((w) => w.name))],
    ['Ward codes', a.wards.map((w) => w.code).join(', ')],
    ['Population (Census 2021)', pop],
    ['Compared with', BENCHMARK_NAMES[comparedWith]],
    ['Produced', `${formatDate(input.generatedAt)} with LAP Insight ${input.appVersion}`],
    ['Indicators', profile.indicators.length],
    ['Significantly worse', profile.headline.significantlyWorse],
    ['Significantly better', profile.headline.significantlyBetter],
    ['', null],
    ['Notes', 'One sheet per ambition. Values are on the display scale (percentages 0-100, rates per their multiplier).'],
    ['Estimates', 'Figures marked "yes" under Estimate are built by adding up small areas (Output Areas, LSOAs, MSOAs) that best fit inside the wards; they are close to, but not exactly, what the ward boundaries would give.'],
    ['Incomplete', 'If any ward has no value the area has none: "Wards with a value" is then smaller than "Wards in area", and the figure is not compared. Missing is never treated as zero.'],
    ['Disclosure control', 'For record-level data (hospital admissions, deaths), counts from 1 to 7 are shown as "<8" so no individual can be identified. Rates are calculated from the true counts.'],
    ['Council level only', 'Some context indicators exist only for whole councils: the area has no value and the council values are given for context.'],
    ['Comparisons', 'Fingertips method: Similar when the benchmark lies inside the 95% confidence interval; Better/Worse (or Higher/Lower where neither is better) when outside it; Best/Worst when outside the 99.8% interval too.'],
    ['', null],
    ['Licence', OGL_STATEMENT],
    ['Boundaries', `${OS_ATTRIBUTION}${input.osYear ? ` ${input.osYear}` : ''}.`],
  ];
  for (const [k, v] of rows) {
    const r = about.addRow([k, v]);
    r.getCell(1).font = { bold: true };
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    r.getCell(1).alignment = { vertical: 'top' };
  }
  about.getRow(1).font = { bold: true, size: 14 };
  about.getCell('B5').numFmt = '#,##0';

  // ---- one sheet per ambition ----
  for (const amb of AMBITIONS) {
    const inds = profile.indicators.filter((i) => i.ambition === amb.id);
    if (inds.length === 0) continue;
    const ws = wb.addWorksheet(AMBITION_SHEETS[amb.id], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }));
    for (const ind of inds) {
      const row = ws.addRow(indicatorRow(ind, comparedWith));
      COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.numFmt && typeof cell.value === 'number') cell.numFmt = c.key === 'value' && ind.valueType === 'count' ? '#,##0' : c.numFmt;
        if (c.key.startsWith('comparison')) styleComparison(cell);
      });
    }
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'bottom' };
    header.height = 32;
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.border = { bottom: { style: 'medium', color: { argb: 'FF1D3C5A' } } };
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + inds.length, column: COLUMNS.length } };
  }

  if (input.places?.hasPlaces) placesSheets(wb, input.places);

  // ---- Sources ----
  const src = wb.addWorksheet('Sources');
  src.columns = [
    { header: 'Dataset id', key: 'id', width: 24 },
    { header: 'Dataset', key: 'name', width: 60 },
    { header: 'Publisher', key: 'publisher', width: 30 },
    { header: 'Licence', key: 'licence', width: 28 },
    { header: 'Attribution', key: 'attribution', width: 70 },
    { header: 'Period', key: 'period', width: 30 },
    { header: 'Where the numbers come from', key: 'source', width: 80 },
  ];
  for (const s of input.sources) {
    const r = src.addRow({ id: s.id, name: s.name, publisher: s.publisher, licence: s.licence, attribution: s.attribution, period: s.period ?? '', source: s.source ?? '' });
    r.alignment = { wrapText: true, vertical: 'top' };
  }
  src.getRow(1).font = { bold: true };
  src.getRow(1).eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  src.addRow([]);
  src.addRow([OGL_STATEMENT]).font = { bold: true };
  src.addRow([`${OS_ATTRIBUTION}${input.osYear ? ` ${input.osYear}` : ''}. Ward and council boundaries: Office for National Statistics.`]).font = { bold: true };

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

function headerRow(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'bottom' };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: 'medium', color: { argb: 'FF1D3C5A' } } };
  });
}

/** "Places": the area's places, one row each. "Access": the counts, the distance table, the note and the centres. */
function placesSheets(wb: ExcelJS.Workbook, places: AreaPlaces): void {
  const list = wb.addWorksheet('Places', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  list.columns = PLACE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }));
  const rows = placeListRows(places);
  for (const r of rows) {
    const row = list.addRow(r);
    PLACE_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
    });
  }
  headerRow(list.getRow(1));
  if (rows.length) list.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: PLACE_COLUMNS.length } };

  const ws = wb.addWorksheet('Access');
  const cats = shownCategories(places);
  ws.columns = [{ width: 34 }, ...Array.from({ length: Math.max(4, cats.length) }, (_, i) => ({ width: i === 1 ? 32 : 16 }))];
  const title = ws.addRow([`Places and access: ${places.area.name}`]);
  title.font = { bold: true, size: 14 };
  const wrap = (text: string) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, Math.max(5, cats.length + 1));
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    r.height = 48;
    return r;
  };
  wrap(`Straight-line distance, not travel time. ${accessNote(places)}`).height = 80;
  ws.addRow([]);

  ws.addRow(['How many places']).font = { bold: true, size: 12 };
  headerRow(ws.addRow(['Kind of place', 'Inside the area', 'Attached from outside', 'Total', 'Per 10,000 residents']));
  for (const id of cats) {
    const n = places.counts.find((c) => c.category === id);
    const r = ws.addRow([placeCategory(id).plural, n?.inside ?? 0, n?.attachedOutside ?? 0, n?.total ?? 0, n?.per10k ?? null]);
    for (const c of [2, 3, 4]) r.getCell(c).numFmt = '#,##0';
    r.getCell(5).numFmt = '#,##0.0';
  }
  ws.addRow([]);

  ws.addRow(['Straight-line distance to the nearest place (km; not travel time)']).font = { bold: true, size: 12 };
  headerRow(ws.addRow(['Ward', ...cats.map((id) => placeCategory(id).plural)]));
  const kmRow = (label: string, values: (number | null | undefined)[], style?: Partial<ExcelJS.Font>) => {
    const r = ws.addRow([label, ...values.map((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v))]);
    for (let i = 0; i < cats.length; i++) r.getCell(i + 2).numFmt = '0.00';
    if (style) r.font = style;
  };
  for (const w of places.wards) kmRow(w.name, cats.map((id) => w.nearest[id]?.km));
  kmRow(`${places.area.name} (average)`, cats.map((id) => places.areaAverage[id]), { bold: true });
  for (const c of places.councils) kmRow(`${c.name || councilName(c.code)} (average)`, cats.map((id) => c.average[id]), { italic: true });
  ws.addRow([]);

  ws.addRow(['The nearest place to each ward centre']).font = { bold: true, size: 12 };
  headerRow(ws.addRow(['Ward', 'Kind of place', 'Nearest place', 'Km (straight line)']));
  for (const w of places.wards) {
    for (const id of cats) {
      const n = w.nearest[id];
      const r = ws.addRow([w.name, placeCategory(id).label, n?.placeName ?? null, n?.km ?? null]);
      r.getCell(4).numFmt = '0.00';
    }
  }
}
