/**
 * The default Local Area Profile PDF: a short document a councillor reads in ten minutes (at most 8 A4 pages for a
 * LAP). Same self-contained HTML rules as the full version (html.ts): inline CSS and SVG, embedded fonts, no scripts,
 * no external URLs, every piece of text escaped, pure (the same input gives the same bytes).
 *
 *   1. Cover: map and key facts (html.ts cover()).
 *   2. Summary: what stands out (picked: the largest significant differences, worse and better, and it says so),
 *      the population and age structure, the counts at a glance, and the legend of every comparison word with the
 *      95% and 99.8% levels.
 *   3. One page per group of ambitions (REPORT_GROUPS): the main indicators (no raw population counts) with a
 *      spine chart each. Data-driven: indicators are placed by their ambition, so new ones slot in.
 *   4. Practices and places (when places are loaded): the places section with a shorter list.
 *   5. About these figures: sources by publisher, what an estimate is, what 95% and 99.8% mean, licences.
 *
 * The full technical version (renderReportHtml in html.ts) keeps every indicator, the ward breakdowns and methods.
 */
import { COMPARISON_LEGEND, COMPARISON_RULE } from '../../shared/indicator-guide.ts';
import { AMBITIONS, type AmbitionId } from '../../shared/ambitions.ts';
import { isMainIndicator, isShortIndicator, shortOmissions } from '../../shared/main-indicators.ts';
import type { BenchmarkKey, ProfileIndicator } from '../../shared/profile.ts';
import type { Comparison } from '../../shared/stats/index.ts';
import { spineKeySvg, spineSvg } from './charts.ts';
import { esc, safeColour } from './escape.ts';
import { BENCHMARK_LABELS, decimalsFor, formatDate, formatNumber, formatValue, listJoin } from './format.ts';
import {
  ageChart,
  cmpChip,
  comparisonKey,
  COUNCIL_NAMES,
  cover,
  indicatorValueTable,
  documentStart,
  isIncomplete,
  mapAttribution,
  OGL_STATEMENT,
  OS_ATTRIBUTION,
  osYear,
  renderReportHtml,
  tags,
} from './html.ts';
import { DEFAULT_AREA_COLOUR } from './map.ts';
import { placesSection } from './places.ts';
import { pickStandouts, STANDOUT_COUNT } from './standout.ts';
import type { ReportInput, ReportSource } from './types.ts';

/**
 * The indicator pages of the short PDF: each group starts a new page; its ambitions follow in AMBITIONS order. An
 * ambition not listed here (a new one) joins the last group, so no indicator is ever dropped for want of a page.
 */
export const REPORT_GROUPS: readonly { id: string; title: string; intro: string; ambitions: readonly AmbitionId[] }[] = [
  {
    id: 'people-place',
    title: 'Who lives here: population and deprivation',
    intro: 'The people of the area, their households and homes, and how deprived the area is.',
    ambitions: ['context'],
  },
  {
    id: 'start-learn-work',
    title: 'Growing up, learning, health and work',
    intro: 'Ambitions 1 to 4: the best start in life, education, being fit and well, and employment that keeps people out of poverty.',
    ambitions: ['best-start', 'education', 'fit-well', 'employment'],
  },
  {
    id: 'home-community',
    title: 'Home, safety, community and care',
    intro: 'Ambitions 5 to 10: housing and environment, feeling safe, being connected, a fresh start, access to care, and being valued.',
    ambitions: ['housing', 'safe', 'connected', 'fresh-start', 'health-care', 'valued'],
  },
];

/** A legend word ("Best", "Not compared") as the comparison key its chip is drawn with. */
function legendKey(word: string): Comparison {
  return word.trim().toLowerCase().replace(/\s+/g, '-') as Comparison;
}

/** Places listed in the short PDF (the rest are in the full PDF, the Excel workbook and the places CSV). */
const SHORT_PLACES_LISTED = 6;

const SHORT_CSS = `
.sheet { break-before: page; page-break-before: always; }
.sum-top { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; margin-bottom: 1mm; }
.sum-top h3 { margin-top: 0; }
.picked { font-size: 8.8pt; color: #333; margin-bottom: 2mm; }
.stand-table col.s-name { width: 56%; }
.stand-table col.s-num { width: 13%; }
.stand-table td { padding-top: 0.7mm; padding-bottom: 0.7mm; }
.legend { border: 1px solid #1d3c5a; padding: 2mm 3mm 1mm; margin-top: 3mm; break-inside: avoid; page-break-inside: avoid; }
.legend h3 { margin: 0 0 1.5mm; font-size: 11pt; }
.legend dl { display: grid; grid-template-columns: 24mm 1fr; gap: 1mm 3mm; margin: 0 0 1.5mm; font-size: 8.3pt; align-items: center; }
.legend dt { margin: 0; }
.legend dd { margin: 0; }
.legend .cmp { min-width: 21mm; }
.legend p { font-size: 8.3pt; margin-bottom: 1mm; }
.group-intro { font-size: 8.8pt; color: #333; margin-bottom: 1.5mm; }
.group-key { display: flex; gap: 3mm; align-items: center; font-size: 7.8pt; color: #333; margin: 0 0 2mm; }
.group-key svg { flex: none; }
.amb { margin: 0; }
.amb h3 { font-size: 10.5pt; margin: 2.6mm 0 1mm; color: #1d3c5a; }
.amb.keep-all { break-inside: avoid; page-break-inside: avoid; }
.g-table { table-layout: fixed; margin-bottom: 1mm; }
.g-table col.g-ind { width: 41%; }
.g-table col.g-val { width: 9.5%; }
.g-table col.g-cmp { width: 12%; }
.g-table col.g-spine { width: 28%; }
.g-table th { font-size: 7.2pt; padding: 0.8mm 1mm; }
.g-table td { padding: 0.45mm 1mm; }
.g-table td.spine-cell { padding: 0.2mm 1mm; }
.g-table td.spine-cell svg { display: block; }
.g-table .ind-name { font-weight: 600; }
.g-table .ind-meta { display: inline; margin-left: 1mm; }
.g-table tbody > tr:last-child, .g-table tbody > tr:nth-last-child(2) { break-before: avoid; page-break-before: avoid; }
.g-table .cmp { min-width: 15mm; font-size: 7.2pt; padding: 0.3mm 0.8mm; }
.about-figures h3 { font-size: 11pt; margin: 3.5mm 0 1.2mm; }
.about-figures p, .about-figures li { font-size: 8.8pt; }
.pubs { list-style: none; padding: 0; margin: 0 0 2mm; }
.pubs li { margin-bottom: 1.4mm; }
.pubs .pub { font-weight: 700; }
/* the practices behind the registered-population figures, compact under the places map */
.practices-compact h3 { margin: 2.5mm 0 1mm; }
.practices-compact table td, .practices-compact table th { padding: 0.35mm 1mm; font-size: 7.8pt; }
.practices-compact .attribution { margin-top: 0.8mm; }
/* never a page holding only the end of the places list or its closing note */
.places-section .places-list tbody > tr:last-child, .places-section .places-list tbody > tr:nth-last-child(2) { break-before: avoid; page-break-before: avoid; }
.places-section > p:last-child { break-before: avoid; page-break-before: avoid; }
`;

function groupOf(ambition: AmbitionId): string {
  return (REPORT_GROUPS.find((g) => g.ambitions.includes(ambition)) ?? REPORT_GROUPS[REPORT_GROUPS.length - 1]!).id;
}

function standTable(rows: ProfileIndicator[], key: BenchmarkKey, name: string): string {
  return indicatorValueTable(rows, key, 'stand-table', name);
}

export function legendBlock(key: BenchmarkKey): string {
  const council = COUNCIL_NAMES[key];
  return `<div class="legend" aria-label="What the comparison words mean">
<h3>What the comparison words mean</h3>
<p>Each figure is compared with ${esc(council)} (the benchmark) by the method of the Office for Health Improvement and Disparities\u2019
Fingertips profiles, at two levels: 95% and 99.8%.</p>
<dl>${COMPARISON_LEGEND.map((l) => `<dt>${l.word.split('/').map((w) => cmpChip(legendKey(w))).join(' ')}</dt><dd>${esc(l.meaning)}.</dd>`).join('')}</dl>
<p>${esc(COMPARISON_RULE)}</p>
<p>The word is always printed next to the colour. \u201cSignificant\u201d is about chance, not about importance: a small gap in a large
population can be significant, and a large gap in a small one may not be.</p>
</div>`;
}

function summaryPage(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  const name = profile.area.name;
  const council = COUNCIL_NAMES[key];
  const colour = safeColour(input.colour, DEFAULT_AREA_COLOUR);
  const main = profile.indicators.filter(isMainIndicator);
  const s = pickStandouts(profile, key, STANDOUT_COUNT);
  const count = (cs: Comparison[]) => main.filter((i) => cs.includes(i.comparison)).length;
  const h = profile.headline;
  const pop = profile.headline.population ?? profile.area.population;
  const dep = profile.headline.mostDeprived20;
  const chosen = (n: number, total: number, word: string) =>
    total === 0 ? `No indicator is significantly ${word} than ${council}.` : n < total ? `The ${n} of ${total} with the largest differences.` : `All ${total}.`;
  return `<section class="summary sheet" aria-label="Summary">
<h2>Summary: what stands out in ${esc(name)}</h2>
<p class="picked">LAP Insight picked these: of the indicators that are significantly different from ${esc(council)}, the ones where
${esc(name)} differs most, measured against how much ${esc(council)}\u2019s own wards differ from each other. Nobody chose them, and
a difference that is not significant is never listed. The main indicators are on the pages that follow; the full technical version has every one.</p>
<h3>Worse than ${esc(council)}</h3>
<p class="picked">${esc(chosen(s.worse.length, s.worseTotal, 'worse'))}</p>
${s.worse.length ? standTable(s.worse, key, name) : ''}
<h3>Better than ${esc(council)}</h3>
<p class="picked">${esc(chosen(s.better.length, s.betterTotal, 'better'))}</p>
${s.better.length ? standTable(s.better, key, name) : ''}
<div class="sum-top">
  <div>
    <h3>People</h3>
    <p><strong style="font-size:14pt">${esc(formatNumber(pop, 0))}</strong> usual residents (Census 2021)${dep && dep.value !== null ? `; <strong>${esc(formatNumber(dep.value, 1))}%</strong> live in England\u2019s 20% most deprived neighbourhoods (IMD ${esc(dep.period)})` : ''}.</p>
    ${ageChart(profile, key, colour)}
  </div>
  <div>
    <h3>At a glance</h3>
    <div class="glance">
      <div><span class="n">${h.judged === undefined ? count(['worse', 'worst']) : h.significantlyWorse}</span><span class="w">significantly <strong>worse</strong></span></div>
      <div><span class="n">${h.judged === undefined ? count(['better', 'best']) : h.significantlyBetter}</span><span class="w">significantly <strong>better</strong></span></div>
      <div><span class="n">${h.judged === undefined ? count(['similar']) : main.filter((i) => i.countsInHeadline && i.comparison === 'similar').length}</span><span class="w"><strong>similar</strong></span></div>
      <div><span class="n">${count(['higher', 'lower'])}</span><span class="w"><strong>higher or lower</strong>, neither better nor worse</span></div>
    </div>
    <p class="small muted" style="margin-top:1.5mm">${
      h.summary
        ? `${esc(h.summary)} Each concept is counted once (of nested measures only the headline one). Higher or lower counts the measures with no better or worse direction.`
        : `${count(['not-compared'])} more are not compared (counts, scores and ranks, and missing or incomplete figures).`
    }</p>
  </div>
</div>
${legendBlock(key)}
</section>`;
}

/** True when every year of the period is already in the name ("Burglary (Jan-Apr 2024)", "January to April 2024"). */
function periodInName(name: string, period: string): boolean {
  const years = period.match(/\b(19|20)\d\d\b/g);
  return !!years && years.every((y) => name.includes(y));
}

/** Said once under a group's heading when any of its rows is practice-based. */
function registeredNote(rows: ProfileIndicator[]): string {
  const pb = rows.find((r) => r.practiceBased);
  if (!pb?.practiceBased) return '';
  return `<p class="group-intro">Rows marked <span class="tag">registered patients</span> are for ${esc(pb.practiceBased.label)} (listed on the places page), not for the residents of the area.</p>`;
}

function groupRow(ind: ProfileIndicator, key: BenchmarkKey, showEngland: boolean): string {
  const decimals = decimalsFor(ind, ind.spine?.benchmark ?? ind.value);
  const spine = spineSvg(ind.spine, ind.value, ind.comparison, 150, 13, decimals);
  const value = !ind.wardLevel ? '<span class="muted">council only</span>' : esc(formatValue(ind, ind.value));
  // The registered-population label is said once per page (registeredNote) and marked on each row in two words.
  const t = tags(ind.practiceBased ? { ...ind, practiceBased: undefined } : ind);
  const mark = ind.practiceBased ? ' <span class="tag">registered patients</span>' : '';
  const name = ind.shortName || ind.name;
  const cells = [`<td class="num">${value}</td>`, `<td class="num">${esc(formatValue(ind, ind.benchmarks[key].value))}</td>`];
  if (showEngland) cells.push(`<td class="num">${esc(formatValue(ind, ind.benchmarks.england.value))}</td>`);
  return (
    `<tr><td><span class="ind-name">${esc(name)}</span><span class="ind-meta">${periodInName(name, ind.period) ? '' : esc(ind.period)}${mark}${t ? ` ${t}` : ''}</span></td>` +
    `${cells.join('')}<td>${cmpChip(!ind.wardLevel || isIncomplete(ind) ? 'not-compared' : ind.comparison)}</td><td class="spine-cell">${spine}</td></tr>`
  );
}

function groupTable(rows: ProfileIndicator[], key: BenchmarkKey, areaName: string, caption: string): string {
  const showEngland = key !== 'england';
  return (
    `<table class="g-table"><caption style="position:absolute;left:-9999px">${esc(caption)}</caption><colgroup><col class="g-ind"><col class="g-val"><col class="g-val">${showEngland ? '<col class="g-val">' : ''}<col class="g-cmp"><col class="g-spine"></colgroup>` +
    `<thead><tr><th scope="col">Indicator</th><th scope="col" class="num">${esc(areaName.length > 14 ? 'This area' : areaName)}</th><th scope="col" class="num">${esc(BENCHMARK_LABELS[key])}</th>` +
    `${showEngland ? '<th scope="col" class="num">England</th>' : ''}<th scope="col">Compared</th><th scope="col">Spread of ${esc(BENCHMARK_LABELS[key] === 'England' ? 'council' : BENCHMARK_LABELS[key])} wards <span class="nowrap">(\u2190 worse \u00b7 better \u2192)</span></th></tr></thead>` +
    `<tbody>${rows.map((r) => groupRow(r, key, showEngland)).join('')}</tbody></table>`
  );
}

function groupPages(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  const main = profile.indicators.filter(isShortIndicator);
  return REPORT_GROUPS.map((g) => {
    const ambitions = AMBITIONS.filter((a) => groupOf(a.id) === g.id)
      .map((a) => ({ a, rows: main.filter((i) => i.ambition === a.id) }))
      .filter((x) => x.rows.length > 0);
    if (ambitions.length === 0) return '';
    const blocks = ambitions
      .map(({ a, rows }) => {
        const heading = a.number === 0 ? esc(a.title) : `Ambition ${a.number}: ${esc(a.title)}`;
        // A short ambition stays whole; a long one may run on, but never leaves fewer than three rows on either side.
        return `<div class="amb${rows.length <= 14 ? ' keep-all' : ''}"><h3>${heading}</h3>${groupTable(rows, key, profile.area.name, a.title)}</div>`;
      })
      .join('\n');
    return `<section class="group sheet" aria-label="${esc(g.title)}">
<h2>${esc(g.title)}</h2>
<p class="group-intro">${esc(g.intro)} Compared with ${esc(COUNCIL_NAMES[key])}.</p>
${registeredNote(ambitions.flatMap((x) => x.rows))}
<div class="group-key">${spineKeySvg()}<span>Spine chart: all ${esc(BENCHMARK_LABELS[key] === 'England' ? 'council' : BENCHMARK_LABELS[key])} wards (light grey), the middle half of them (dark grey),
${esc(COUNCIL_NAMES[key])} (black line) and ${esc(profile.area.name)} (circle, coloured by the comparison). Better is to the right; where neither is better, higher is to the right.</span></div>
${blocks}
</section>`;
  }).join('\n');
}

/** "Office for National Statistics: Census 2021 ...; mid-2020 ..." grouped by publisher. */
function sourcesByPublisher(sources: ReportSource[]): string {
  const by = new Map<string, ReportSource[]>();
  for (const s of sources) {
    const p = s.publisher || 'Other sources';
    if (!by.has(p)) by.set(p, []);
    by.get(p)!.push(s);
  }
  return `<ul class="pubs">${[...by.entries()]
    .map(
      ([publisher, list]) =>
        `<li><span class="pub">${esc(publisher)}</span> (${esc(listJoin([...new Set(list.map((s) => s.licence))]))}): ` +
        `${list.map((s) => `${esc(s.name)}${s.period ? ` (${esc(s.period)})` : ''}`).join('; ')}.</li>`,
    )
    .join('')}</ul>`;
}

function aboutPage(input: ReportInput, key: BenchmarkKey): string {
  const { profile } = input;
  const sources = input.sources ?? profile.sources;
  const estimates = profile.indicators.filter((i) => isMainIndicator(i) && i.estimate && i.value !== null).length;
  const extra = input.basemapAttribution ? `<p><strong>${esc(input.basemapAttribution)}</strong></p>` : '';
  return `<section class="about-figures sheet" aria-label="About these figures">
<h2>About these figures</h2>
<h3>Where they come from</h3>
${sourcesByPublisher(sources)}
<h3>What an estimate is</h3>
<p>Most data are published for small areas (Output Areas, LSOAs, MSOAs), not for wards. A ward\u2019s figure is built by adding up the
small areas that best fit inside it, and a group of wards by adding up its wards: numerators and denominators are summed first and the
figure is calculated once. The small areas do not follow ward boundaries exactly, so these figures are close to, but not exactly, what the
true boundaries would give. ${estimates} figures in this profile are marked <em>estimate</em>.</p>
<h3>What 95% and 99.8% mean</h3>
<p>Every rate and percentage has a confidence interval: the range the true value probably lies in, given the numbers behind it (Wilson\u2019s
method for percentages; exact or Byar\u2019s method for rates, as in PHEindicatormethods). A 95% interval would contain the true value 19 times
in 20; a 99.8% interval 499 times in 500. ${esc(profile.area.name)} is <strong>Better</strong> or <strong>Worse</strong> than
${esc(COUNCIL_NAMES[key])} when the council\u2019s value lies outside its 95% interval, and <strong>Best</strong> or <strong>Worst</strong>
when it lies outside the 99.8% interval too. Inside the 95% interval it is <strong>Similar</strong>.</p>
<h3>Missing, incomplete and small numbers</h3>
<p>Missing is never treated as zero: if any ward has no value, the group has no figure and it is not compared. Counts of 1 to 7 from
record-level data are shown as \u201c&lt;8\u201d so no one can be identified; rates are still calculated from the true counts. Raw population
counts by age band are left out of this short version. ${esc(shortOmissions(profile.indicators) ?? '')} The full technical version of this
profile lists every indicator with its interval and count, the ward-by-ward breakdowns and the methods in full.</p>
<h3>Licences</h3>
<p><strong>${esc(OGL_STATEMENT)}</strong> <strong>${esc(OS_ATTRIBUTION)}${esc(osYear(input.geography.attribution))}.</strong> Ward and council
boundaries: Office for National Statistics, Open Government Licence v3.0.</p>
${extra}
<p class="small muted">Produced with LAP Insight ${esc(input.appVersion)} on ${esc(formatDate(input.generatedAt))}. Nothing in this document
was fetched from the internet. The Source Sans 3 font is used under the SIL Open Font License 1.1.</p>
</section>`;
}

export function renderShortReportHtml(input: ReportInput): string {
  const key = comparisonKey(input.profile, input.geography);
  const places = placesSection(input, mapAttribution(input), { maxListed: SHORT_PLACES_LISTED, short: true });
  const description = `Local Area Profile of ${input.profile.area.name}: what stands out, the main indicators by ambition compared with ${COUNCIL_NAMES[key]}, places, and about the figures.`;
  return `${documentStart(input, description, SHORT_CSS)}<main>
${cover(input, key, true)}
${summaryPage(input, key)}
${groupPages(input, key)}
${places}
${aboutPage(input, key)}
</main>
</body>
</html>
`;
}

/** The PDF's HTML: the short document by default, the full technical version when input.full. */
export function renderProfileDocument(input: ReportInput): string {
  return input.full ? renderReportHtml(input) : renderShortReportHtml(input);
}
