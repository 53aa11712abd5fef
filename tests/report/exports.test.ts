/**
 * The table exports (CSV, XLSX) read back and checked against the profile they came from, formula-injection safety,
 * file names, and the export service's steps (with a stand-in printer, so no browser is needed here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import type { Profile } from '../../shared/profile.ts';
import { COMPARISON_LABELS } from '../../shared/stats/index.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { CSV_BOM, csvCell, profileCsv, safeText } from '../../backend/report/csv.ts';
import type { ReportPrinter } from '../../backend/report/printer.ts';
import {
  buildReportInput,
  countPdfPages,
  exportFileName,
  exportProfile,
  renderExport,
  safeFileName,
} from '../../backend/report/service.ts';
import { COLUMNS, roundNumber } from '../../backend/report/table.ts';
import { AMBITION_SHEETS, loadExcelJs, profileWorkbook } from '../../backend/report/xlsx.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fixtureInput, loadFixture, parseCsv } from './helpers.ts';


/** A printer that records what it was asked to print and returns a tiny PDF/PNG. */
function fakePrinter(): ReportPrinter & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: 'fake',
    calls,
    pdf: async (html, o) => {
      calls.push(`pdf:${o.headerTitle}:${html.length}`);
      return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n2 0 obj << /Type /Pages >> endobj\n%%EOF');
    },
    png: async (_html, o) => {
      calls.push(`png:${o.width}x${o.height}@${o.scale}`);
      return Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    },
    close: async () => {},
  };
}

describe('CSV', () => {
  const { profile } = loadFixture();

  it('has a BOM, a header and one row per indicator with every number and the comparison words', () => {
    const text = profileCsv(profile, 'west');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toContain('\r\n');
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['Area', ...COLUMNS.map((c) => c.header)]);
    expect(rows).toHaveLength(profile.indicators.length + 1);
    const col = (name: string) => rows[0]!.indexOf(name);
    for (const ind of profile.indicators) {
      const r = rows.find((x) => x[col('Indicator id')] === ind.id)!;
      expect(r[col('Comparison')]).toBe(COMPARISON_LABELS[ind.comparison]);
      if (ind.value !== null && ind.valueType !== 'count') expect(Number(r[col('Value')])).toBeCloseTo(ind.value, 3);
      if (ind.ci95) expect(Number(r[col('95% lower')])).toBeCloseTo(ind.ci95.lower, 3);
      if (ind.benchmarks.west.value !== null) expect(Number(r[col('West Northamptonshire')])).toBeCloseTo(ind.benchmarks.west.value, 3);
    }
    const selfHarm = rows.find((x) => x[col('Indicator id')] === 'synthetic_selfharm_young')!;
    expect(selfHarm[col('Count')]).toBe('<8');
    expect(selfHarm[col('Denominator')]).toBe('7160');
  });

  it('neutralises formulas in text but leaves numbers alone', () => {
    expect(safeText('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(safeText('+1+1')).toBe(`'+1+1`);
    expect(safeText('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(safeText('-0.3')).toBe('-0.3');
    expect(csvCell(-0.3)).toBe('-0.3');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    const evil: Profile = { ...profile, area: { ...profile.area, name: '=cmd|/c calc' }, indicators: [{ ...profile.indicators[0]!, name: '-2+3' }] };
    const rows = parseCsv(profileCsv(evil, 'west').slice(1));
    expect(rows[1]![0]).toBe(`'=cmd|/c calc`);
    expect(rows[1]).toContain(`'-2+3`);
  });
});

describe('XLSX', () => {
  it('has About, one sheet per ambition and Sources; the numbers match the profile', async () => {
    const input = fixtureInput();
    const buf = await profileWorkbook({ profile: input.profile, comparedWith: 'west', sources: input.profile.sources, generatedAt: input.generatedAt, appVersion: '0.1.0', osYear: '2024' });
    const { Workbook } = await loadExcelJs();
    const wb = new Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    const ambitions = [...new Set(input.profile.indicators.map((i) => i.ambition))];
    expect(names[0]).toBe('About');
    expect(names[names.length - 1]).toBe('Sources');
    for (const a of ambitions) expect(names).toContain(AMBITION_SHEETS[a]);
    expect(names).toHaveLength(ambitions.length + 2);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);

    const headers = COLUMNS.map((c) => c.header);
    let checked = 0;
    for (const ind of input.profile.indicators) {
      const ws = wb.getWorksheet(AMBITION_SHEETS[ind.ambition])!;
      expect(ws.getRow(1).values).toEqual([undefined, ...headers]);
      let found = false;
      ws.eachRow((row, n) => {
        if (n === 1 || row.getCell(headers.indexOf('Indicator id') + 1).value !== ind.id) return;
        found = true;
        const cell = (h: string) => row.getCell(headers.indexOf(h) + 1).value;
        if (ind.valueType !== 'count') expect(cell('Value')).toBe(roundNumber(ind.value));
        expect(cell('95% upper')).toBe(roundNumber(ind.ci95?.upper));
        expect(cell('England')).toBe(roundNumber(ind.benchmarks.england.value));
        expect(cell('Comparison')).toBe(COMPARISON_LABELS[ind.comparison]);
        checked++;
      });
      expect(found, ind.id).toBe(true);
    }
    expect(checked).toBe(input.profile.indicators.length);

    const sources = wb.getWorksheet('Sources')!;
    const text = JSON.stringify(sources.getSheetValues());
    expect(text).toContain('Contains public sector information licensed under the Open Government Licence v3.0.');
    expect(text).toContain('Contains OS data © Crown copyright and database right 2024');
    for (const s of input.profile.sources) expect(text).toContain(s.attribution.replace(/"/g, '\\"'));
    const about = JSON.stringify(wb.getWorksheet('About')!.getSheetValues());
    for (const w of ['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George', 'N4', '23 November 2026']) expect(about).toContain(w);
  });
});

describe('export service (real backend, stand-in printer)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let backend: Backend;
  beforeAll(() => {
    tmp = tempDir('lap-export-');
    backend = createBackend({ dbPath: seededDb(path.join(tmp.dir, 'e.db')), transport: 'test', printer: fakePrinter() });
  });
  afterAll(() => {
    backend.close();
    tmp.cleanup();
  });

  it('reports its steps in order and names the file after the area', async () => {
    const printer = fakePrinter();
    const steps: string[] = [];
    const file = await exportProfile(backend.ctx.report, () => printer, { area: { kind: 'lap', id: 1 }, format: 'pdf' }, { progress: (s) => steps.push(s) });
    expect(steps).toEqual(['Computing profile', 'Drawing map', 'Printing PDF', 'Done']);
    expect(file.fileName).toBe('N4 Local Area Profile.pdf');
    expect(file.pages).toBe(1);
    expect(printer.calls[0]).toMatch(/^pdf:N4 – Local Area Profile:\d+$/);
  });

  it('makes the map PNG at 300 dpi (A5) and real CSV/XLSX for a ward, a council and a selection', async () => {
    const printer = fakePrinter();
    const data = backend.ctx.report;
    const png = await exportProfile(data, () => printer, { area: { kind: 'lap', id: 1 }, format: 'map-png' });
    expect(png.mimeType).toBe('image/png');
    expect(printer.calls).toEqual(['png:794x559@3.125']);
    const areas: ProfileAreaArg[] = [{ kind: 'ward', code: 'E05013246' }, { kind: 'council', code: 'E06000061' }, { kind: 'selection', wards: ['E05013246', 'E05013239'] }];
    for (const area of areas) {
      const input = await buildReportInput(data, area);
      const csv = await renderExport(input, 'csv', () => printer);
      expect(csv.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.data.toString('utf8').split('\r\n').length).toBeGreaterThan(100);
      const xlsx = await renderExport(input, 'xlsx', () => printer);
      expect(xlsx.data.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('makes safe file names and counts PDF pages', () => {
    expect(safeFileName('a/b:c*?')).toBe('a_b_c__');
    expect(safeFileName('CON')).toBe('area CON');
    expect(safeFileName('  ..  ')).toBe('area');
    expect(exportFileName('N4', 'xlsx')).toBe('N4 profile.xlsx');
    expect(countPdfPages(Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>'))).toBe(2);
  });
});
