/**
 * The mapping step of a wide file (renderer/src/data/wide.ts): the draft made from the backend's preview, what the
 * user can fix before sending, and the contract's ImportMapping it becomes (blank fields left to the backend).
 */
import { describe, expect, it } from 'vitest';
import type { ColumnRole, ImportIndicatorPlan, ImportPreview } from '../../shared/contract/data.ts';
import { columnId, importedColumns, initWide, periodFromFileName, planFor, validateWide, wideMapping, widePeriodsGiven, type WideDraft } from '../../renderer/src/data/wide.ts';

/** A preview with only what the mapping step reads (the rest of the answer does not matter here). */
function preview(fileName: string, header: string[], columns: ColumnRole[] = [], indicators: Partial<ImportIndicatorPlan>[] = []): ImportPreview {
  return { fileName, header, columns, indicators: indicators as ImportIndicatorPlan[] } as Partial<ImportPreview> as ImportPreview;
}

function column(draft: WideDraft, name: string) {
  const c = draft.columns.find((col) => col.column === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

describe('periodFromFileName', () => {
  it('reads a year or a financial year from the file name', () => {
    expect(periodFromFileName('smoking-2023.csv')).toBe('2023');
    expect(periodFromFileName('fsm_2022-23.csv')).toBe('2022/23');
    expect(periodFromFileName('fsm 2019_20.xlsx')).toBe('2019/20');
  });

  it('does not make a financial year of two unrelated years, nor a year of longer numbers', () => {
    expect(periodFromFileName('survey-2022-25.csv')).toBe('2022');
    expect(periodFromFileName('extract-120231.csv')).toBe('');
    expect(periodFromFileName('wards.csv')).toBe('');
  });
});

describe('initWide', () => {
  it('takes the area-code column by its header, leaves names and area types out, and offers every other column', () => {
    const draft = initWide(preview('smoking-2023.csv', ['\uFEFFWD22CD', 'WD22NM', 'Area type', 'Smokers (%)', 'Obesity', '', 'Obesity']));
    expect(draft.areaCodeColumn).toBe('WD22CD');
    expect(draft.period).toBe('2023');
    expect(draft.periodGuessed).toBe(true);
    // Blank and repeated headers are dropped.
    expect(draft.columns.map((c) => [c.column, c.include])).toEqual([
      ['WD22CD', false],
      ['WD22NM', false],
      ['Area type', false],
      ['Smokers (%)', true],
      ['Obesity', true],
    ]);
  });

  it("prefers the backend's reading of the columns to the header rules", () => {
    const draft = initWide(
      preview('values.csv', ['Ward', 'Ref', 'Rate', 'Notes'], [
        { column: 'Ward', role: 'area name' },
        { column: 'Ref', role: 'area code' },
        { column: 'Rate', role: 'indicator: rate' },
        { column: 'Notes', role: 'ignored' },
      ]),
    );
    expect(draft.areaCodeColumn).toBe('Ref');
    expect(draft.period).toBe('');
    expect(draft.periodGuessed).toBe(false);
    expect(importedColumns(draft).map((c) => c.column)).toEqual(['Rate']);
  });

  it('falls back to the first column when no header looks like an area code', () => {
    expect(initWide(preview('x.csv', ['Place', 'Value'])).areaCodeColumn).toBe('Place');
  });
});

describe('the mapping', () => {
  const base = () => initWide(preview('smoking-2023.csv', ['areacode', 'Smokers (%)', 'Obese adults', 'Adults']));

  it('leaves blank fields to the backend and trims what was typed', () => {
    const draft = base();
    Object.assign(column(draft, 'Smokers (%)'), { name: '  Adults who smoke ', unit: '%', valueType: 'proportion', polarity: 'low-is-good' });
    column(draft, 'Adults').include = false;
    expect(wideMapping(draft)).toEqual({
      areaCodeColumn: 'areacode',
      period: '2023',
      columns: {
        'Smokers (%)': { name: 'Adults who smoke', unit: '%', valueType: 'proportion', polarity: 'low-is-good' },
        'Obese adults': {},
      },
    });
  });

  it('carries a column of its own period and its denominator column', () => {
    const draft = base();
    draft.period = '';
    draft.areaType = 'ward';
    Object.assign(column(draft, 'Obese adults'), { period: '2022/23', denominatorColumn: 'Adults', id: 'obese_adults' });
    column(draft, 'Smokers (%)').include = false;
    column(draft, 'Adults').include = false;
    expect(wideMapping(draft)).toEqual({
      areaCodeColumn: 'areacode',
      areaType: 'ward',
      columns: { 'Obese adults': { id: 'obese_adults', period: '2022/23', denominatorColumn: 'Adults' } },
    });
  });

  it('never imports the area-code column, even when ticked', () => {
    const draft = base();
    column(draft, 'areacode').include = true;
    expect(importedColumns(draft).map((c) => c.column)).toEqual(['Smokers (%)', 'Obese adults', 'Adults']);
  });

  it("gives each column the id typed, else the backend's id for its header", () => {
    const draft = base();
    expect(columnId(column(draft, 'Smokers (%)'))).toBe('smokers_pct');
    column(draft, 'Smokers (%)').id = ' smoking ';
    expect(columnId(column(draft, 'Smokers (%)'))).toBe('smoking');
  });

  it("finds the backend's plan for a column by the indicator its role names, else by the column's id", () => {
    const p = preview('x.csv', ['code', 'Smokers (%)', 'Rate'], [{ column: 'Rate', role: 'indicator rate_2 (2023)' }], [
      { sourceId: 'smokers_pct', unit: '%' },
      { sourceId: 'rate_2', unit: 'per 1,000' },
    ]);
    const draft = initWide(p);
    expect(planFor(p, column(draft, 'Smokers (%)'))?.unit).toBe('%');
    expect(planFor(p, column(draft, 'Rate'))?.unit).toBe('per 1,000');
    expect(planFor(null, column(draft, 'Rate'))).toBeUndefined();
  });
});

describe('validateWide', () => {
  it('passes a draft the backend can read', () => {
    const draft = initWide(preview('smoking-2023.csv', ['areacode', 'Smokers']));
    expect(validateWide(draft)).toEqual({});
    expect(widePeriodsGiven(draft)).toBe(true);
  });

  it('names each problem by its field', () => {
    const draft = initWide(preview('smoking.csv', ['areacode', 'Smokers', 'Adults']));
    Object.assign(column(draft, 'Smokers'), { id: 'has space', denominatorColumn: 'Smokers', unit: 'x'.repeat(201) });
    column(draft, 'Adults').period = '2021';
    const errors = validateWide(draft);
    expect(errors['Smokers.id']).toBe('An indicator id uses letters, digits, _ . : and - (no spaces).');
    expect(errors['Smokers.denominatorColumn']).toBe('A column cannot be its own denominator.');
    expect(errors['Smokers.unit']).toBe('A unit is at most 200 characters.');
    expect(errors['Smokers.period']).toBe('Give the period, here or for all columns above.');
    // Adults has its own period.
    expect(errors['Adults.period']).toBeUndefined();
    expect(widePeriodsGiven(draft)).toBe(false);
  });

  it('asks for an area-code column and at least one column to import', () => {
    const draft = initWide(preview('x-2020.csv', ['areacode', 'Smokers']));
    draft.areaCodeColumn = '';
    column(draft, 'Smokers').include = false;
    column(draft, 'areacode').include = false;
    expect(validateWide(draft)).toEqual({
      areaCodeColumn: 'Choose the column that holds the area codes.',
      columns: 'Tick at least one column to import.',
    });
  });
});
