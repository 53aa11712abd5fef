/**
 * The Local Area Profile as ONE self-contained HTML document for print: inline CSS, fonts embedded as base64
 * @font-face rules, inline SVG (map, charts), no scripts and no external URLs. Both printers (Chromium via
 * playwright-core for the CLI/tests/preview, Electron's printToPDF in the app) print this same page.
 *
 * `renderReportHtml` is pure: the same input gives the same bytes. Every piece of text is escaped.
 */
import { AMBITIONS, type AmbitionId } from '../../shared/ambitions.ts';
import type { BenchmarkKey, Profile, ProfileIndicator } from '../../shared/profile.ts';
import { COMPARISON_COLOURS, type Comparison } from '../../shared/stats/index.ts';
import { horizontalBarsSvg, spineKeySvg, spineSvg, wardBarsSvg } from './charts.ts';
import { esc, safeColour } from './escape.ts';
import {
  BENCHMARK_LABELS,
  BENCHMARK_NAMES,
  COUNCIL_KEYS,
  comparisonLabel,
  coverageText,
  decimalsFor,
  formatCount,
  formatDate,
  formatInterval,
  formatNumber,
  formatCounts,
  formatValue,
  isPercent,
  listJoin,
  MISSING_MARK,
  textColourOn,
  unitWords,
} from './format.ts';
import { DEFAULT_AREA_COLOUR, renderLapMaps } from './map.ts';
import { markdownToHtml } from './markdown.ts';
import { PLACES_CSS, placesSection } from './places.ts';
import { practicesSection } from './practices.ts';
import type { ReportInput, ReportSource, WardBreakdownInput } from './types.ts';
import { isMainIndicator } from '../../shared/main-indicators.ts';
import { FONT_FAMILY } from './fonts.ts';
import { PAGE } from './page.ts';

/** Must appear in every report (and in the map PNG and the XLSX "Sources" sheet). */
export const OS_ATTRIBUTION = 'Contains OS data © Crown copyright and database right';
export const OGL_STATEMENT = 'Contains public sector information licensed under the Open Government Licence v3.0.';

/** The document needs nothing but its inline styles and data: fonts: no scripts, no requests. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The benchmarks' full names by key (shared/format.ts), under the name the report's text uses. */
export const COUNCIL_NAMES = BENCHMARK_NAMES;
const MAX_PINS = 5;

/**
 * The benchmark the headline comparison uses. 'own' is the area's own council, except for a whole council (a council
 * profile, or a selection of all its wards), which is compared with England (as the profile service does).
 */
export function comparisonKey(profile: Profile, geography?: { wards: { features: { properties: { authorityCode: string } }[] } }): BenchmarkKey {
  if (profile.benchmark !== 'own') return profile.benchmark;
  const a = profile.area;
  if (a.kind === 'council') return 'england';
  if (geography && a.wards.length > 0) {
    const councilWards = geography.wards.features.filter((f) => f.properties.authorityCode === a.ownCouncil).length;
    if (a.wards.length === councilWards && a.wards.every((w) => w.authorityCode === a.ownCouncil)) return 'england';
  }
  return COUNCIL_KEYS[a.ownCouncil];
}

export function fontFaces(input: ReportInput): string {
  return (input.fonts ?? [])
    .map(
      (f) =>
        `@font-face{font-family:'${f.family}';font-style:${f.style};font-weight:${f.weight};font-display:block;` +
        `src:url(data:font/woff2;base64,${f.woff2Base64}) format('woff2');unicode-range:${f.unicodeRange};}`,
    )
    .join('\n');
}

function comparisonCss(): string {
  return (Object.keys(COMPARISON_COLOURS) as Comparison[])
    .map((c) => `.cmp-${c}{background:${COMPARISON_COLOURS[c]};color:${textColourOn(COMPARISON_COLOURS[c])};}`)
    .join('\n');
}

export const CSS = `
@page { size: A4; margin: ${PAGE.margin.top}mm ${PAGE.margin.right}mm ${PAGE.margin.bottom}mm ${PAGE.margin.left}mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: '${FONT_FAMILY}', 'Source Sans Pro', Arial, 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.35; color: #1a1a1a; }
h1, h2, h3, h4 { font-weight: 700; line-height: 1.15; break-after: avoid; page-break-after: avoid; color: #111; }
h1 { font-size: 30pt; margin: 0 0 2mm; }
h2 { font-size: 16pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 2px solid #1d3c5a; color: #1d3c5a; }
h3 { font-size: 12pt; margin: 4.5mm 0 2mm; }
h4 { font-size: 10.5pt; margin: 4mm 0 1.5mm; }
p { margin: 0 0 2.2mm; }
.page { break-before: page; page-break-before: always; }
.muted { color: #4d4d4d; }
.small { font-size: 8pt; }
.nowrap { white-space: nowrap; }
section { margin: 0; }
ul { margin: 0 0 2.5mm; padding-left: 5mm; }
li { margin-bottom: 0.8mm; }
a { color: inherit; text-decoration: none; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 85%; }

/* cover */
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-weight: 600; color: #1d3c5a; font-size: 10pt; margin: 0 0 1mm; }
.cover h1 { color: #111; overflow-wrap: anywhere; }
.cover .lede { font-size: 12pt; margin-bottom: 2mm; }
.cover .wards { font-size: 10.5pt; margin-bottom: 4mm; }
.map-block { display: flex; gap: 4mm; align-items: flex-start; margin: 0 0 1.5mm; }
.map-block figure { margin: 0; }
.map-side { display: flex; flex-direction: column; gap: 3mm; }
.map-detail svg, .map-locator svg { display: block; }
.map-key { font-size: 8.5pt; margin: 0; padding: 0; list-style: none; }
.map-key li { display: flex; align-items: center; gap: 2mm; margin-bottom: 1.2mm; }
.swatch { display: inline-block; width: 7mm; height: 4mm; border: 1px solid #555; flex: none; }
.swatch.line { height: 0; border: none; border-top: 2px solid #333333; }
.swatch.outline { background: transparent; }
.attribution { font-size: 7.5pt; color: #4d4d4d; margin: 0 0 4mm; }
.facts { display: grid; grid-template-columns: 34mm 1fr; gap: 1.2mm 4mm; margin: 0 0 4mm; font-size: 9.5pt; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.about { font-size: 9pt; border-left: 3px solid #1d3c5a; padding: 1mm 0 1mm 3mm; background: #f3f6f9; }

/* summary */
.summary-table td { padding-top: 0.6mm; padding-bottom: 0.6mm; }
.summary-table col.s-name { width: 58%; }
.summary-table col.s-num { width: 13%; }
.summary-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; margin-bottom: 3mm; }
.big { font-size: 22pt; font-weight: 700; line-height: 1; margin: 1mm 0 1mm; }
.glance { display: grid; grid-template-columns: repeat(2, 1fr); gap: 2mm; }
.glance div { border: 1px solid #c9c9c9; padding: 2mm; }
.glance .n { font-size: 18pt; font-weight: 700; line-height: 1; display: block; }
.glance .w { font-size: 8.5pt; }

/* tables */
table { border-collapse: collapse; width: 100%; font-size: 8pt; line-height: 1.25; margin: 0 0 3mm; }
thead { display: table-header-group; break-after: avoid; }
tbody > tr:first-child, tbody > tr:nth-child(2) { break-before: avoid; page-break-before: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; font-weight: 600; background: #e8edf2; color: #111; padding: 1.2mm 1.2mm; vertical-align: bottom; border-bottom: 1.5px solid #1d3c5a; }
td { padding: 1mm 1.2mm; vertical-align: middle; border-bottom: 0.6px solid #cfcfcf; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.ind-name { font-weight: 600; }
.ind-meta { color: #4d4d4d; font-size: 7.5pt; }
.tag { display: inline-block; font-size: 6.8pt; font-weight: 600; border: 0.6px solid #6b6b6b; border-radius: 1mm; padding: 0 0.8mm; margin-left: 0.6mm; color: #333; white-space: nowrap; }
.flag { font-style: italic; color: #4d4d4d; }
.flag::before { content: "\\00b7\\00a0"; font-style: normal; }
.tag.warn { border-color: #9a5b00; color: #6b3f00; }
.cmp { display: inline-block; min-width: 14mm; text-align: center; font-weight: 600; font-size: 7.6pt; padding: 0.5mm 1mm; border-radius: 1mm; border: 0.5px solid rgba(0,0,0,0.35); white-space: nowrap; }
${comparisonCss()}
.council-only td.council-cell { font-style: italic; color: #333; text-align: center; }
.why { display: block; font-size: 7pt; color: #4d4d4d; white-space: normal; text-align: right; }
.profile-table col.c-ind { width: 35%; }
.profile-table col.c-val { width: 7.4%; }
.profile-table col.c-ci { width: 9.6%; }
.profile-table col.c-cnt { width: 10%; }
.profile-table col.c-b { width: 7%; }
.profile-table col.c-cmp { width: 9%; }
.profile-table col.c-spine { width: 8%; }
.profile-table td { padding-top: 0.7mm; padding-bottom: 0.7mm; }
.profile-table th { font-size: 7.4pt; }
.profile-table td.spine-cell { padding: 0.5mm 0.8mm; text-align: center; }
.profile-table th.own, .profile-table td.own { background: #f3f6f9; }
.ambition { break-before: auto; }
.ambition-intro { font-size: 8.5pt; color: #4d4d4d; margin-bottom: 1.5mm; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.key-row { display: flex; gap: 1.5mm 3mm; align-items: center; margin: 0 0 2mm; font-size: 8.5pt; }
.key-row svg { flex: none; }
.breakdown { display: grid; grid-template-columns: 1.15fr 1fr; gap: 5mm; align-items: start; break-inside: avoid; margin-bottom: 3mm; }
.breakdown table { margin: 0; }
.breakdown tr.total td { font-weight: 600; border-top: 1.2px solid #555; }

.notes { margin-top: 7mm; }
/* appendix */
.methods { font-size: 8.8pt; }
.methods h2 { font-size: 14pt; }
.methods h3 { font-size: 11pt; margin-top: 4mm; }
.methods blockquote { margin: 1mm 0 2.5mm 4mm; padding: 1mm 3mm; border-left: 3px solid #9e9e9e; background: #f6f6f6; font-size: 8.6pt; }
.methods table.md-table { font-size: 8pt; }
.methods table.md-table td { vertical-align: top; }
.sources { table-layout: fixed; }
.sources td { vertical-align: top; overflow-wrap: anywhere; }
.sources .ind-meta { font-size: 6.8pt; }
.statement { border: 1px solid #1d3c5a; padding: 2mm 3mm; margin: 3mm 0; font-size: 9pt; break-inside: avoid; }
${PLACES_CSS}`;

export function cmpChip(c: Comparison): string {
  return `<span class="cmp cmp-${esc(c)}">${esc(comparisonLabel(c))}</span>`;
}

function ambitionHeading(id: AmbitionId): string {
  const a = AMBITIONS.find((x) => x.id === id);
  if (!a) return esc(id);
  return a.number === 0 ? esc(a.title) : `Ambition ${a.number}: ${esc(a.title)}`;
}

export function isIncomplete(ind: ProfileIndicator): boolean {
  return ind.wardLevel && ind.coverage.of > 0 && ind.coverage.wards < ind.coverage.of;
}

/** The tags after an indicator's name: estimate, incomplete, council level only. */
export function tags(ind: ProfileIndicator): string {
  const out: string[] = [];
  if (!ind.wardLevel) out.push('<span class="tag">council level only</span>');
  if (ind.practiceBased) out.push(`<span class="tag">${esc(ind.practiceBased.label)}</span>`);
  if (ind.estimate && ind.value !== null) out.push('<span class="flag">estimate</span>');
  if (isIncomplete(ind)) out.push(`<span class="tag warn">incomplete (${esc(coverageText(ind.coverage))})</span>`);
  if (ind.valueNote) out.push(`<span class="tag">${esc(ind.valueNote)}</span>`);
  return out.join(' ');
}

function indicatorCell(ind: ProfileIndicator): string {
  const unit = unitWords(ind);
  const meta = [ind.period, isPercent(ind) ? (unit ? `% ${unit}` : '%') : unit].filter((s) => s && s.trim()).map(esc).join(' \u00b7 ');
  const plain = ind.plainDefinition ? `<div class="ind-meta ind-plain">${esc(ind.plainDefinition)}</div>` : '';
  const caveat = ind.caveat ? `<div class="ind-meta ind-caveat">${esc(ind.caveat)}</div>` : '';
  return `<div class="ind-name">${esc(ind.name)}</div>${plain}<div class="ind-meta">${meta}${tags(ind) ? ` ${tags(ind)}` : ''}</div>${caveat}`;
}

/** Why a value is missing, shortly ("incomplete", "not available for combined areas"). */
function whyMissing(ind: ProfileIndicator): string {
  if (ind.value !== null) return '';
  if (isIncomplete(ind)) return 'incomplete';
  return ind.note ? ind.note.replace(/^not calculated:\s*/i, '') : 'no value';
}

/**
 * What to print under a benchmark value. Only one note matters in the table: England has no value but England and
 * Wales does ("No England value in the source; England and Wales: 18.2%"), so that figure is shown, clearly labelled.
 * Other notes (how a benchmark was summed) are in the CSV and XLSX.
 */
export function benchmarkTableNote(note: string | undefined): string | null {
  if (!note) return null;
  if (/^england and wales$/i.test(note.trim())) return 'E&W';
  const m = /England and Wales:\s*(.+)$/i.exec(note);
  return m ? `E&W ${m[1]!.trim()}` : null;
}

function profileRow(ind: ProfileIndicator, key: BenchmarkKey): string {
  const keys: BenchmarkKey[] = ['west', 'north', 'england'];
  const bench = keys
    .map((k) => {
      const b = ind.benchmarks[k];
      const shortNote = benchmarkTableNote(b.note);
      const note = shortNote ? `<span class="why">${esc(shortNote)}</span>` : '';
      return `<td class="num${k === key ? ' own' : ''}">${esc(formatValue(ind, b.value))}${note}</td>`;
    })
    .join('');
  const decimals = decimalsFor(ind, ind.spine?.benchmark ?? ind.value);
  const spine = spineSvg(ind.spine, ind.value, ind.comparison, 80, 14, decimals);
  if (!ind.wardLevel) {
    return (
      `<tr class="council-only"><td>${indicatorCell(ind)}</td><td class="council-cell" colspan="3">Council level only</td>` +
      `${bench}<td>${cmpChip('not-compared')}</td><td class="spine-cell"></td></tr>`
    );
  }
  const why = whyMissing(ind);
  const range = ind.range ? `<span class="why">range ${esc(formatValue(ind, ind.range.lower))} to ${esc(formatValue(ind, ind.range.upper))}</span>` : '';
  const value = `${esc(formatValue(ind, ind.value))}${why ? `<span class="why">${esc(why)}</span>` : ''}${range}`;
  const reason = ind.value !== null && ind.notComparedReason ? `<span class="why">${esc(ind.notComparedReason)}</span>` : '';
  return (
    `<tr><td>${indicatorCell(ind)}</td><td class="num">${value}</td><td class="num">${esc(formatInterval(ind, ind.ci95))}</td>` +
    `<td class="num">${esc(countCell(ind))}</td>${bench}<td>${cmpChip(ind.comparison)}${reason}</td><td class="spine-cell">${spine}</td></tr>`
  );
}

/** The count column; a suppressed range gives both ends of the numerator ("550 to 595 / 10,085"). */
function countCell(ind: ProfileIndicator): string {
  const text = formatCounts(ind, ind.numerator, ind.denominator);
  const hi = ind.range?.numeratorUpper;
  if (hi === undefined || ind.numerator === null) return text;
  return text.replace(/^[^/]+/, (lo) => `${lo.trim()} to ${Math.round(hi).toLocaleString('en-GB')} `);
}

function profileTable(rows: ProfileIndicator[], key: BenchmarkKey, caption: string): string {
  const head = (k: BenchmarkKey) => `<th scope="col" class="num${k === key ? ' own' : ''}">${esc(BENCHMARK_LABELS[k])}</th>`;
  return (
    `<table class="profile-table"><caption class="sr-only" style="position:absolute;left:-9999px">${esc(caption)}</caption>` +
    `<colgroup><col class="c-ind"><col class="c-val"><col class="c-ci"><col class="c-cnt"><col class="c-b"><col class="c-b"><col class="c-b"><col class="c-cmp"><col class="c-spine"></colgroup>` +
    `<thead><tr><th scope="col">Indicator</th><th scope="col" class="num">Value</th><th scope="col" class="num">95% interval</th><th scope="col" class="num">Count</th>` +
    `${head('west')}${head('north')}${head('england')}<th scope="col">Compared with ${esc(BENCHMARK_LABELS[key])}</th>` +
    `<th scope="col">${esc(BENCHMARK_LABELS[key] === 'England' ? 'Council wards' : `${BENCHMARK_LABELS[key]} wards`)}<br><span class="nowrap">\u2190 worse \u00b7 better \u2192</span></th></tr></thead>` +
    `<tbody>${rows.map((r) => profileRow(r, key)).join('')}</tbody></table>`
  );
}

/** "Office for National Statistics: 2021, mid-2020; ..." from the indicators' periods, by publisher. */
export function dataPeriods(profile: Profile): { publisher: string; periods: string[] }[] {
  const by = new Map<string, Set<string>>();
  for (const ind of profile.indicators) {
    const p = ind.source.publisher || 'Other sources';
    if (!by.has(p)) by.set(p, new Set());
    if (ind.period) by.get(p)!.add(ind.period);
  }
  return [...by.entries()].map(([publisher, periods]) => ({ publisher, periods: [...periods].sort() }));
}

function areaDescription(profile: Profile): string {
  const a = profile.area;
  switch (a.kind) {
    case 'lap':
      return a.set ? `A Local Area Partnership in ${esc(a.set.name)}` : 'A Local Area Partnership';
    case 'ward':
      return 'A ward';
    case 'council':
      return 'A council area';
    default:
      return 'A group of wards';
  }
}

function wardList(profile: Profile): string {
  const names = profile.area.wards.map((w) => w.name).sort((x, y) => x.localeCompare(y));
  return names.length ? esc(listJoin(names)) : 'No wards';
}

/** The boundaries' attribution, always with the OS statement. */
export function mapAttribution(input: ReportInput): string {
  return input.geography.attribution?.includes(OS_ATTRIBUTION)
    ? input.geography.attribution
    : `${input.geography.attribution ? `${input.geography.attribution} ` : ''}${OS_ATTRIBUTION}.`;
}

export function cover(input: ReportInput, key: BenchmarkKey, short = false): string {
  const { profile } = input;
  const a = profile.area;
  const colour = safeColour(input.colour, DEFAULT_AREA_COLOUR);
  const maps = renderLapMaps(input.geography, {
    wardCodes: a.wards.map((w) => w.code),
    colour,
    name: a.name,
    // The short cover also lists key facts, so its map is a little shorter (the page stays one page).
    detail: { width: 448, height: short ? 420 : 540 },
    locator: { width: 232, height: 262 },
    basemap: input.basemap ?? null,
  });
  const attribution = mapAttribution(input);
  const periods = dataPeriods(profile);
  const population = profile.headline.population ?? a.population;
  const lede = [`${a.wards.length} ${a.wards.length === 1 ? 'ward' : 'wards'}`, population !== null ? `${formatNumber(population, 0)} residents (Census 2021)` : null].filter(Boolean);
  return `<section class="cover" aria-label="Cover">
<p class="kicker">Local Area Profile</p>
<h1>${esc(a.name)}</h1>
<p class="lede">${areaDescription(profile)} \u00b7 ${esc(lede.join(' \u00b7 '))}</p>
<p class="wards"><strong>Wards:</strong> ${wardList(profile)}</p>
<div class="map-block">
  <figure class="map-detail">${maps.detailSvg}</figure>
  <div class="map-side">
    <figure class="map-locator">${maps.locatorSvg}</figure>
    <ul class="map-key" aria-label="Map key">
      <li><span class="swatch" style="background:${colour};opacity:0.7"></span>${esc(a.name)} (its wards named in bold)</li>
      <li><span class="swatch" style="background:#fbfbfb"></span>Other wards of the council</li>
      <li><span class="swatch line"></span>Council boundary</li>
      <li><span class="swatch outline" style="border:1.5px solid #111"></span>Area shown in the large map</li>
    </ul>
  </div>
</div>
<p class="attribution">${esc(attribution.replace(/\.?\s*$/, '.'))}${input.basemapAttribution ? ` ${esc(input.basemapAttribution)}` : ''}</p>
<dl class="facts">
  <dt>Produced</dt><dd>${esc(formatDate(input.generatedAt))}, with LAP Insight ${esc(input.appVersion)}</dd>
  ${maps.councils.length ? `<dt>Council</dt><dd>${esc(maps.councils.map((c) => c.name).join(' and '))}</dd>` : ''}
  ${maps.neighbours.length ? `<dt>Neighbouring wards</dt><dd>${esc(listJoin(maps.neighbours.map((n) => n.name)))}</dd>` : ''}
  <dt>Compared with</dt><dd>${esc(COUNCIL_NAMES[key])}${key === 'england' ? '' : ' (the council as a whole)'}</dd>
  ${short ? keyFacts(input, key) : ''}
  <dt>Data periods</dt><dd>${periods.map((p) => `${esc(p.publisher)}: ${esc(p.periods.join(', '))}`).join(short ? '; ' : '<br>')}</dd>
</dl>
<p class="about">This profile brings together open data about the people who live in ${esc(a.name)}. Each figure is compared with
${esc(COUNCIL_NAMES[key])}: <strong>Better</strong> or <strong>Worse</strong> means the difference is statistically significant
(unlikely to be down to chance); <strong>Similar</strong> means it is not. Figures for groups of wards are built from smaller areas,
so most are estimates. ${short ? '"About these figures" at the end explains' : 'The notes and the methods at the end explain'} how every number was made.</p>
</section>`;
}

/** The short cover's key facts: deprivation and the tally of significant differences. */
function keyFacts(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  const dep = profile.headline.mostDeprived20;
  const main = profile.indicators.filter(isMainIndicator);
  const n = (cs: Comparison[]) => main.filter((i) => cs.includes(i.comparison)).length;
  const depText =
    dep && dep.value !== null ? `<dt>Deprivation</dt><dd>${esc(formatNumber(dep.value, 1))}% of residents live in England\u2019s 20% most deprived neighbourhoods (IMD ${esc(dep.period)})</dd>` : '';
  return (
    // The headline counts each concept once and says how many were compared (profile.headline, issue 14).
    `${depText}<dt>At a glance</dt><dd>${
      profile.headline.summary
        ? esc(profile.headline.summary)
        : `Of ${main.length} indicators, ${n(['worse', 'worst'])} are significantly worse and ${n(['better', 'best'])} significantly better than ${esc(COUNCIL_NAMES[key])}`
    }</dd>`
  );
}

function summaryList(rows: ProfileIndicator[], key: BenchmarkKey, empty: string): string {
  if (rows.length === 0) return `<p class="muted">${esc(empty)}</p>`;
  return indicatorValueTable(rows, key, 'summary-table', 'Value');
}

/** Indicators with the area's value, the benchmark's and the comparison (the full summary and the short profile). */
export function indicatorValueTable(rows: ProfileIndicator[], key: BenchmarkKey, className: string, valueHead: string): string {
  return (
    `<table class="${className}"><colgroup><col class="s-name"><col class="s-num"><col class="s-num"><col></colgroup><thead><tr><th scope="col">Indicator</th><th scope="col" class="num">${esc(valueHead)}</th><th scope="col" class="num">${esc(BENCHMARK_LABELS[key])}</th><th scope="col">Compared</th></tr></thead><tbody>` +
    rows
      .map(
        (r) =>
          `<tr><td><span class="ind-name">${esc(r.shortName || r.name)}</span> <span class="ind-meta">${esc(r.period)}</span></td>` +
          `<td class="num">${esc(formatValue(r, r.value))}</td><td class="num">${esc(formatValue(r, r.benchmarks[key].value))}</td><td>${cmpChip(r.comparison)}</td></tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

export function ageChart(profile: Profile, key: BenchmarkKey, colour: string): string {
  const bands = profile.headline.ageBands;
  if (!bands.length || bands.every((b) => b.percent === null)) return '<p class="muted">Age structure not available.</p>';
  const reference = (label: string): number | null => {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(label.trim());
    const open = /^(\d+)\s*(\+|and over|or over)$/i.exec(label.trim());
    const id = range ? `census21_age_${range[1]}_${range[2]}_pct` : open ? `census21_age_${open[1]}plus_pct` : null;
    return id ? (profile.indicators.find((i) => i.id === id)?.benchmarks[key].value ?? null) : null;
  };
  const data = bands.map((b) => ({ label: b.label, value: b.percent, reference: reference(b.label) }));
  const hasRef = data.some((d) => d.reference !== null);
  const table =
    `<table class="small" style="position:absolute;left:-9999px"><caption>Age structure</caption><thead><tr><th>Age</th><th>People</th><th>%</th></tr></thead><tbody>` +
    bands.map((b) => `<tr><td>${esc(b.label)}</td><td>${esc(formatCount(b.count, false))}</td><td>${esc(formatNumber(b.percent, 1))}</td></tr>`).join('') +
    `</tbody></table>`;
  return (
    horizontalBarsSvg(data, {
      colour,
      width: 320,
      format: (v) => `${formatNumber(v, 1)}%`,
      title: `Age structure of ${profile.area.name}, Census 2021, % of residents in each age band`,
      ...(hasRef ? { referenceLabel: `${BENCHMARK_LABELS[key]} (%)` } : {}),
    }) + table
  );
}

function summary(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  const colour = safeColour(input.colour, DEFAULT_AREA_COLOUR);
  const worse = profile.indicators.filter((i) => i.comparison === 'worse' || i.comparison === 'worst');
  const better = profile.indicators.filter((i) => i.comparison === 'better' || i.comparison === 'best');
  const similar = profile.indicators.filter((i) => i.comparison === 'similar').length;
  const higherLower = profile.indicators.filter((i) => i.comparison === 'higher' || i.comparison === 'lower').length;
  const notCompared = profile.indicators.filter((i) => i.comparison === 'not-compared').length;
  const council = COUNCIL_NAMES[key];
  const pop = profile.headline.population ?? profile.area.population;
  const dep = profile.headline.mostDeprived20;
  const pins = input.pins.slice(0, MAX_PINS).map((id) => profile.indicators.find((i) => i.id === id)).filter((i): i is ProfileIndicator => !!i);
  const pinned = pins.length ? `<h3>Pinned indicators (the partnership's top ${pins.length})</h3>\n${summaryList(pins, key, '')}` : '';
  return `<section class="summary page" aria-label="Summary">
<h2>Summary</h2>
<div class="summary-grid">
  <div>
    <h3 style="margin-top:0">People</h3>
    <p class="big">${esc(formatNumber(pop, 0))}</p>
    <p class="muted">usual residents (Census 2021)${dep && dep.value !== null ? `; <strong>${esc(formatNumber(dep.value, 1))}%</strong> live in England's 20% most deprived neighbourhoods (IMD ${esc(dep.period)})` : ''}.</p>
    <h4>Age structure (% of residents, Census 2021)</h4>
    ${ageChart(profile, key, colour)}
  </div>
  <div>
    <h3 style="margin-top:0">At a glance, compared with ${esc(council)}</h3>
    <div class="glance">
      <div><span class="n">${worse.length}</span><span class="w">indicators significantly <strong>worse</strong></span></div>
      <div><span class="n">${better.length}</span><span class="w">indicators significantly <strong>better</strong></span></div>
      <div><span class="n">${similar}</span><span class="w">indicators <strong>similar</strong></span></div>
      <div><span class="n">${higherLower}</span><span class="w"><strong>higher or lower</strong>, where neither is better</span></div>
    </div>
    <p class="small muted" style="margin-top:2mm">${notCompared} more are not compared: counts and scores have no confidence interval, and some figures
    are missing or incomplete. "Significantly" means the council's value lies outside this area's 95% confidence interval.</p>
  </div>
</div>
${pinned}
<h3>Significantly worse than ${esc(council)}</h3>
${summaryList(worse, key, `No indicator is significantly worse than ${council}.`)}
<h3>Significantly better than ${esc(council)}</h3>
${summaryList(better, key, `No indicator is significantly better than ${council}.`)}
</section>`;
}

function fullProfile(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  const sections = AMBITIONS.map((a) => ({ a, rows: profile.indicators.filter((i) => i.ambition === a.id) }))
    .filter((s) => s.rows.length > 0)
    .map(
      (s) => `<section class="ambition" aria-label="${esc(s.a.title)}">
<h3 id="ambition-${esc(s.a.id)}">${ambitionHeading(s.a.id)}</h3>
${profileTable(s.rows, key, s.a.title)}
</section>`,
    )
    .join('\n');
  const present = new Set(profile.indicators.map((i) => i.comparison));
  const keyChips = (['best', 'better', 'similar', 'worse', 'worst', 'higher', 'lower', 'not-compared'] as Comparison[])
    .filter((c) => present.has(c) || ['better', 'similar', 'worse', 'not-compared'].includes(c))
    .map(cmpChip)
    .join(' ');
  return `<section class="profile page" aria-label="The full profile">
<h2>The full profile</h2>
<p>Every indicator for ${esc(profile.area.name)}, grouped by the ten "Live Your Best Life" ambitions. <strong>Value</strong> is the
figure for the area; <strong>95% interval</strong> is the range the true value probably lies in; <strong>Count</strong> is the number
of people, households or events behind it (out of how many). The comparison is with ${esc(COUNCIL_NAMES[key])}.</p>
<div class="key-row"><span>Comparison:</span> ${keyChips}</div>
${legendBlock(profile)}
<div class="key-row">${spineKeySvg()}<span>Spine chart: the range of all ${esc(BENCHMARK_LABELS[key] === 'England' ? 'council' : BENCHMARK_LABELS[key])} wards (light grey), the middle half of them
(dark grey), the ${esc(COUNCIL_NAMES[key])} value (black line) and this area (circle, coloured by the comparison). Better is always to the right;
where neither direction is better, higher is to the right. <strong>E&amp;W</strong> under an England value: the source has no figure for
England alone, so the England and Wales figure is given for context (it is not used for comparisons).</span></div>
${sections}
</section>`;
}

function breakdownBlock(ind: ProfileIndicator, b: WardBreakdownInput, key: BenchmarkKey, areaName: string): string {
  const bench = ind.benchmarks[key].value;
  const rows = b.wards
    .map(
      (w) =>
        `<tr><th scope="row" style="background:none;border-bottom:0.6px solid #cfcfcf;font-weight:400">${esc(w.name)}${w.estimate && w.value !== null ? ' <span class="flag">estimate</span>' : ''}</th>` +
        `<td class="num">${esc(formatValue(ind, w.value))}${w.value === null && w.note ? `<span class="why">${esc(w.note)}</span>` : ''}</td>` +
        `<td class="num">${esc(formatInterval(ind, w.ci95))}</td>` +
        `<td class="num">${esc(formatCounts(ind, w.numerator, w.denominator))}</td><td>${cmpChip(w.comparison)}</td></tr>`,
    )
    .join('');
  const total =
    `<tr class="total"><th scope="row" style="background:none">All of ${esc(areaName)}</th><td class="num">${esc(formatValue(ind, ind.value))}</td>` +
    `<td class="num">${esc(formatInterval(ind, ind.ci95))}</td><td class="num">${esc(formatCounts(ind, ind.numerator, ind.denominator))}</td><td>${cmpChip(ind.comparison)}</td></tr>`;
  const decimals = decimalsFor(ind, ind.value ?? bench);
  const chart = wardBarsSvg(
    b.wards.map((w) => ({ label: w.name, value: w.value, ci95: w.ci95, comparison: w.comparison })),
    {
      benchmark: bench,
      benchmarkLabel: `${BENCHMARK_LABELS[key]} ${formatValue(ind, bench)}`,
      format: (v) => (ind.valueType === 'count' ? formatCount(v, ind.disclosureControlled) : `${formatNumber(v, decimals)}${isPercent(ind) ? '%' : ''}`),
      title: `${ind.name}: value for each ward, with 95% intervals`,
      width: 300,
    },
  );
  return `<div class="keep"><h4>${esc(ind.name)} <span class="ind-meta">${esc(ind.period)}${unitWords(ind) ? ` \u00b7 ${esc(isPercent(ind) ? `% ${unitWords(ind)}` : unitWords(ind))}` : ''}</span></h4>
<div class="breakdown"><table><thead><tr><th scope="col">Ward</th><th scope="col" class="num">Value</th><th scope="col" class="num">95% interval</th><th scope="col" class="num">Count</th><th scope="col">Compared</th></tr></thead>
<tbody>${rows}${total}</tbody></table><figure style="margin:0">${chart}</figure></div></div>`;
}

function wardBreakdowns(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  // The pinned indicators; with none pinned, the ones that stand out (the service breaks those down instead).
  const pinned = input.pins.length > 0;
  const ids = pinned ? input.pins.slice(0, MAX_PINS) : input.wardBreakdowns.map((x) => x.indicatorId).slice(0, MAX_PINS);
  const blocks = ids
    .map((id) => {
      const ind = profile.indicators.find((i) => i.id === id);
      const b = input.wardBreakdowns.find((x) => x.indicatorId === id);
      return ind && b && b.wards.length ? breakdownBlock(ind, b, key, profile.area.name) : '';
    })
    .filter(Boolean);
  if (blocks.length === 0) return '';
  return `<section class="wards-section page" aria-label="Ward breakdown">
<h2>Ward breakdown of the ${pinned ? 'pinned indicators' : 'indicators that stand out'}</h2>
<p>Each member ward's own figure, compared with ${esc(COUNCIL_NAMES[key])}. Ward figures are based on small numbers, so their
intervals are wide: a ward can look very different from the others and still not be significantly different from the council.</p>
${blocks.join('\n')}
</section>`;
}

function notes(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  const estimates = profile.indicators.filter((i) => i.estimate && i.value !== null).length;
  const incomplete = profile.indicators.filter(isIncomplete);
  const controlled = profile.indicators.filter((i) => i.disclosureControlled).length;
  const councilOnly = profile.indicators.filter((i) => !i.wardLevel).length;
  return `<section class="notes" aria-label="Notes">
<h2>Notes</h2>
<h3>Estimates</h3>
<p>${estimates} figures in this profile are marked <em>estimate</em>. Much of the data is published for small areas
(Output Areas, LSOAs or MSOAs) rather than wards. A ward's figure is made by adding up the small areas that best fit inside it, and a
group of wards by adding up its wards. The small areas do not follow ward boundaries exactly, so these figures are close to, but not
exactly, what the true ward boundaries would give.</p>
<h3>Incomplete figures</h3>
<p>If any ward in the area has no value for an indicator, the area has no figure for it: it is marked
<span class="tag warn">incomplete (3 of 4 wards)</span>, which says how many wards did have a value. Missing is never treated as
zero, and an incomplete figure is never compared. ${incomplete.length ? `In this profile: ${esc(listJoin(incomplete.map((i) => `${i.shortName || i.name} (${coverageText(i.coverage)})`)))}.` : 'No figure in this profile is incomplete.'}</p>
<h3>Small numbers (disclosure control)</h3>
<p>For record-level data such as hospital admissions and deaths, counts from 1 to 7 are shown as "&lt;8", so that no individual can be
identified. 0 is shown as 0 and a missing count as "${MISSING_MARK}". Rates, percentages and intervals are still calculated from the true counts.
${controlled ? `${controlled} indicators in this profile are disclosure controlled.` : 'No indicator in this profile is disclosure controlled.'}
Open Census, deprivation and benefits data are not suppressed: the publishers have already protected them.</p>
<h3>Council level only</h3>
<p>${councilOnly ? `${councilOnly} context indicators exist only for whole councils (for example the council's deprivation rank). They are marked <span class="tag">council level only</span>: the area has no value, and the council values are shown for context.` : 'Every indicator in this profile has a value for wards.'}</p>
<h3>Comparisons</h3>
<p>Each figure is compared with ${esc(COUNCIL_NAMES[key])} using the Fingertips method: <strong>Similar</strong> when the council's value
lies inside the area's 95% confidence interval, otherwise <strong>Better</strong> or <strong>Worse</strong> (or <strong>Higher</strong> or
<strong>Lower</strong> where neither direction is better, such as the share of older people). <strong>Best</strong> or <strong>Worst</strong>
means the council's value lies outside the 99.8% interval too: the difference is very unlikely to be chance. Counts, scores and ranks have no
interval and are <strong>Not compared</strong>, and so are shares of whole neighbourhoods (no sampling), figures whose suppressed small numbers
leave the answer open, and England comparisons where only an England and Wales figure exists; the reason is printed beside the figure.
The word is always printed next to the colour.</p>
${input.profile.headline.summary ? `<p>${esc(input.profile.headline.summary)} ${esc(input.profile.headline.countNote ?? '')}</p>` : ''}
</section>`;
}

/** The shared legend of comparison words (shared/indicator-guide.ts) and the profile's notes (e.g. editions). */
function legendBlock(profile: Profile): string {
  const legend = profile.legend;
  const entries = legend ? legend.entries.map((e) => `<strong>${esc(e.word)}</strong>: ${esc(e.meaning)}.`).join(' ') : '';
  const notes = (profile.notes ?? []).map((n) => `<p class="small"><strong>${esc(n)}</strong></p>`).join('');
  return `${legend ? `<p class="small legend" aria-label="${esc(legend.title)}">${entries} ${esc(legend.rule)}</p>` : ''}${notes}`;
}

function sourcesTable(sources: ReportSource[]): string {
  return (
    `<table class="sources"><colgroup><col style="width:44%"><col style="width:16%"><col style="width:14%"><col style="width:26%"></colgroup>` +
    `<thead><tr><th scope="col">Dataset</th><th scope="col">Publisher</th><th scope="col">Licence</th><th scope="col">Attribution</th></tr></thead><tbody>` +
    sources
      .map(
        (s) =>
          `<tr><td><span class="ind-name">${esc(s.citation ?? s.name)}</span>${s.period ? `<div class="ind-meta">${esc(s.period)}</div>` : ''}</td>` +
          `<td>${esc(s.publisher)}</td><td>${esc(s.licence)}</td><td>${esc(s.attribution)}</td></tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

/** " 2024" from "... database right 2024", or "" (the boundaries' year, not the report's). */
export function osYear(attribution: string | undefined): string {
  const m = /database right (\d{4})/.exec(attribution ?? '');
  return m ? ` ${m[1]}` : '';
}

function appendix(input: ReportInput): string {
  const sources = input.sources ?? input.profile.sources;
  const methods = input.methodsMarkdown.trim()
    ? markdownToHtml(input.methodsMarkdown.replace(/^#\s+Methods\s*\n/, ''), { headingShift: 1, idPrefix: 'm-' })
    : '<p>The methods document was not available when this report was made.</p>';
  return `<section class="methods page" aria-label="Methods">
<h2>Appendix A: Methods</h2>
${methods}
</section>
<section class="sources-section page" aria-label="Sources and licences">
<h2>Appendix B: Sources and licences</h2>
<p>Every dataset used in this profile, with its publisher, licence and the attribution the licence asks for.</p>
${sourcesTable(sources)}
<div class="statement">
<p><strong>${esc(OGL_STATEMENT)}</strong></p>
<p><strong>${esc(OS_ATTRIBUTION)}${esc(osYear(input.geography.attribution))}.</strong> Ward and council boundaries: Office for National
Statistics, licensed under the Open Government Licence v3.0.</p>
</div>
<p class="small muted">Produced with LAP Insight ${esc(input.appVersion)} on ${esc(formatDate(input.generatedAt))}. LAP Insight works offline; nothing in this
document was fetched from the internet. The Source Sans 3 font is used under the SIL Open Font License 1.1.</p>
</section>`;
}

/**
 * The opening of a report document up to `<main>`: the strict CSP, title, metadata, embedded fonts and the report
 * CSS (plus `extraCss`). One head for the full and the short version, so they print the same way.
 */
export function documentStart(input: ReportInput, description: string, extraCss = ''): string {
  const title = `${input.profile.area.name} \u2013 Local Area Profile`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<title>${esc(title)}</title>
<meta name="author" content="LAP Insight ${esc(input.appVersion)}">
<meta name="description" content="${esc(description)}">
<meta name="generator" content="LAP Insight ${esc(input.appVersion)}">
<style>
${fontFaces(input)}
${CSS}
${extraCss}
</style>
</head>
<body>
`;
}

export function renderReportHtml(input: ReportInput): string {
  const key = comparisonKey(input.profile, input.geography);
  return `${documentStart(input, `Local Area Profile of ${input.profile.area.name}: population, indicators by ambition compared with ${COUNCIL_NAMES[key]}, ward breakdown, methods and sources.`)}<main>
${cover(input, key)}
${summary(input, key)}
${fullProfile(input, key)}
${wardBreakdowns(input, key)}
${practicesSection(input.practices)}
${placesSection(input, mapAttribution(input))}
${notes(input, key)}
${appendix(input)}
</main>
</body>
</html>
`;
}
