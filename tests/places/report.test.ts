/**
 * Places in the Local Area Profile: the "Places and access" section of the PDF (map inset, counts, straight-line
 * distances with the honest note, the list), the rows the profile CSV gains, the places CSV (a LAP's GP practice
 * list) and the "Places" and "Access" sheets of the workbook. Built from the SYNTHETIC hand-made fixture
 * tests/fixtures/report/n4-places-synthetic.json, so none of it needs the places backend; the last block prints it
 * with Chromium and reads the PDF back (page images go to test-results/report/).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaPlaces, Place, PlaceLink } from '../../shared/places.ts';
import { CSV_BOM, placesCsv, profileCsv } from '../../backend/report/csv.ts';
import { renderReportHtml } from '../../backend/report/html.ts';
import { renderPlacesMap } from '../../backend/report/map.ts';
import { PLACE_COLUMNS, STRAIGHT_LINE_NOTE, placesProfileRows } from '../../backend/report/places-table.ts';
import { MAX_LISTED_PLACES } from '../../backend/report/places.ts';
import type { ReportPrinter } from '../../backend/report/printer.ts';
import { exportFileName, printReport, renderExport } from '../../backend/report/service.ts';
import type { Args, Channel, Results } from '../../shared/contract.ts';
import type { ExportProfileResult } from '../../shared/contract/export.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';
import { COLUMNS } from '../../backend/report/table.ts';
import { loadExcelJs } from '../../backend/report/xlsx.ts';
import { ChromiumPrinter } from '../../backend/report/chromium.ts';
import { CHROMIUM, fixtureInput, hasChromium, hasTool, inkFraction, loadGeography, parseCsv, pdfText, readPnm, RESULTS, ROOT } from '../report/helpers.ts';

type AreaPlace = Place & { how: PlaceLink };


function loadPlaces(): AreaPlaces {
  return JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/report/n4-places-synthetic.json'), 'utf8')) as AreaPlaces;
}

/** The places section of a report, from its heading to the end of the section. */
function placesHtml(html: string): string {
  const start = html.indexOf('<section class="places-section page"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

/** The places map's SVG inside the section. */
function placesMapSvg(section: string): string {
  const start = section.indexOf('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 380 400"');
  return start < 0 ? '' : section.slice(start, section.indexOf('</svg>', start));
}

/** "<td class="num">0.4</td>" cells of one table row whose header cell is `label`. */
function rowCells(section: string, label: string): string[] {
  const i = section.indexOf(`>${label}</th>`);
  if (i < 0) return [];
  const row = section.slice(i, section.indexOf('</tr>', i));
  return [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]!);
}

const noPrinter = (): ReportPrinter => {
  throw new Error('no printer needed');
};

describe('the Places and access section of the PDF (synthetic fixture)', () => {
  const places = loadPlaces();
  const html = renderReportHtml(fixtureInput({ places }));
  const section = placesHtml(html);

  it('is there when places are loaded, after the ward breakdown and before the notes', () => {
    expect(section).toContain('<h2>Places and access</h2>');
    const at = (s: string) => html.indexOf(s);
    expect(at('Ward breakdown of the pinned indicators')).toBeLessThan(at('<h2>Places and access</h2>'));
    expect(at('<h2>Places and access</h2>')).toBeLessThan(at('<h2>Notes</h2>'));
    expect(section).toContain('16 places from the lists held lie inside N4, and 2 outside it are attached to it by hand');
  });

  it('is left out, and the document unchanged, when no places are loaded', () => {
    const without = renderReportHtml(fixtureInput());
    expect(without).not.toContain('Places and access</h2>');
    expect(renderReportHtml(fixtureInput({ places: null }))).toBe(without);
    expect(renderReportHtml(fixtureInput({ places: { ...places, hasPlaces: false } }))).toBe(without);
  });

  it('draws every place on the map in its category colour, attached ones with a dark ring, and names the wards', () => {
    const svg = placesMapSvg(section);
    expect(svg).toContain('aria-label="Places in and attached to N4"');
    const markers = [...svg.matchAll(/<g class="marker"><circle [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(markers).toHaveLength(places.places.length);
    expect(markers.filter((c) => c === '#0072b2')).toHaveLength(5); // GP surgeries, blue, one of them attached
    expect(markers.filter((c) => c === '#cc79a7')).toHaveLength(2); // family hubs
    expect(svg.match(/stroke="#111111" stroke-width="1.6"/g)).toHaveLength(2); // the two attached from outside
    expect(svg.match(/>G<\/text>/g)).toHaveLength(5); // the letter, not colour alone
    for (const w of ['Castle', 'St. George', 'Dallington']) expect(svg).toContain(`>${w}</tspan>`);
  });

  it('the map takes in places attached from nearby, and puts far ones on its edge with an arrow', () => {
    const geo = loadGeography();
    const N4 = places.wards.map((w) => w.code);
    const marker = (svg: string) => [...svg.matchAll(/<g class="marker"><circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const near = { lon: -0.95, lat: 52.3, colour: '#0072b2', symbol: 'G', outside: true, name: 'Near (synthetic)' }; // about 6 km north-west of N4
    const inFrame = renderPlacesMap(geo, { wardCodes: N4, name: 'N4', places: [near], width: 380, height: 400 });
    expect(inFrame.offMap).toEqual([]);
    const [[x, y]] = marker(inFrame.svg) as [readonly [number, number]];
    expect(x).toBeGreaterThan(15);
    expect(x).toBeLessThan(365);
    expect(y).toBeGreaterThan(15);
    expect(y).toBeLessThan(385);
    expect(inFrame.svg).not.toMatch(/<g class="off-map"><path/);
    // Not attached, the same point is not the area's: the frame stays on N4 and does not take it in.
    expect(marker(renderPlacesMap(geo, { wardCodes: N4, name: 'N4', places: [{ ...near, outside: false }], width: 380, height: 400 }).svg)).toEqual([]);

    // Brackley, about 30 km south-west: taking it in would shrink N4 to a dot, so it goes on the edge, pointing its way.
    const far = { ...near, lon: -1.1484, lat: 52.0362, name: 'Far (synthetic)' };
    const edge = renderPlacesMap(geo, { wardCodes: N4, name: 'N4', places: [far, near], width: 380, height: 400 });
    expect(edge.offMap.map((p) => p.name)).toEqual(['Far (synthetic)']);
    expect(edge.svg).toMatch(/<g class="off-map"><path d="M[\d.]+ [\d.]+L/);
    const spots = marker(edge.svg);
    expect(spots).toHaveLength(2);
    const [fx, fy] = spots.find(([px, py]) => px < 30 || py > 340)!; // on the left or bottom edge (south-west)
    expect(fx).toBeLessThan(190);
    expect(fy).toBeGreaterThan(190);
    // The area keeps its size: the same frame as with the near place alone.
    expect(edge.svg.match(/<path d="[^"]+" fill="none" stroke="#[0-9a-f]{6}" stroke-width="2.6"/)![0]).toBe(
      inFrame.svg.match(/<path d="[^"]+" fill="none" stroke="#[0-9a-f]{6}" stroke-width="2.6"/)![0],
    );
    const html = placesHtml(renderReportHtml(fixtureInput({ places: { ...places, places: [{ ...places.places[0]!, name: 'Far practice (synthetic)', lon: far.lon, lat: far.lat, how: 'attached' }] } })));
    expect(html).toContain('Far practice (synthetic) lies too far away to fit on the map with N4: its marker sits on the edge of the map, with an arrow pointing its way.');
    expect(html).toContain('Arrow: attached place beyond the edge of the map, in that direction');
  });

  it('counts the places of each kind: inside, attached from outside, total and per 10,000 residents', () => {
    const row = (label: string) => {
      const i = section.indexOf(`${label}</span></td>`);
      return [...section.slice(i, section.indexOf('</tr>', i)).matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    };
    expect(row('GP surgeries')).toEqual(['4', '1', '5', '1.2']);
    expect(row('Family hubs')).toEqual(['1', '1', '2', '0.5']);
    expect(row('Job centres')).toEqual(['1', '0', '1', '0.3']);
  });

  it('gives each ward\'s straight-line distance in km to 1 decimal, then the area and council averages', () => {
    const castle = places.wards.find((w) => w.name === 'Castle')!;
    const cells = rowCells(section, 'Castle');
    expect(cells).toHaveLength(8);
    expect(cells[0]).toBe(castle.nearest.gp!.km.toFixed(1));
    expect(cells[7]).toBe(castle.nearest['community-venue']!.km.toFixed(1));
    expect(rowCells(section, 'N4 (average)')[0]).toBe(places.areaAverage.gp!.toFixed(1));
    expect(rowCells(section, 'West Northamptonshire (average)')).toEqual(['1.8', '1.5', '3.9', '3.1', '2.5', '3.6', '7.8', '1.9']);
    expect(rowCells(section, 'North Northamptonshire (average)')[6]).toBe('8.6');
    const order = ['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George', 'N4 (average)', 'West Northamptonshire (average)'];
    const positions = order.map((l) => section.indexOf(`>${l}</th>`));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
  });

  it('says plainly that it is straight-line distance, not travel time, and which ward centres were used', () => {
    expect(section).toContain('<strong>Straight-line distance, not travel time.</strong>');
    expect(section).toContain(places.note);
    expect(section).toContain('Distances are measured from the geometric centre of each ward');
    // With no note from the backend, ours is used.
    const ours = placesHtml(renderReportHtml(fixtureInput({ places: { ...places, note: '' } })));
    expect(ours).toContain(STRAIGHT_LINE_NOTE.replace(/"/g, '&quot;'));
  });

  it('lists the places with kind, address, postcode and how each belongs', () => {
    expect(section).toContain('Kingsthorpe Medical Centre (synthetic)');
    const i = section.indexOf('Kingsthorpe Medical Centre (synthetic)');
    const row = section.slice(i, section.indexOf('</tr>', i));
    expect(row).toContain('GP surgery');
    expect(row).toContain('26 Example Street (synthetic), Northampton');
    expect(row).toContain('NN0 17AA');
    expect(row).toContain('<td>attached</td>');
    expect(row).toContain('Kingsthorpe South'); // the ward it lies in, for a place from outside
    const both = section.slice(section.indexOf('Market Square Surgery (synthetic)'));
    expect(both.slice(0, both.indexOf('</tr>'))).toContain('inside the area and attached');
    expect(section).not.toContain('more places.');
  });

  it(`shows the first ${MAX_LISTED_PLACES} of a long list and says where the rest are`, () => {
    const many: AreaPlace[] = Array.from({ length: 55 }, (_, i) => ({ ...places.places[i % places.places.length]!, id: 100 + i, name: `Place ${String(i + 1).padStart(2, '0')} (synthetic)` }));
    const s = placesHtml(renderReportHtml(fixtureInput({ places: { ...places, places: many } })));
    expect(s).toContain('Place 40 (synthetic)');
    expect(s).not.toContain('Place 41 (synthetic)');
    expect(s).toContain('and 15 more places. The Excel workbook and the places CSV list all 55.');
    expect(s).toContain('The places (the first 40 of 55)');
    expect(placesMapSvg(s).match(/<g class="marker">/g)).toHaveLength(55); // the map shows them all
  });

  it('says so when no place lies in the area, and still gives the distances', () => {
    const s = placesHtml(renderReportHtml(fixtureInput({ places: { ...places, places: [] } })));
    expect(s).toContain('No place from the lists held lies inside N4 or is attached to it.');
    expect(s).toContain('No places lie inside N4 or are attached to it.');
    expect(rowCells(s, 'Castle')).toHaveLength(8);
  });

  it('escapes names and addresses', () => {
    const evil: AreaPlace = { ...places.places[0]!, name: `<script>alert("x")</script>`, address: `<b>&'`, postcode: '<i>' };
    const s = placesHtml(renderReportHtml(fixtureInput({ places: { ...places, places: [evil] } })));
    expect(s).not.toContain('<script>');
    expect(s).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(s).toContain('&lt;b&gt;&amp;&#39;');
    expect(s).not.toContain('<i>');
  });
});

describe('places in the CSV exports (synthetic fixture)', () => {
  const places = loadPlaces();
  const input = fixtureInput({ places });

  it('the profile CSV gains, after the indicators, a count and a distance row per category', () => {
    const plain = parseCsv(profileCsv(input.profile, 'west').slice(1));
    const rows = parseCsv(profileCsv(input.profile, 'west', places).slice(1));
    expect(rows).toHaveLength(plain.length + 2 * 8);
    expect(rows.slice(0, plain.length)).toEqual(plain); // the indicator rows are untouched
    const col = (h: string) => rows[0]!.indexOf(h);
    const added = rows.slice(plain.length);
    expect(added.map((r) => r[col('Indicator')]).slice(0, 2)).toEqual([
      'Places: GP surgeries inside the area (count)',
      'Straight-line distance to the nearest GP surgery (km; not travel time)',
    ]);
    expect(added[0]![col('Value')]).toBe('4');
    expect(added[0]![col('Note')]).toBe('1 more attached to the area from outside it (total 5)');
    expect(added[1]![col('Value')]).toBe(String(places.areaAverage.gp));
    expect(added[1]![col('West Northamptonshire')]).toBe('1.84');
    expect(added[1]![col('North Northamptonshire')]).toBe('2.07');
    expect(added[1]![col('England')]).toBe('');
    expect(added[1]![col('Unit')]).toBe('km (straight line)');
    expect(added[1]![col('Note')]).toContain('not travel time');
    expect(added[1]![col('Note')]).toContain('geometric centre of each ward');
    expect(added.map((r) => r[col('Indicator')])).toContain('Straight-line distance to the nearest community venue (km; not travel time)');
    expect(added.every((r) => r[0] === 'N4' && r.length === COLUMNS.length + 1)).toBe(true);
  });

  it('no places loaded: the profile CSV has no places rows', () => {
    const a = profileCsv(input.profile, 'west');
    expect(profileCsv(input.profile, 'west', null)).toBe(a);
    expect(profileCsv(input.profile, 'west', { ...places, hasPlaces: false })).toBe(a);
    expect(placesProfileRows({ ...places, categories: ['gp'] })).toHaveLength(2);
  });

  it('the places CSV has one row per place with every column, a BOM, and safe text', () => {
    const text = placesCsv(places);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['Area', 'Name', 'Category', 'Address', 'Postcode', 'Ref', 'Ward', 'Council', 'How', 'Longitude', 'Latitude', 'Easting', 'Northing']);
    expect(rows[0]).toEqual(PLACE_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(places.places.length + 1);
    const col = (h: string) => rows[0]!.indexOf(h);
    const k = rows.find((r) => r[col('Name')] === 'Kingsthorpe Medical Centre (synthetic)')!;
    const src = places.places.find((p) => p.name === 'Kingsthorpe Medical Centre (synthetic)')!;
    expect(k[col('Area')]).toBe('N4');
    expect(k[col('Category')]).toBe('GP surgery');
    expect(k[col('Ward')]).toBe('Kingsthorpe South');
    expect(k[col('Council')]).toBe('West Northamptonshire');
    expect(k[col('How')]).toBe('attached');
    expect(Number(k[col('Longitude')])).toBeCloseTo(src.lon, 6);
    expect(k[col('Easting')]).toBe(String(src.easting));
    expect(rows.filter((r) => r[col('How')] === 'inside the area and attached').map((r) => r[col('Name')])).toEqual(['Market Square Surgery (synthetic)']);

    const evil = { ...places, places: [{ ...places.places[0]!, name: '=HYPERLINK("http://x")', address: '+44 1604', ward: null }] };
    const e = parseCsv(placesCsv(evil).slice(1))[1]!;
    expect(e[col('Name')]).toBe(`'=HYPERLINK("http://x")`);
    expect(e[col('Address')]).toBe(`'+44 1604`);
    expect(e[col('Council')]).toBe('Outside the two councils');
  });

  it('a GP practice list: only GP surgeries, in a file named for them', async () => {
    const rows = parseCsv(placesCsv(places, ['gp']).slice(1));
    expect(rows.slice(1).map((r) => r[2])).toEqual(Array(5).fill('GP surgery'));
    expect(exportFileName('N4', 'places-csv')).toBe('N4 places.csv');
    expect(exportFileName('N4', 'places-csv', ['gp'])).toBe('N4 GP practices.csv');
    expect(exportFileName('N4', 'places-csv', ['gp', 'pharmacy'])).toBe('N4 places.csv');
    const file = await renderExport(input, 'places-csv', noPrinter, undefined, undefined, { categories: ['gp'] });
    expect(file.fileName).toBe('N4 GP practices.csv');
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    expect(parseCsv(file.data.toString('utf8').slice(1))).toHaveLength(6);
    const all = await renderExport(input, 'places-csv', noPrinter);
    expect(all.fileName).toBe('N4 places.csv');
    expect(parseCsv(all.data.toString('utf8').slice(1))).toHaveLength(places.places.length + 1);
    await expect(renderExport(fixtureInput(), 'places-csv', noPrinter)).rejects.toThrow('No places are loaded yet, so there is no list to export.');
  });

  it('the profile CSV export carries the places rows', async () => {
    const file = await renderExport(input, 'csv', noPrinter);
    const text = file.data.toString('utf8');
    expect(text).toContain('Places: Pharmacies inside the area (count)');
    expect(text).toContain('Straight-line distance to the nearest pharmacy (km; not travel time)');
  });
});

describe('places in the workbook (synthetic fixture)', () => {
  it('has "Places" and "Access" sheets before "Sources", with numbers as numbers', async () => {
    const places = loadPlaces();
    const file = await renderExport(fixtureInput({ places }), 'xlsx', noPrinter);
    const { Workbook } = await loadExcelJs();
    const wb = new Workbook();
    await wb.xlsx.load(file.data as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(-3)).toEqual(['Places', 'Access', 'Sources']);

    const list = wb.getWorksheet('Places')!;
    expect(list.getRow(1).values).toEqual([undefined, ...PLACE_COLUMNS.map((c) => c.header)]);
    expect(list.rowCount).toBe(places.places.length + 1);
    const second = list.getRow(2);
    expect(second.getCell(2).value).toBe(places.places[0]!.name);
    expect(typeof second.getCell(10).value).toBe('number'); // longitude
    expect(typeof second.getCell(12).value).toBe('number'); // easting

    const access = wb.getWorksheet('Access')!;
    const rows: unknown[][] = [];
    access.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const flat = JSON.stringify(rows);
    expect(flat).toContain('Straight-line distance, not travel time.');
    expect(flat).toContain('geometric centre of each ward');
    expect(rows.find((r) => r[0] === 'GP surgeries')).toEqual(['GP surgeries', 4, 1, 5, 1.24]);
    const castle = places.wards.find((w) => w.name === 'Castle')!;
    const castleRow = rows.find((r) => r[0] === 'Castle')!;
    expect(castleRow[1]).toBe(castle.nearest.gp!.km);
    expect(rows.find((r) => r[0] === 'West Northamptonshire (average)')?.[1]).toBe(1.84);
    expect(rows.find((r) => r[0] === 'N4 (average)')?.[1]).toBe(places.areaAverage.gp);
    const nearest = rows.find((r) => r[0] === 'Castle' && r[1] === 'GP surgery')!;
    expect(nearest).toEqual(['Castle', 'GP surgery', castle.nearest.gp!.placeName, castle.nearest.gp!.km]);
  });

  it('has no places sheets when no places are loaded', async () => {
    const file = await renderExport(fixtureInput(), 'xlsx', noPrinter);
    const { Workbook } = await loadExcelJs();
    const wb = new Workbook();
    await wb.xlsx.load(file.data as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).not.toContain('Places');
    expect(names).not.toContain('Access');
  });
});

describe.runIf(hasChromium && hasTool('pdftotext') && hasTool('pdftoppm'))('the places pages of the printed PDF (synthetic fixture, Chromium)', () => {
  let pdf: string;
  let printer: ChromiumPrinter;
  let pages: string[] = [];
  beforeAll(async () => {
    process.env.LAP_INSIGHT_CHROMIUM ??= CHROMIUM;
    printer = new ChromiumPrinter();
    const file = await printReport(fixtureInput({ places: loadPlaces(), full: true }), printer);
    mkdirSync(RESULTS, { recursive: true });
    pdf = path.join(RESULTS, 'n4-places.pdf');
    writeFileSync(pdf, file.data);
    pages = Array.from({ length: file.pages ?? 0 }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
  }, 180_000);
  afterAll(async () => {
    await printer?.close();
  });

  it('starts the section on a new page with the map, the counts and the distances, and reads as text', () => {
    const first = pages.findIndex((p) => /^\s*Places and access\s*$/m.test(p));
    expect(first).toBeGreaterThan(0);
    const page = pages[first]!;
    expect(page).toContain('How many places');
    expect(page).toMatch(/GP surgeries\s+4\s+1\s+5\s+1\.2/);
    expect(page).toContain('Distance to the nearest place (km, straight line)');
    expect(page).toMatch(/Castle\s+0\.4\s+0\.5\s+1\.0\s+0\.4\s+1\.9\s+3\.6\s+0\.6\s+1\.3/);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Straight-line distance, not travel time.');
    expect(text).toContain('Kingsthorpe Medical Centre (synthetic)');
    // The map is drawn: ink in its corner of the page (left, below the heading).
    const img = readPnm(execFileSync('pdftoppm', ['-r', '50', '-f', String(first + 1), '-l', String(first + 1), pdf]));
    expect(inkFraction(img, { x0: 0.08, y0: 0.2, x1: 0.5, y1: 0.45 })).toBeGreaterThan(0.3);
    for (const f of ['n4-places-page']) rmSync(path.join(RESULTS, `${f}-${first + 1}.png`), { force: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(first + 1), '-l', String(first + 2), pdf, path.join(RESULTS, 'n4-places-page')]);
  });
});

describe('places in the exports of the real backend (synthetic fixture CSV imported)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let backend: Backend;
  let n4: number;
  async function send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]> {
    const r = await dispatch(backend.handlers, channel, args);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as Results[K];
  }
  async function exportJob(args: Args<'export.profile'>): Promise<ExportProfileResult> {
    const { jobId } = await send('export.profile', args);
    for (;;) {
      const info = await send('jobs.get', { jobId });
      if (info.state === 'done') return info.result as ExportProfileResult;
      if (info.state !== 'running') throw new Error(`export failed: ${info.error}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  beforeAll(async () => {
    tmp = tempDir('lap-places-report-');
    process.env.LAP_INSIGHT_CHROMIUM ??= CHROMIUM;
    backend = createBackend({ dbPath: seededDb(path.join(tmp.dir, 'r.db')), transport: 'test' });
    // SYNTHETIC lists into an empty store: the built-in ODS list (issue 15) is hidden, as a user can.
    backend.db.prepare(`INSERT INTO meta (key, value) VALUES ('places.builtin_hidden', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`).run();
    backend.db.prepare(`DELETE FROM place_list WHERE builtin = 1`).run();
    n4 = (await send('laps.list', {})).find((l) => l.name === 'N4')!.id;
  });
  afterAll(() => {
    backend?.close();
    tmp?.cleanup();
  });

  it('before any places are loaded: no places rows, and the places list says to import one', async () => {
    const csv = Buffer.from((await exportJob({ area: { kind: 'lap', id: n4 }, format: 'csv' })).contentBase64, 'base64').toString('utf8');
    expect(csv).not.toContain('Places and access');
    const { jobId } = await send('export.profile', { area: { kind: 'lap', id: n4 }, format: 'places-csv' });
    let info = await send('jobs.get', { jobId });
    while (info.state === 'running') {
      await new Promise((r) => setTimeout(r, 10));
      info = await send('jobs.get', { jobId });
    }
    expect(info.state).toBe('failed');
    expect(info.error).toContain('No places are loaded yet, so there is no list to export.');
  });

  it("N4's GP practice list, profile CSV and workbook carry the imported places", async () => {
    const content = readFileSync(path.join(ROOT, 'tests/fixtures/places/n4-places-synthetic.csv'));
    const imp = await send('places.import', { fileName: 'n4-places-synthetic.csv', contentBase64: content.toString('base64') });
    expect(imp.status).toBe('imported');
    const brackley = (await send('places.list', { query: 'Synthetic GP surgery 4' }))[0]!;
    await send('places.attach', { placeId: brackley.id, lapId: n4 });

    const gp = await exportJob({ area: { kind: 'lap', id: n4 }, format: 'places-csv', categories: ['gp'] });
    expect(gp.fileName).toBe('N4 GP practices.csv');
    const rows = parseCsv(Buffer.from(gp.contentBase64, 'base64').toString('utf8').slice(1));
    expect(rows.slice(1).map((r) => [r[1], r[6], r[8]])).toEqual([
      ['Synthetic GP surgery 1', 'Castle', 'inside the area'],
      ['Synthetic GP surgery 2', 'Abington and Phippsville', 'inside the area'],
      ['Synthetic GP surgery 3', 'St. George', 'inside the area'],
      ['Synthetic GP surgery 4', 'Brackley', 'attached'],
    ]);
    const all = await exportJob({ area: { kind: 'lap', id: n4 }, format: 'places-csv' });
    expect(all.fileName).toBe('N4 places.csv');
    expect(parseCsv(Buffer.from(all.contentBase64, 'base64').toString('utf8').slice(1))).toHaveLength(8); // 6 inside + 1 attached + header

    const csv = parseCsv(Buffer.from((await exportJob({ area: { kind: 'lap', id: n4 }, format: 'csv' })).contentBase64, 'base64').toString('utf8').slice(1));
    const col = (h: string) => csv[0]!.indexOf(h);
    const count = csv.find((r) => r[col('Indicator id')] === 'places_gp_inside')!;
    expect(count[col('Value')]).toBe('3');
    expect(count[col('Note')]).toBe('1 more attached to the area from outside it (total 4)');
    const dist = csv.find((r) => r[col('Indicator id')] === 'places_gp_distance_km')!;
    const access = await send('places.forArea', { area: { kind: 'lap', id: n4 } });
    expect(Number(dist[col('Value')])).toBeCloseTo(access.areaAverage.gp!, 2);
    expect(Number(dist[col('West Northamptonshire')])).toBeCloseTo(access.councils.find((c) => c.code === 'E06000062')!.average.gp!, 2);

    const xlsx = await exportJob({ area: { kind: 'lap', id: n4 }, format: 'xlsx' });
    const { Workbook } = await loadExcelJs();
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(-3)).toEqual(['Places', 'Access', 'Sources']);
    expect(wb.getWorksheet('Places')!.rowCount).toBe(8);
  });

  it.runIf(hasChromium && hasTool('pdftotext'))('the N4 PDF has the places section with the imported places', async () => {
    const pdf = await exportJob({ area: { kind: 'lap', id: n4 }, format: 'pdf' });
    mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, 'n4-real-places.pdf');
    writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
    const text = pdfText(file);
    expect(text).toMatch(/^\s*Places and access\s*$/m);
    expect(text).toMatch(/GP surgeries\s+3\s+1\s+4\s/);
    expect(text).toContain('Synthetic GP surgery 4');
    expect(text.replace(/\s+/g, ' ')).toContain('Synthetic GP surgery 4 lies too far away to fit on the map with N4');
    expect(text.replace(/\s+/g, ' ')).toContain('Straight-line distance, not travel time.');
    expect(text).toMatch(/N4 \(average\)(\s+[\d.]+){7}/);
  }, 120_000);
});
