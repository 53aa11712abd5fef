/**
 * End-to-end: the Local Area Profile in the built renderer, in Chromium, against the real backend (preview
 * transport), offline. Opens N4's profile and checks it against the backend's own answers (population = the sum
 * of its wards, comparisons for each benchmark), expands an indicator (definition, source, the four wards), pins
 * one (kept after a reload), colours the map by an indicator (57 wards, classes, legend, significance, N4 on top),
 * compares with DSN4 and exports a PDF.
 *
 *   npm run build:renderer && npx vitest run --config vitest.e2e.config.ts
 *
 * Screenshots: test-results/profile-n4.png, profile-choropleth.png and profile-significance.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Lap } from '../../shared/contract/laps.ts';
import { AMBITIONS } from '../../shared/ambitions.ts';
import { COMPARISON_LABELS } from '../../shared/stats/index.ts';
import { mapIdle, RESULTS_DIR, startHarness, type Harness } from './helpers.ts';

const WEST_SET = 'West Northamptonshire LAPs';
/** A ward-level indicator with 95% intervals, compared with the council (Census 2021, education). */
const NO_QUALS = 'census21_no_qualifications';
const WARD_COUNT = 57;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });
const people = new Intl.NumberFormat('en-GB');

let h: Harness;
let page: Page;
let n4: Lap;
let dsn4: Lap;

async function lapNamed(name: string): Promise<Lap> {
  const set = (await h.backend.handlers['lapSets.list']({})).find((s) => s.name === WEST_SET)!;
  const lap = (await h.backend.handlers['laps.list']({ setId: set.id })).find((l) => l.name === name);
  if (!lap) throw new Error(`no LAP ${name}`);
  return lap;
}

/** The row of an indicator in its ambition's section (the same indicator may also be in the Top 5). */
const row = (ambition: string, id: string) => page.locator(`[data-ambition="${ambition}"] li[data-indicator-id="${id}"]`);

/** Every indicator row shown in the ambition sections, with its comparison as drawn. */
async function shownComparisons(): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const li of document.querySelectorAll('[data-ambition] li[data-indicator-id]')) {
      const chip = li.querySelector('.indicator-comparison [data-comparison]');
      out[li.getAttribute('data-indicator-id')!] = chip?.getAttribute('data-comparison') ?? '';
    }
    return out;
  });
}

/** Opens the profile's "Export ▾" menu and picks an export. */
async function exportAs(item: string): Promise<void> {
  await page.getByTestId('export-menu-button').click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function screenshot(name: string): Promise<void> {
  await mapIdle(page);
  await page.mouse.move(2, 790);
  await page.screenshot({ path: path.join(RESULTS_DIR, name) });
}

describe('Local Area Profile (built renderer, preview transport, Chromium, offline)', () => {
  beforeAll(async () => {
    h = await startHarness('lap-profile-e2e-');
    // The ward-click steps need the map free of place markers: the built-in ODS list (issue 15) is hidden, as a user can.
    h.backend.db.prepare(`INSERT INTO meta (key, value) VALUES ('places.builtin_hidden', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`).run();
    h.backend.db.prepare(`DELETE FROM place_list WHERE builtin = 1`).run();
    ({ page } = await h.openPage());
    await mapIdle(page);
    n4 = await lapNamed('N4');
    dsn4 = await lapNamed('DSN4');
  });

  afterAll(async () => {
    await h?.close();
  });

  it("opens N4's profile: population is the sum of its wards, comparisons in words, ambitions, and the benchmark switch", async () => {
    await page.getByRole('tab', { name: 'Profile' }).click();
    // Nothing chosen yet on a fresh start: a plain prompt.
    await poll(() => page.getByTestId('profile-empty').textContent()).toContain('Choose a LAP to see its profile');

    await page.getByLabel('LAP to profile').selectOption(String(n4.id));
    await poll(() => page.getByTestId('profile-name').textContent()).toBe('N4');

    // Population: the four wards' Census 2021 residents summed, as the backend gives them.
    const lap = await h.backend.handlers['laps.get']({ id: n4.id });
    expect(lap.wards).toHaveLength(4);
    const sum = lap.wards.reduce((s, w) => s + (w.population ?? NaN), 0);
    const profile = await h.backend.handlers['profile.get']({ area: { kind: 'lap', id: n4.id }, benchmark: 'own' });
    expect(profile.headline.population).toBe(sum);
    const wardProfiles = await Promise.all(lap.wards.map((w) => h.backend.handlers['profile.get']({ area: { kind: 'ward', code: w.code }, benchmark: 'own' })));
    expect(wardProfiles.reduce((s, p) => s + (p.headline.population ?? NaN), 0)).toBe(sum);
    expect(await page.getByTestId('profile-population').textContent()).toBe(people.format(sum));
    expect(people.format(sum)).toBe('62,807');

    // Headline counts of significantly worse and better indicators, as the backend counts them.
    expect(await page.getByTestId('profile-worse').textContent()).toBe(`${profile.headline.significantlyWorse}worse (significantly)`);
    expect(await page.getByTestId('profile-better').textContent()).toBe(`${profile.headline.significantlyBetter}better (significantly)`);

    // Comparisons are printed as words (colour is never the only cue).
    const words = await page.locator('.indicator-comparison .comparison-chip').allTextContents();
    expect(words.some((w) => w === 'Worse' || w === 'Worst')).toBe(true);
    for (const w of words) expect(Object.values(COMPARISON_LABELS)).toContain(w);

    // A section per ambition, in profile order, with those holding indicators open (context is held back).
    const sections = await page.locator('[data-ambition]').evaluateAll((els) => els.map((e) => e.getAttribute('data-ambition')));
    expect(sections).toEqual(AMBITIONS.map((a) => a.id));
    for (const a of AMBITIONS.filter((x) => x.id !== 'context' && profile.indicators.some((i) => i.ambition === x.id))) {
      expect(await page.locator(`[data-ambition="${a.id}"] li[data-indicator-id]`).count()).toBeGreaterThan(0);
    }

    // Every comparison shown matches the backend's profile for the own council...
    const own = await shownComparisons();
    expect(Object.keys(own).length).toBeGreaterThan(10);
    const byId = new Map(profile.indicators.map((i) => [i.id, i]));
    for (const [id, c] of Object.entries(own)) expect(c, id).toBe(byId.get(id)!.comparison);

    // ...and, after switching to England, the backend's profile for England.
    await page.getByTestId('benchmark').getByRole('radio', { name: 'England' }).check();
    const england = await h.backend.handlers['profile.get']({ area: { kind: 'lap', id: n4.id }, benchmark: 'england' });
    const englandById = new Map(england.indicators.map((i) => [i.id, i.comparison]));
    await poll(async () => {
      const shown = await shownComparisons();
      return Object.entries(shown).every(([id, c]) => c === englandById.get(id));
    }).toBe(true);
    const changed = Object.keys(own).filter((id) => own[id] !== englandById.get(id));
    expect(changed.length).toBeGreaterThan(0);
    expect(await page.getByTestId('profile-worse').textContent()).toBe(`${england.headline.significantlyWorse}worse (significantly)`);
    expect(await page.locator('.tile-counts .tile-label').textContent()).toBe('Significantly different from England');

    // Back to the own council for the rest.
    await page.getByTestId('benchmark').getByRole('radio', { name: 'Own council' }).check();
    await poll(async () => (await shownComparisons())[NO_QUALS]).toBe(byId.get(NO_QUALS)!.comparison);
    await page.getByTestId('profile-panel').evaluate((el) => el.scrollTo(0, 0));
    await screenshot('profile-n4.png');
  });

  it('expands an indicator: definition, method and source, the benchmarks, and the four wards of N4', async () => {
    const profile = await h.backend.handlers['profile.get']({ area: { kind: 'lap', id: n4.id }, benchmark: 'own' });
    const ind = profile.indicators.find((i) => i.id === NO_QUALS)!;
    const disclosure = row('education', NO_QUALS).locator('.indicator-name button');
    expect(await disclosure.getAttribute('aria-expanded')).toBe('false');
    // From the keyboard: focus the disclosure button and press Enter.
    await disclosure.focus();
    await page.keyboard.press('Enter');
    expect(await disclosure.getAttribute('aria-expanded')).toBe('true');

    const details = row('education', NO_QUALS).getByTestId('indicator-details');
    expect(await details.getByTestId('indicator-definition').textContent()).toBe(ind.definition);
    expect(await details.getByTestId('indicator-source').textContent()).toContain(ind.source.publisher);
    expect(await details.getByTestId('indicator-source').textContent()).toContain(ind.source.licence);

    // Value with its interval, and the count with its denominator.
    const value = await row('education', NO_QUALS).getByTestId('indicator-value').textContent();
    expect(value).toBe(`${ind.value!.toFixed(1)}%`);

    // The ward breakdown: N4's four wards, each with the backend's comparison.
    const breakdown = await h.backend.handlers['profile.wardBreakdown']({ area: { kind: 'lap', id: n4.id }, indicatorId: NO_QUALS, benchmark: 'own' });
    const table = details.getByTestId('ward-breakdown');
    await poll(() => table.locator('tr[data-ward-code]').count()).toBe(4);
    const codes = await table.locator('tr[data-ward-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ward-code')));
    expect([...codes].sort()).toEqual(n4.wards.map((w) => w.code).sort());
    for (const w of breakdown.wards) {
      const tr = table.locator(`tr[data-ward-code="${w.code}"]`);
      expect(await tr.locator('th').textContent()).toContain(w.name);
      expect(await tr.locator('[data-comparison]').getAttribute('data-comparison')).toBe(w.comparison);
    }
    // The chart has a text alternative.
    expect(await table.locator('svg.bar-chart').getAttribute('aria-label')).toContain('the table below gives the same values');
  });

  it('pins an indicator to the Top 5: saved with the LAP, and still there after a reload', async () => {
    const top = page.getByTestId('top-five');
    expect(await top.locator('li[data-indicator-id]').count()).toBe(0);
    await row('education', NO_QUALS).getByRole('button', { name: /^Pin .* to the top 5$/ }).click();
    await poll(() => top.locator(`li[data-indicator-id="${NO_QUALS}"]`).count()).toBe(1);
    await poll(async () => (await h.backend.handlers['laps.pins.get']({ lapId: n4.id })).pins.map((p) => p.id)).toEqual([NO_QUALS]);
    expect(await row('education', NO_QUALS).locator('.pin-button').getAttribute('aria-pressed')).toBe('true');
    // It can be undone like every other edit.
    await poll(() => page.getByRole('button', { name: /^Undo pin / }).count()).toBe(1);

    await page.reload();
    await mapIdle(page);
    expect(await page.getByRole('tab', { name: 'Profile' }).getAttribute('aria-selected')).toBe('true');
    await poll(() => page.getByTestId('profile-name').textContent()).toBe('N4');
    await poll(() => page.getByTestId('top-five').locator(`li[data-indicator-id="${NO_QUALS}"]`).count()).toBe(1);
  });

  it('colours the map by an indicator: 57 wards in classes, a legend with bounds and period, significance in words, N4 on top', async () => {
    const disclosure = row('education', NO_QUALS).locator('.indicator-name button');
    if ((await disclosure.getAttribute('aria-expanded')) !== 'true') await disclosure.click();
    await row('education', NO_QUALS).getByRole('button', { name: 'Show on map' }).click();
    const legend = page.getByTestId('choropleth-legend');
    await legend.waitFor();

    const values = await h.backend.handlers['profile.choropleth']({ indicatorId: NO_QUALS, method: 'quintiles', mode: 'values', benchmark: 'own' });
    expect(values.classes.length).toBe(5);
    await poll(() => legend.getByTestId('legend-bounds').count()).toBe(values.classes.length);
    expect(await legend.getByTestId('legend-period').textContent()).toContain(values.period!);
    const bounds = await legend.getByTestId('legend-bounds').allTextContents();
    for (const c of values.classes) expect(bounds).toContain(`${c.lower.toFixed(1)}% to ${c.upper.toFixed(1)}%`);
    // The normal council key gives way to the choropleth's.
    expect(await page.locator('.map-area > .map-legend:not(.profile-map-legend)').isVisible()).toBe(false);

    await mapIdle(page);
    const drawn = await page.evaluate(() => {
      const map = window.__lapMap!.map;
      const fill = map.queryRenderedFeatures({ layers: ['choropleth-fill'] });
      const byCode = new Map(fill.map((f) => [String(f.properties.code), { key: String(f.properties.key), colour: String(f.properties.colour) }]));
      const layers = map.getStyle().layers.map((l) => l.id);
      return {
        codes: [...byCode.keys()],
        keys: Object.fromEntries([...byCode].map(([c, v]) => [c, v.key])),
        colours: new Set([...byCode.values()].map((v) => v.colour)).size,
        paint: map.getPaintProperty('choropleth-fill', 'fill-color'),
        outline: map.queryRenderedFeatures({ layers: ['profile-area-line'] }).length,
        fillIndex: layers.indexOf('choropleth-fill'),
        outlineIndex: layers.indexOf('profile-area-line'),
        selectedIndex: layers.indexOf('ward-selected-line'),
      };
    });
    expect(new Set(drawn.codes).size).toBe(WARD_COUNT);
    // Data-driven: each ward carries its class from the backend, and the fill reads the feature's colour.
    for (const w of values.wards) expect(drawn.keys[w.code], w.code).toBe(w.class === null ? '' : String(w.class));
    expect(JSON.stringify(drawn.paint)).toContain('"get","colour"');
    expect(drawn.colours).toBe(5);
    // N4's outline is drawn, above the choropleth and every other line.
    expect(drawn.outline).toBeGreaterThan(0);
    expect(drawn.outlineIndex).toBeGreaterThan(drawn.fillIndex);
    expect(drawn.outlineIndex).toBeGreaterThan(drawn.selectedIndex);

    // A click on a ward shows its value, interval and class.
    const castle = values.wards.find((w) => w.code === 'E05013246')!;
    const point = await page.evaluate(() => {
      const map = window.__lapMap!.map;
      const label = map.querySourceFeatures('ward-labels').find((f) => f.properties.code === 'E05013246')!;
      const p = map.project(label.geometry.type === 'Point' ? (label.geometry.coordinates as [number, number]) : [0, 0]);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    const popup = page.getByTestId('ward-popup');
    await popup.waitFor();
    expect(await popup.textContent()).toContain('Castle');
    expect(await popup.textContent()).toContain(`${castle.value!.toFixed(1)}%`);
    await poll(() => popup.textContent()).toMatch(/95% interval: \d+\.\d to \d+\.\d/);
    expect(await popup.textContent()).toContain(`Class ${castle.class} of 5`);
    await page.locator('.ward-popup .maplibregl-popup-close-button').click();
    await poll(() => popup.count()).toBe(0);
    // The picture: the mapped indicator's row at the top of the panel, the map coloured beside it.
    await row('education', NO_QUALS).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot('profile-choropleth.png');

    // Significance: wards coloured by their comparison with their own council, named in words in the legend.
    await legend.getByRole('radio', { name: 'Significance' }).check();
    const sig = await h.backend.handlers['profile.choropleth']({ indicatorId: NO_QUALS, method: 'quintiles', mode: 'significance', benchmark: 'own' });
    // The values legend can have as many items as the significance one: wait for the significance words themselves.
    await poll(async () => {
      const shown = await legend.locator('.legend-items .legend-label').allTextContents();
      return sig.legend.items.every((item) => shown.includes(item.label));
    }).toBe(true);
    await poll(() => legend.locator('.legend-items li').count()).toBe(sig.legend.items.length + (sig.wards.some((w) => w.value === null) ? 1 : 0));
    const labels = await legend.locator('.legend-items .legend-label').allTextContents();
    for (const item of sig.legend.items) expect(labels).toContain(item.label);
    expect(labels.some((l) => ['Worse', 'Better', 'Worst', 'Best', 'Similar'].includes(l))).toBe(true);
    await mapIdle(page);
    const sigKeys = await page.evaluate(() =>
      Object.fromEntries(window.__lapMap!.map.queryRenderedFeatures({ layers: ['choropleth-fill'] }).map((f) => [String(f.properties.code), String(f.properties.key)])),
    );
    for (const w of sig.wards) expect(sigKeys[w.code], w.code).toBe(w.value === null ? '' : w.comparison);
    expect(await page.evaluate(() => window.__lapMap!.map.queryRenderedFeatures({ layers: ['profile-area-line'] }).length)).toBeGreaterThan(0);
    await screenshot('profile-significance.png');

    // Natural breaks, then back to the normal map.
    await legend.getByRole('radio', { name: 'Values' }).check();
    await legend.getByRole('radio', { name: 'Natural breaks' }).check();
    const jenks = await h.backend.handlers['profile.choropleth']({ indicatorId: NO_QUALS, method: 'natural-breaks', mode: 'values', benchmark: 'own' });
    await poll(async () => (await legend.getByTestId('legend-bounds').allTextContents()).join('|')).toBe(
      [...jenks.classes].reverse().map((c) => `${c.lower.toFixed(1)}% to ${c.upper.toFixed(1)}%`).join('|'),
    );
    await legend.getByRole('button', { name: 'Hide map colours' }).click();
    await legend.waitFor({ state: 'detached' });
    await mapIdle(page);
    expect(await page.evaluate(() => window.__lapMap!.map.queryRenderedFeatures({ layers: ['choropleth-fill'] }).length)).toBe(0);
    // The map key is the profiled area's again.
    expect(await page.getByTestId('profile-area-legend').isVisible()).toBe(true);
  });

  it('compares N4 with DSN4: both values, the difference and whether it is significant, in words', async () => {
    await page.getByTestId('profile-view').getByRole('radio', { name: 'Compare with another LAP' }).check();
    const compare = page.getByTestId('compare');
    await compare.getByLabel('Compare N4 with').selectOption(String(dsn4.id));
    const backend = await h.backend.handlers['profile.compare']({ a: { kind: 'lap', id: n4.id }, b: { kind: 'lap', id: dsn4.id }, benchmark: 'own' });
    const item = backend.indicators.find((i) => i.id === NO_QUALS)!;
    const tr = compare.locator(`tr[data-indicator-id="${NO_QUALS}"]`);
    await tr.waitFor();
    expect(await tr.locator('.compare-sentence').textContent()).toBe(item.summary);
    expect(item.significant).toBe(true);
    // No qualifications (all adults) is age-confounded, so it has no polarity: Higher / Lower, never Better / Worse.
    expect(await tr.locator('.comparison-chip').textContent()).toMatch(/^(N4|DSN4) (higher|lower)$/);
    await page.getByTestId('profile-view').getByRole('radio', { name: 'Indicators' }).check();
    await row('education', NO_QUALS).waitFor();
  });

  it('exports a PDF with progress shown, without blocking the window, and the file is a PDF', async () => {
    // Cancel stops an export: nothing is saved.
    let downloads = 0;
    const count = () => downloads++;
    page.on('download', count);
    await exportAs('PDF profile');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => page.getByTestId('export-status').textContent()).toContain('Export cancelled. Nothing was saved.');
    page.off('download', count);
    expect(downloads).toBe(0);
    await page.getByTestId('export-status').getByRole('button', { name: 'Dismiss' }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      (async () => {
        await exportAs('PDF profile');
        // Progress is shown while the backend works, and the panel still responds.
        await page.getByTestId('export-progress').waitFor();
        expect(await page.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
        await page.getByRole('button', { name: 'Close all' }).click();
        await page.getByRole('button', { name: 'Open all' }).click();
      })(),
    ]);
    expect(download.suggestedFilename()).toBe('N4 Local Area Profile.pdf');
    const file = path.join(RESULTS_DIR, 'profile-n4.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await poll(() => page.getByTestId('export-status').textContent()).toContain('Saved N4 Local Area Profile.pdf');
  });

  it('made no request beyond 127.0.0.1 and logged no errors', async () => {
    writeFileSync(path.join(RESULTS_DIR, 'profile-requests.txt'), `${h.requests.join('\n')}\n`);
    expect(h.log.offline).toEqual([]);
    expect(h.log.httpErrors).toEqual([]);
    expect(h.log.consoleErrors).toEqual([]);
    expect(await page.evaluate(() => window.__lapMap!.errors)).toEqual([]);
  });
});
