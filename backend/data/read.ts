/**
 * Reading an import's rows into column storage: each parsed row (ParsedRow, from the format's reader) is checked
 * for what one row can show (blank keys, unknown areas, numbers that are not numbers, polarity and ambition words)
 * and stored in the Analysis's columns with its indicator, area and period interned.
 */
import type { Delimiter } from '../io/csv.ts';
import { parseCell, plainChars, plural, rowList } from '../io/numbers.ts';
import { copyString } from '../io/strings.ts';
import { finite, LADS, type Analysis, type SrcIndicator } from './analysis.ts';
import { parseAmbition, parsePolarity } from './answers.ts';
import { F_BAD, F_MISSING, F_SUPPRESSED } from './columns.ts';
import type { ParsedRow } from './formats.ts';
import type { KnownArea } from './store.ts';

/** Former Northamptonshire county and districts (before April 2021). */
const OLD_NORTHANTS = new Set(['E10000021', 'E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);

/** Fills an Analysis from the rows of one file, in file order. */
export class RowReader {
  // per-row scratch for the cell reader
  private rowSuppressed = false;
  private rowBad = false;
  private suppressedRows: number[] = [];
  private rangedRows: number[] = [];
  private suppressedCells = 0;
  private suppressedExample: { row: number; column: string; marker: string } | null = null;
  private decimalComma = false;
  private lastSex = '';
  private lastAge = '';
  private lastSexAge = -1;
  private lastIndKey: string | null = null;
  private lastInd: SrcIndicator | undefined;

  constructor(
    private readonly a: Analysis,
    private readonly known: Map<string, KnownArea>,
  ) {}

  readonly cells = {
    num: (text: string | undefined, row: number, column: string): number => {
      if (text === undefined || text.length === 0) return NaN;
      if (plainChars(text)) {
        const v = +text;
        if (v === v && v !== Infinity && v !== -Infinity && (v !== 0 || !underflows(text))) return v; // fast path: a plain number
      }
      const c = parseCell(text, this.decimalComma);
      if (c.kind === 'number' && c.value === 0 && underflows(text)) {
        // 1e-400 reads as 0 in floating point: refused like 1e309, never stored as a silent 0.
        this.rowBad = true;
        const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
        this.a.issues.error(row, column, `row ${row}, column '${column}': '${shown}' is too small to store (it would become 0); check the value`);
        return NaN;
      }
      if (c.kind === 'number') return c.value;
      if (c.kind === 'blank') return NaN;
      if (c.kind === 'suppressed') {
        this.rowSuppressed = true;
        this.suppressedCells++;
        this.suppressedExample ??= { row, column, marker: c.marker };
        return NaN;
      }
      this.rowBad = true;
      const shown = c.text.length > 40 ? `${c.text.slice(0, 40)}…` : c.text;
      this.a.rowError(row, column, `row ${row}, column '${column}': '${shown}' is not a number`);
      return NaN;
    },
  };

  setDelimiter(d: Delimiter): void {
    this.a.delimiter = d;
    this.decimalComma = d === ';';
  }

  beginRow(): void {
    this.rowSuppressed = false;
    this.rowBad = false;
  }

  /** The polarity / ambition columns of a tidy row; true when one is not recognised (a row error). */
  private readAnswers(r: ParsedRow, ind: SrcIndicator): boolean {
    let bad = false;
    if (r.polarity && !ind.polarity) {
      const p = parsePolarity(r.polarity);
      if (p) ind.polarity = p;
      else {
        this.a.rowError(r.row, 'polarity', `row ${r.row}, column 'polarity': '${r.polarity.slice(0, 40)}' is not one of high-is-good, low-is-good, no-judgement`);
        bad = true;
      }
    }
    if (r.ambition && !ind.ambition) {
      const a = parseAmbition(r.ambition);
      if (a) ind.ambition = a;
      else {
        this.a.rowError(r.row, 'ambition', `row ${r.row}, column 'ambition': '${r.ambition.slice(0, 40)}' is not an ambition (give its number, 0 to 10, or its id, such as fit-well)`);
        bad = true;
      }
    }
    return bad;
  }

  /** Stores one parsed row (called by the format's reader). */
  add = (r: ParsedRow): void => {
    const a = this.a;
    if (r.leaveOut) {
      a.rowsLeftOut++;
      a.issues.group(`leftout:${r.leaveOut}`, 'warning', r.row, 'Category Type', (_rows, n) =>
        `${plural(n, 'row')} of inequality breakdowns (a "Category Type" such as deprivation deciles or ethnic groups) were left out: LAP Insight stores whole-area values only`,
      );
      return;
    }
    let bad = this.rowBad;
    if (!r.areaCode) {
      a.rowError(r.row, null, `row ${r.row}: the area code is blank`);
      bad = true;
    }
    if (!r.indicator) {
      a.rowError(r.row, null, `row ${r.row}: the indicator id is blank`);
      bad = true;
    }
    if (!r.period) {
      a.rowError(r.row, null, `row ${r.row}: the period is blank`);
      bad = true;
    } else if (r.period.length > 100) {
      a.rowError(r.row, null, `row ${r.row}: the period is longer than 100 characters`);
      bad = true;
    }
    // area
    let area = a.areas.get(r.areaCode);
    if (!area) {
      r.areaCode = copyString(r.areaCode);
      const k = this.known.get(r.areaCode);
      // Fingertips downloads cover all of England: an unknown area is outside Northamptonshire unless its parent is one
      // of our councils (then it is an error: e.g. a ward code we do not know).
      const outside = !k && a.format === 'fingertips' && !LADS.includes(r.parentCode);
      area = { idx: a.areaList.length, code: r.areaCode, known: k, outside, rows: 0 };
      a.areas.set(r.areaCode, area);
      a.areaList.push(area);
    }
    area.rows++;
    if (area.outside) {
      a.rowsLeftOut++;
      const oldNorthants = OLD_NORTHANTS.has(r.areaCode) || OLD_NORTHANTS.has(r.parentCode);
      a.issues.group(oldNorthants ? 'outside-old' : 'outside', 'warning', r.row, null, (rows, n) =>
        oldNorthants
          ? `${plural(n, 'row')} for areas of the former Northamptonshire county and districts (before April 2021) were left out (${rowList(rows, n)}): they cannot be placed in today's wards and councils`
          : `${plural(n, 'row')} for areas outside West and North Northamptonshire were left out (${rowList(rows, n)})`,
      );
      return;
    }
    if (!area.known && r.areaCode) {
      const code = r.areaCode;
      a.rowErrorGroup(`unknown:${code}`, r.row, null, (rows, n) => `${unknownAreaMessage(code)} (${rowList(rows, n)})`, unknownAreaMessage(code));
      bad = true;
    } else if (area.known?.type === 'lap') {
      a.rowErrorGroup(`lap:${r.areaCode}`, r.row, null, (rows, n) => `area code ${r.areaCode} is a LAP: import ward values instead (${rowList(rows, n)})`, `area code ${r.areaCode} is a LAP, not a ward`);
      bad = true;
    }
    // indicator (consecutive rows usually share one)
    let ind = r.indicator === this.lastIndKey ? this.lastInd : a.indicators.get(r.indicator);
    if (!ind) {
      const sourceId = copyString(r.indicator);
      ind = {
        idx: a.indList.length,
        sourceId,
        name: copyString(r.indicatorName) || sourceId,
        unit: copyString(r.unit),
        rows: 0,
        firstRow: r.row,
        withNum: 0,
        withDen: 0,
        withVal: 0,
        valIsNum: 0,
        ratios: [],
      };
      a.indicators.set(sourceId, ind);
      a.indList.push(ind);
    }
    this.lastIndKey = r.indicator;
    this.lastInd = ind;
    ind.rows++;
    if ((r.polarity && !ind.polarity) || (r.ambition && !ind.ambition)) bad = this.readAnswers(r, ind) || bad;
    const num = r.numerator;
    const den = r.denominator;
    const val = r.value;
    const hasNum = finite(num);
    const hasDen = finite(den);
    const hasVal = finite(val);
    if (hasNum) ind.withNum++;
    if (hasDen) ind.withDen++;
    if (hasVal) ind.withVal++;
    if (hasVal && hasNum && val === num) ind.valIsNum++;
    if (hasVal && hasNum && hasDen && num > 0 && den > 0 && ind.ratios.length < 200) ind.ratios.push(val / (num / den));

    const c = a.cols;
    const i = c.push();
    c.row[i] = r.row;
    c.ind[i] = ind.idx;
    c.area[i] = area.idx;
    c.period[i] = a.periods.id(r.period);
    if (r.sex !== this.lastSex || r.age !== this.lastAge) {
      this.lastSex = r.sex;
      this.lastAge = r.age;
      this.lastSexAge = a.sexAges.id(`${r.sex}\u0000${r.age}`);
    }
    c.sexAge[i] = this.lastSexAge;
    c.band[i] = r.band ? a.bands.id(r.band) : -1;
    c.hint[i] = r.areaType ? a.hints.id(r.areaType) : -1;
    c.note[i] = r.note ? a.notes.id(r.note) : -1;
    c.num[i] = num;
    c.den[i] = den;
    c.val[i] = val;
    c.l95[i] = r.ci95Lower;
    c.u95[i] = r.ci95Upper;
    c.l998[i] = r.ci998Lower;
    c.u998[i] = r.ci998Upper;
    let flags = 0;
    if (!hasVal && !hasNum) {
      flags |= F_MISSING;
      if (!bad) {
        a.rowsMissing++;
        if (hasDen && a.mapping?.suppressedBelow !== undefined && (area.known?.geographies.length ?? 0) > 0) {
          a.rowsRanged++;
          if (this.rangedRows.length < 5) this.rangedRows.push(r.row);
        } else if (this.suppressedRows.length < 5) this.suppressedRows.push(r.row);
      }
    }
    if (this.rowSuppressed) flags |= F_SUPPRESSED;
    if (bad) flags |= F_BAD;
    c.flags[i] = flags;
  };

  finishReading(): void {
    const a = this.a;
    const below = a.mapping?.suppressedBelow;
    if (a.rowsRanged > 0 && below !== undefined) {
      const n = a.rowsRanged;
      a.issues.info(
        `${plural(n, 'value')} ${n === 1 ? 'was' : 'were'} suppressed by the publisher (below ${below}); each is counted as 0 to ${below - 1} when small areas are added up into wards and councils, and its area's denominator is kept (${rowList(this.rangedRows, n)})`,
        n,
      );
    }
    const plainMissing = a.rowsMissing - a.rowsRanged;
    if (plainMissing > 0) {
      const ex = this.suppressedExample;
      const markers = this.suppressedCells > 0 ? ` (${plural(this.suppressedCells, 'cell')} with a suppression marker such as *, c, .., x or -${ex ? `, e.g. row ${ex.row}, column '${ex.column}': '${ex.marker}'` : ''})` : '';
      a.issues.warning(
        this.suppressedRows[0] ?? null,
        null,
        `${plural(plainMissing, 'value')} ${plainMissing === 1 ? 'is' : 'are'} suppressed or blank${markers}: stored as missing, not zero (${rowList(this.suppressedRows, plainMissing)})`,
        plainMissing,
      );
    }
  }
}

function unknownAreaMessage(code: string): string {
  if (/^E05/.test(code)) return `area code ${code} is not a ward we know (LAP Insight has the 57 wards of West and North Northamptonshire, 2021 boundaries)`;
  if (/^E0[6789]|^E10/.test(code)) {
    return OLD_NORTHANTS.has(code)
      ? `area code ${code} is a former Northamptonshire council (before April 2021): its data cannot be placed in today's councils`
      : `area code ${code} is not one of the two councils we know (West Northamptonshire E06000062, North Northamptonshire E06000061)`;
  }
  if (/^E01/.test(code)) return `area code ${code} is not an LSOA in West or North Northamptonshire`;
  if (/^E00/.test(code)) return `area code ${code} is not an output area in West or North Northamptonshire`;
  if (/^E02/.test(code)) return `area code ${code} is not an MSOA in West or North Northamptonshire`;
  if (/^E1[2-9]|^E[2-9]\d/.test(code)) return `area code ${code} is not an area we know (regions and other areas are not stored)`;
  return `area code '${code.length > 30 ? `${code.slice(0, 30)}…` : code}' is not an area code we know`;
}

/** True for a number written with a non-zero digit that reads as 0 (1e-400: below the smallest double). */
export function underflows(text: string): boolean {
  const m = /^\s*[+-]?£?([0-9.,]*)[eE]/.exec(text);
  return m !== null && /[1-9]/.test(m[1]!);
}
