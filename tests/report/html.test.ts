/**
 * The report HTML without a browser: it is self-contained (no scripts, no external URLs, fonts embedded), escapes
 * everything, applies disclosure control, and its parts (format, markdown, map, charts) behave.
 */
import { describe, expect, it } from 'vitest';
import type { ProfileIndicator } from '../../shared/profile.ts';
import { COMPARISON_COLOURS, type Comparison } from '../../shared/stats/index.ts';
import { spineScale, spineSvg } from '../../backend/report/charts.ts';
import { esc, safeColour } from '../../backend/report/escape.ts';
import { contrastRatio, formatCount, formatCounts, formatInterval, formatValue, textColourOn } from '../../backend/report/format.ts';
import { benchmarkTableNote, comparisonKey, OGL_STATEMENT, OS_ATTRIBUTION, renderReportHtml } from '../../backend/report/html.ts';
import { renderMapHtml } from '../../backend/report/map-page.ts';
import { groupOutline, neighbouringWards, renderLapMaps, wrapName } from '../../backend/report/map.ts';
import { inline, markdownToHtml, slug } from '../../backend/report/markdown.ts';
import { fixtureInput, loadGeography } from './helpers.ts';

const N4 = ['E05013239', 'E05013246', 'E05013247', 'E05013264'];

describe('renderReportHtml (synthetic N4 fixture)', () => {
  const input = fixtureInput();
  const html = renderReportHtml(input);

  it('is one self-contained document: no scripts, no external URLs, fonts embedded, a strict CSP', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:|file:|\/\/)/i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:|file:|\/\/)/i);
    expect(html).toMatch(/@font-face\{font-family:'Source Sans 3';[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`);
  });

  it('has the cover, summary, full profile by ambition, ward breakdown, notes, methods and sources', () => {
    for (const ward of ['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George']) expect(html).toContain(ward);
    expect(html).toContain('Ambition 1: The best start in life');
    expect(html).toContain('Ambition 3: Opportunity to be fit, well and independent');
    expect(html).toContain('Context and deprivation');
    expect(html).toContain('Ward breakdown of the pinned indicators');
    expect(html).toContain('Appendix A: Methods');
    expect(html).toContain('Combining wards: add up first, calculate once');
    expect(html).toContain(OGL_STATEMENT);
    expect(html).toContain(OS_ATTRIBUTION);
    expect(html).toContain('council level only');
    expect(html).toContain('incomplete (3 of 4 wards)');
    for (const word of ['Better', 'Similar', 'Worse', 'Higher', 'Lower', 'Not compared']) expect(html).toContain(`>${word}</span>`);
    // Two vector maps on the cover, and a spine chart per compared row.
    expect(html).toContain('aria-label="Map of N4 and its neighbouring wards"');
    expect(html).toContain('aria-label="Where N4 lies in West Northamptonshire"');
    expect((html.match(/<svg class="spine"/g) ?? []).length).toBeGreaterThan(50);
  });

  it('is deterministic', () => {
    expect(renderReportHtml(fixtureInput())).toBe(html);
  });

  it('shows disclosure-controlled counts of 1-7 as <8, never the count', () => {
    const row = html.split('<tr>').find((r) => r.includes('Hospital admissions for self-harm, aged 10-24'))!;
    expect(row).toContain('&lt;8 / 7,160');
    expect(row).not.toMatch(/>3 \//);
    expect(row).not.toMatch(/>3</);
  });

  it('prints a LAP called <b>&"x\' literally (escaped everywhere), and a <script> name too', () => {
    const f = fixtureInput();
    const evil = `<b>&"x'`;
    const out = renderReportHtml({ ...f, profile: { ...f.profile, area: { ...f.profile.area, name: evil } } });
    expect(out).toContain('&lt;b&gt;&amp;&quot;x&#39;');
    expect(out).not.toContain(evil);
    expect(out).not.toContain('<b>&');
    const scripted = renderReportHtml({ ...f, profile: { ...f.profile, area: { ...f.profile.area, name: '<script>alert(1)</script>' } } });
    expect(scripted).not.toMatch(/<script/i);
    expect(scripted).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes indicator names, notes and source text, and refuses odd colours', () => {
    const f = fixtureInput();
    const ind = { ...f.profile.indicators[0]!, name: '<img src=x>', note: '"quoted" & <i>' };
    const out = renderReportHtml({ ...f, colour: 'red;background:url(http://x)', profile: { ...f.profile, indicators: [ind, ...f.profile.indicators.slice(1)] } });
    expect(out).toContain('&lt;img src=x&gt;');
    expect(out).not.toContain('<img src=x>');
    expect(out).not.toContain('url(http://x)');
    expect(safeColour('#ABCDEF', '#000000')).toBe('#abcdef');
    expect(safeColour('red', '#000000')).toBe('#000000');
    expect(esc(`<>&"'\u0007`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('prints no app instructions when the LAP has no pinned indicators', () => {
    const out = renderReportHtml(fixtureInput({ pins: [], wardBreakdowns: [] }));
    expect(out).not.toMatch(/No indicators are pinned|open the profile|pin up to five/);
    expect(out).not.toContain('Pinned indicators');
    expect(out).not.toContain('Ward breakdown of the pinned indicators');
  });

  it('compares a whole council with England when the benchmark is "own"', () => {
    const f = fixtureInput();
    expect(comparisonKey(f.profile, f.geography)).toBe('west');
    expect(comparisonKey({ ...f.profile, area: { ...f.profile.area, kind: 'council' } })).toBe('england');
    expect(comparisonKey({ ...f.profile, benchmark: 'north' })).toBe('north');
  });
});

describe('formatting', () => {
  const pct = { valueType: 'proportion', unit: '% of households', disclosureControlled: false } as ProfileIndicator;
  const rate = { valueType: 'dsr', unit: 'per 100,000', disclosureControlled: true } as ProfileIndicator;
  const count = { valueType: 'count', unit: 'people', disclosureControlled: true } as ProfileIndicator;

  it('writes values, intervals and counts plainly', () => {
    expect(formatValue(pct, 9.0812)).toBe('9.1%');
    expect(formatValue(rate, 1103.24)).toBe('1,103.2');
    expect(formatValue(pct, null)).toBe('\u2013');
    expect(formatInterval(pct, { lower: 8.71, upper: 9.44 })).toBe('8.7 to 9.4');
    expect(formatValue(count, 5)).toBe('<8');
    expect(formatValue(count, 62807)).toBe('62,807');
  });

  it('applies disclosure control to counts 1-7 only, and only where required', () => {
    expect([0, 1, 3, 7, 8, 12].map((n) => formatCount(n, true))).toEqual(['0', '<8', '<8', '<8', '8', '12']);
    expect(formatCount(3, false)).toBe('3');
    expect(formatCount(null, true)).toBe('\u2013');
    expect(formatCounts({ disclosureControlled: true, valueType: 'crude-rate' }, 3, 7160)).toBe('<8 / 7,160');
  });

  it('prints every comparison word on a colour with enough contrast (WCAG AA, 4.5:1)', () => {
    for (const c of Object.keys(COMPARISON_COLOURS) as Comparison[]) {
      const bg = COMPARISON_COLOURS[c];
      expect(contrastRatio(bg, textColourOn(bg)), c).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps only the England and Wales figure from benchmark notes', () => {
    expect(benchmarkTableNote('No England value in the source; England and Wales: 5.2%')).toBe('E&W 5.2%');
    expect(benchmarkTableNote('sum of small-area counts: 238 LSOA21')).toBeNull();
    expect(benchmarkTableNote(undefined)).toBeNull();
  });
});

describe('markdown (the methods appendix)', () => {
  it('renders headings, paragraphs, lists with continuation lines, tables, quotes and inline marks', () => {
    const md = [
      '# Methods',
      '',
      'A *first* paragraph with **bold**, `code` and a [link](#two-parts).',
      'It continues here.',
      '',
      '## Two parts',
      '',
      '- one item',
      '  continued',
      '- two',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | <x> |',
      '',
      '> x = y',
    ].join('\n');
    // Whitespace between tags does not change what prints.
    const html = markdownToHtml(md, { headingShift: 1, idPrefix: 'm-' }).replace(/>\s+</g, '><');
    expect(html).toContain('<h2 id="m-methods">Methods</h2>');
    expect(html).toContain('<h3 id="m-two-parts">Two parts</h3>');
    expect(html).toContain('<p>A <em>first</em> paragraph with <strong>bold</strong>, <code>code</code> and a <a href="#m-two-parts">link</a>. It continues here.</p>');
    expect(html).toContain('<ul><li>one item continued</li><li>two</li></ul>');
    expect(html).toContain('<td>&lt;x&gt;</td>');
    expect(html).toContain('<blockquote>x = y</blockquote>');
  });

  it('escapes raw HTML and prints external links as text', () => {
    expect(inline('<script>x</script> [site](https://example.org)')).toBe('&lt;script&gt;x&lt;/script&gt; site (https://example.org)');
    expect(inline('O_i and w_i stay as they are')).toBe('O_i and w_i stay as they are');
    expect(slug("Where LAP Insight differs from PHE tools")).toBe('where-lap-insight-differs-from-phe-tools');
  });

  it('draws no images, runs no raw HTML and links nowhere outside the document', () => {
    const html = markdownToHtml(
      ['<div onclick="x()">block</div>', '', '![map](https://example.org/m.png) [go](javascript:alert(1)) <https://example.org>'].join('\n'),
    );
    expect(html).not.toMatch(/<(div|img|script)\b/);
    expect(html).toContain('&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;');
    expect(html).not.toContain('<a ');
    expect(html).toContain('!map (https://example.org/m.png) [go](javascript:alert(1)) https://example.org</p>');
  });
});

describe('map', () => {
  const geo = loadGeography();

  it('finds the neighbouring wards and draws the outline of N4 as lines', () => {
    const members = geo.wards.features.filter((w) => N4.includes(w.properties.code));
    const outline = groupOutline(members);
    expect(outline.coordinates.length).toBeGreaterThan(0);
    const names = neighbouringWards(geo.wards.features, new Set(N4)).map((w) => w.properties.name);
    expect(names).toEqual(expect.arrayContaining(['Kingsthorpe South', 'Headlands', 'Delapre and Rushmere', 'Duston East']));
    expect(names).not.toContain('Castle');
  });

  it('draws both maps with every member ward named and the council fitted', () => {
    const m = renderLapMaps(geo, { wardCodes: N4, name: 'N4', colour: '#1b9e77' });
    for (const name of ['Castle', 'St. George', 'Dallington', 'Abington and']) expect(m.detailSvg).toContain(name);
    expect(m.detailSvg).toMatch(/<path class="ward member" d="M[\d.]+/);
    expect(m.locatorSvg).toContain('West Northamptonshire');
    expect(m.detailSvg).not.toContain('NaN');
    expect(m.locatorSvg).not.toContain('NaN');
    expect(m.councils).toEqual([{ code: 'E06000062', name: 'West Northamptonshire' }]);
  });

  it('says so when there are no wards, and wraps long names', () => {
    const m = renderLapMaps(geo, { wardCodes: [], name: 'Empty' });
    expect(m.detailSvg).toContain('This area has no wards to map.');
    expect(wrapName('Duston West and St. Crispin')).toEqual(['Duston West and', 'St. Crispin']);
    expect(wrapName('Castle')).toEqual(['Castle']);
  });

  it('lays the map picture out at A5 with the attribution', () => {
    const page = renderMapHtml(fixtureInput());
    expect(page).toContain(OS_ATTRIBUTION);
    expect(page).not.toMatch(/<script/i);
  });
});

describe('spine chart', () => {
  const spine = { min: 2, q25: 4, median: 5, q75: 6, max: 10, count: 31, benchmark: 5, higherIsBetter: false };

  it('puts the benchmark in the middle and better on the right', () => {
    const x = spineScale(spine, 3, 100);
    expect(x(5)).toBe(50);
    expect(x(2)).toBeGreaterThan(50); // lower is better: low values on the right
    expect(spineScale({ ...spine, higherIsBetter: true }, 3, 100)(2)).toBeLessThan(50);
    const svg = spineSvg(spine, 3, 'better');
    expect(svg).toContain(`fill="${COMPARISON_COLOURS.better}"`);
    expect(svg).toContain('aria-label="Range of 31 wards');
    expect(spineSvg(null, 3, 'better')).toBe('');
  });
});
