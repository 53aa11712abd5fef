/**
 * The mapping step of a wide file (one area-code column and one column per indicator): what the user chose, kept
 * as a draft, turned into the contract's ImportMapping.
 *
 * A blank field means "let LAP Insight work it out": it is left out of the mapping, and the backend's guess (value
 * type, unit, polarity, theme) comes back in the preview's indicator plans and is shown next to the field.
 */
import type { AmbitionId } from '../../../shared/ambitions.ts';
import { indicatorIdSchema, slugId, type ImportIndicatorPlan, type ImportMapping, type ImportPreview, type ValueAreaType, type WideColumnSpec } from '../../../shared/contract/data.ts';
import type { Polarity, ValueType } from '../../../shared/indicators-meta.ts';

export interface WideColumnDraft {
  column: string;
  include: boolean;
  id: string;
  name: string;
  valueType: ValueType | '';
  unit: string;
  polarity: Polarity | '';
  ambition: AmbitionId | '';
  /** Blank: the period for all columns. */
  period: string;
  /** Blank: the column holds the values themselves. */
  denominatorColumn: string;
}

export interface WideDraft {
  areaCodeColumn: string;
  period: string;
  /** The period was read from the file name (the dialog asks the user to check it). */
  periodGuessed: boolean;
  areaType: ValueAreaType | '';
  columns: WideColumnDraft[];
}

export type WideFieldErrors = Record<string, string>;

const AREA_CODE_HEADER = /^(area[ _]?code|code|geography[ _]?code|(lsoa|msoa|oa|ward|wd|lad|la)\d{0,2}[ _]?(cd|code))$/i;
const AREA_NAME_HEADER = /^((area|ward|wd|lsoa|msoa|oa|lad|la|geography)[ _]?(\d{2})?[ _]?)?(name|nm)$/i;


/** A year in the file name, as a period: "smoking-2023.csv" -> "2023", "fsm_2022-23.csv" -> "2022/23". */
export function periodFromFileName(fileName: string): string {
  const m = /(?<![0-9])((?:19|20)\d{2})(?:[-_/](\d{2}))?(?![0-9])/.exec(fileName.replace(/\.[a-z0-9]+$/i, ''));
  if (!m) return '';
  const [, year, next] = m;
  if (next && Number(next) === (Number(year) + 1) % 100) return `${year}/${next}`;
  return year!;
}

function roleOf(preview: ImportPreview, column: string): string {
  return preview.columns.find((c) => c.column === column)?.role ?? '';
}

/** The draft for a file just read as wide: the detected area-code column, and every other column but names. */
export function initWide(preview: ImportPreview): WideDraft {
  const header = preview.header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const roleArea = header.find((h) => roleOf(preview, h) === 'area code');
  const areaCodeColumn = roleArea ?? header.find((h) => AREA_CODE_HEADER.test(h)) ?? header[0] ?? '';
  const period = periodFromFileName(preview.fileName);
  const columns: WideColumnDraft[] = header
    .filter((h, i) => h !== '' && header.indexOf(h) === i)
    .map((column) => {
      const role = roleOf(preview, column);
      const include = column !== areaCodeColumn && (role.startsWith('indicator') || (!role && !AREA_NAME_HEADER.test(column) && !/^area[ _]?type$/i.test(column)));
      return { column, include, id: '', name: '', valueType: '', unit: '', polarity: '', ambition: '', period: '', denominatorColumn: '' };
    });
  return { areaCodeColumn, period, periodGuessed: period !== '', areaType: '', columns };
}

/** The columns to import: ticked, and not the area-code column. */
export function importedColumns(draft: WideDraft): WideColumnDraft[] {
  return draft.columns.filter((c) => c.include && c.column !== draft.areaCodeColumn);
}

/** The id a column will have: the one typed, else the backend's default for its header. */
export function columnId(col: WideColumnDraft): string {
  return col.id.trim() || slugId(col.column);
}

/** The backend's plan for a column (its guesses), matched by the column's indicator id. */
export function planFor(preview: ImportPreview | null, col: WideColumnDraft): ImportIndicatorPlan | undefined {
  if (!preview) return undefined;
  const id = columnId(col);
  const role = preview.columns.find((c) => c.column.trim() === col.column)?.role ?? '';
  const fromRole = /^indicator (\S+)/.exec(role)?.[1];
  return preview.indicators.find((p) => p.sourceId === (fromRole ?? id)) ?? preview.indicators.find((p) => p.sourceId === id);
}

/** Problems the user can fix before anything is sent (the backend checks everything again). */
export function validateWide(draft: WideDraft): WideFieldErrors {
  const errors: WideFieldErrors = {};
  if (!draft.areaCodeColumn) errors.areaCodeColumn = 'Choose the column that holds the area codes.';
  if (draft.period.trim().length > 100) errors.period = 'A period is at most 100 characters.';
  const included = importedColumns(draft);
  if (included.length === 0) errors.columns = 'Tick at least one column to import.';
  for (const c of included) {
    if (c.id.trim()) {
      const r = indicatorIdSchema.safeParse(c.id);
      if (!r.success) errors[`${c.column}.id`] = `${r.error.issues[0]?.message ?? 'not a valid id'}.`.replace(/^./, (x) => x.toUpperCase());
    }
    if (c.name.trim().length > 500) errors[`${c.column}.name`] = 'A name is at most 500 characters.';
    if (c.unit.trim().length > 200) errors[`${c.column}.unit`] = 'A unit is at most 200 characters.';
    if (c.period.trim().length > 100) errors[`${c.column}.period`] = 'A period is at most 100 characters.';
    if (!c.period.trim() && !draft.period.trim()) errors[`${c.column}.period`] = 'Give the period, here or for all columns above.';
    if (c.denominatorColumn && c.denominatorColumn === c.column) errors[`${c.column}.denominatorColumn`] = 'A column cannot be its own denominator.';
  }
  return errors;
}

/** The mapping for import.preview / import.start (without the source details, which are added separately). */
export function wideMapping(draft: WideDraft): ImportMapping {
  const columns: Record<string, WideColumnSpec> = {};
  for (const c of importedColumns(draft)) {
    const spec: WideColumnSpec = {};
    if (c.id.trim()) spec.id = c.id.trim();
    if (c.name.trim()) spec.name = c.name.trim();
    if (c.valueType) spec.valueType = c.valueType;
    if (c.unit.trim()) spec.unit = c.unit.trim();
    if (c.polarity) spec.polarity = c.polarity;
    if (c.ambition) spec.ambition = c.ambition;
    if (c.period.trim()) spec.period = c.period.trim();
    if (c.denominatorColumn) spec.denominatorColumn = c.denominatorColumn;
    columns[c.column] = spec;
  }
  return {
    ...(draft.areaCodeColumn ? { areaCodeColumn: draft.areaCodeColumn } : {}),
    ...(draft.period.trim() ? { period: draft.period.trim() } : {}),
    ...(draft.areaType ? { areaType: draft.areaType } : {}),
    columns,
  };
}

/** True when every included column has a period (its own or the shared one): only then can the file be checked. */
export function widePeriodsGiven(draft: WideDraft): boolean {
  return importedColumns(draft).every((c) => c.period.trim() || draft.period.trim());
}
