/**
 * End-to-end: the built renderer (dist/renderer) in Debian's Chromium, against the real backend over the loopback
 * preview transport, with the production Content-Security-Policy and no network.
 *
 *   npm run build:renderer && npx vitest run --config vitest.e2e.config.ts
 *
 * Screenshots go to test-results/map.png and test-results/map-selected.png.
 * The app exposes `window.__lapMap = { loaded, map, errors }` (renderer/src/map/WardMap.ts) for these tests.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mapIdle, pngStats, RESULTS_DIR, startHarness, wardBounds, type Harness } from './helpers.ts';

const CASTLE = { code: 'E05013246', name: 'Castle', council: 'West Northamptonshire' };
const WARD_COUNT = 57;
// Council fills in renderer/src/map/style.ts (drawn at full opacity).
const WEST_FILL: [number, number, number] = [0x8f, 0xb8, 0xde];
const NORTH_FILL: [number, number, number] = [0xf2, 0xb8, 0x80];

let h: Harness;
let page: Page;

describe('ward map (built renderer, preview transport, Chromium, offline)', () => {
  beforeAll(async () => {
    h = await startHarness('lap-e2e-');
    ({ page } = await h.openPage());
    await mapIdle(page);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('loads the map and drops the access token from the address bar', async () => {
    expect(await page.evaluate(() => window.__lapMap?.loaded)).toBe(true);
    expect(await page.evaluate(() => window.__lapMap?.map.loaded())).toBe(true);
    expect(page.url()).not.toContain('token=');
    await expect(page.title()).resolves.toBe('LAP Insight');
  });

  it('has all 57 wards in the map source and draws every one of them', async () => {
    const counts = await page.evaluate(() => {
      const map = window.__lapMap!.map;
      const unique = (features: { properties: Record<string, unknown> }[]) => new Set(features.map((f) => f.properties.code)).size;
      return {
        source: unique(map.querySourceFeatures('wards')),
        rendered: unique(map.queryRenderedFeatures({ layers: ['ward-fill'] })),
        councils: new Set(map.queryRenderedFeatures({ layers: ['council-lines'] }).map((f) => f.properties.code)).size,
      };
    });
    expect(counts.source).toBe(WARD_COUNT);
    expect(counts.rendered).toBe(WARD_COUNT);
    expect(counts.councils).toBe(2);
  });

  it('draws ward name labels with the local fonts (no glyph server)', async () => {
    const labels = await page.evaluate(() =>
      window.__lapMap!.map.queryRenderedFeatures({ layers: ['ward-labels'] }).map((f) => String(f.properties.name)),
    );
    expect(new Set(labels).size).toBeGreaterThanOrEqual(15);
    const style = await page.evaluate(() => window.__lapMap!.map.getStyle());
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('shows the legend and the ONS attribution on the map', async () => {
    const legend = page.getByLabel('Map key');
    await expect(legend.textContent()).resolves.toContain('West Northamptonshire');
    await expect(legend.textContent()).resolves.toContain('North Northamptonshire');
    const attribution = await page.locator('.maplibregl-ctrl-attrib').textContent();
    expect(attribution).toContain('Office for National Statistics');
    expect(await page.locator('.maplibregl-ctrl-attrib').isVisible()).toBe(true);
  });

  it('really paints the map: many colours, and both council colours cover the map', async () => {
    const png = await page.locator('[data-testid="map"]').screenshot({ path: path.join(RESULTS_DIR, 'map.png') });
    const stats = await pngStats(page, png, WEST_FILL, NORTH_FILL);
    expect(stats.width).toBeGreaterThan(400);
    expect(stats.distinct).toBeGreaterThan(50);
    // West is the larger council; both must be plainly painted in their own colour.
    expect(stats.westShare).toBeGreaterThan(0.1);
    expect(stats.northShare).toBeGreaterThan(0.05);
  });

  it('shows a ward name in a tooltip when the pointer is over it', async () => {
    // A ward whose label point is on the bare map (not under the legend or a control) and hit-tests to itself.
    const target = await page.evaluate(() => {
      const map = window.__lapMap!.map;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      // Large rural wards first, so the highlight is easy to see in the screenshot; any suitable ward will do.
      const preferred = ['Oundle', 'Thrapston', 'Silverstone', 'Brackley'];
      const rank = (name: unknown) => {
        const i = preferred.indexOf(String(name));
        return i < 0 ? preferred.length : i;
      };
      const labels = map.querySourceFeatures('ward-labels').sort((a, b) => rank(a.properties.name) - rank(b.properties.name));
      for (const f of labels) {
        if (f.geometry.type !== 'Point') continue;
        const [lon, lat] = f.geometry.coordinates as [number, number];
        const pt = map.project([lon, lat]);
        if (document.elementFromPoint(rect.left + pt.x, rect.top + pt.y) !== canvas) continue;
        const hit = map.queryRenderedFeatures([pt.x, pt.y], { layers: ['ward-fill'] })[0];
        if (hit?.properties.code === f.properties.code) {
          return { code: String(f.properties.code), name: String(f.properties.name), x: rect.left + pt.x, y: rect.top + pt.y };
        }
      }
      return null;
    });
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x - 40, target!.y - 40);
    await page.mouse.move(target!.x, target!.y, { steps: 4 });
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.textContent()).toContain(target!.name);
    await mapIdle(page);
    await page.screenshot({
      path: path.join(RESULTS_DIR, 'map-hover.png'),
      clip: { x: Math.max(0, target!.x - 200), y: Math.max(0, target!.y - 150), width: 400, height: 300 },
    });
    expect(await page.evaluate((code) => window.__lapMap!.map.getFeatureState({ source: 'wards', id: code }).hover, target!.code)).toBe(true);
    // Leaving the map hides it again.
    await page.mouse.move(5, 5);
    await tooltip.waitFor({ state: 'hidden' });
  });

  it('finds Castle by typing part of its name; Enter selects it on the map and in the panel', async () => {
    const search = page.getByRole('combobox', { name: 'Ward name or code' });
    await search.click();
    await search.fill('castle');
    const options = page.getByRole('listbox', { name: 'Wards' }).getByRole('option');
    await expect(options.first().textContent()).resolves.toContain('Castle');
    await search.press('Enter');

    await page.waitForFunction((code) => window.__lapMap!.map.getFeatureState({ source: 'wards', id: code }).selected === true, CASTLE.code);
    await expect(page.getByTestId('selected-ward-name').textContent()).resolves.toBe(CASTLE.name);
    await expect(page.getByTestId('selected-ward-code').textContent()).resolves.toBe(CASTLE.code);
    await expect(page.getByTestId('selected-ward-council').textContent()).resolves.toContain(CASTLE.council);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');

    // The map flew to Castle: its centre is now inside the ward's bounding box, zoomed in well past the county view.
    await mapIdle(page);
    const view = await page.evaluate((code) => {
      const map = window.__lapMap!.map;
      const ward = map.querySourceFeatures('wards', { filter: ['==', ['get', 'code'], code] })[0];
      const label = map.queryRenderedFeatures({ layers: ['ward-selected-label'] }).map((f) => f.properties.name);
      return { center: map.getCenter().toArray(), zoom: map.getZoom(), found: Boolean(ward), label };
    }, CASTLE.code);
    expect(view.found).toBe(true);
    expect(view.zoom).toBeGreaterThan(11);
    const [west, south, east, north] = await wardBounds(h.backend, CASTLE.code);
    const [lon, lat] = view.center;
    expect(lon).toBeGreaterThan(west);
    expect(lon).toBeLessThan(east);
    expect(lat).toBeGreaterThan(south);
    expect(lat).toBeLessThan(north);
    expect(view.label).toContain(CASTLE.name);

    await page.screenshot({ path: path.join(RESULTS_DIR, 'app-selected.png') });
    const png = await page.locator('[data-testid="map"]').screenshot({ path: path.join(RESULTS_DIR, 'map-selected.png') });
    const stats = await pngStats(page, png, WEST_FILL, NORTH_FILL);
    expect(stats.distinct).toBeGreaterThan(50);
  });

  it('is forgiving about spelling: "st george" finds St. George and "&" means "and"', async () => {
    const search = page.getByRole('combobox', { name: 'Ward name or code' });
    const options = page.getByRole('listbox', { name: 'Wards' }).getByRole('option');
    await search.fill('st george');
    await expect(options.allTextContents()).resolves.toEqual([expect.stringContaining('St. George')]);
    await search.fill('abington & phippsville');
    await expect(options.first().textContent()).resolves.toContain('Abington and Phippsville');
  });

  it('says clearly when nothing matches, and Escape clears the search', async () => {
    const search = page.getByRole('combobox', { name: 'Ward name or code' });
    await search.fill('xyz');
    await expect(page.getByText("No ward matches 'xyz'.", { exact: true }).first().isVisible()).resolves.toBe(true);
    expect(await page.getByRole('listbox', { name: 'Wards' }).count()).toBe(0);
    await search.press('Escape');
    expect(await search.inputValue()).toBe('');
    expect(await page.getByRole('listbox', { name: 'Wards' }).getByRole('option').count()).toBe(WARD_COUNT);
  });

  it('moves through the list with the arrow keys and selects with Enter', async () => {
    const search = page.getByRole('combobox', { name: 'Ward name or code' });
    await search.fill('kingsthorpe');
    await search.press('ArrowDown');
    const active = await search.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(await page.locator(`[id="${active}"]`).textContent()).toContain('Kingsthorpe South');
    await search.press('Enter');
    await expect(page.getByTestId('selected-ward-name').textContent()).resolves.toBe('Kingsthorpe South');
    const code = (await page.getByTestId('selected-ward-code').textContent()) ?? '';
    await page.waitForFunction((c) => window.__lapMap!.map.getFeatureState({ source: 'wards', id: c }).selected === true, code);
    expect(await page.evaluate(() => window.__lapMap!.map.getFeatureState({ source: 'wards', id: 'E05013246' }).selected)).toBe(false);
  });

  it('selects a ward by clicking it on the map', async () => {
    await page.getByRole('button', { name: 'Zoom to fit both councils' }).click();
    await mapIdle(page);
    const target = await page.evaluate(() => {
      const map = window.__lapMap!.map;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      for (const f of map.querySourceFeatures('ward-labels')) {
        if (f.properties.name !== 'Corby Rural' || f.geometry.type !== 'Point') continue;
        const pt = map.project(f.geometry.coordinates as [number, number]);
        // A click on a GP practice or pharmacy marker (the built-in list) opens that place instead: use the nearest
        // point of the ward that has no place marker on it.
        for (let r = 0; r <= 60; r += 6) {
          for (const [dx, dy] of [[0, 0], [r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r], [r, -r], [-r, r]]) {
            const p = { x: pt.x + dx!, y: pt.y + dy! };
            const hits = map.queryRenderedFeatures([p.x, p.y]);
            const inWard = hits.some((h) => h.layer.id === 'ward-fill' && String(h.properties.code) === String(f.properties.code));
            const onPlace = map.queryRenderedFeatures([[p.x - 6, p.y - 6], [p.x + 6, p.y + 6]]).some((h) => h.layer.id.startsWith('place'));
            if (inWard && !onPlace) return { x: rect.left + p.x, y: rect.top + p.y, code: String(f.properties.code) };
          }
        }
      }
      return null;
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await expect(page.getByTestId('selected-ward-name').textContent()).resolves.toBe('Corby Rural');
    await expect(page.getByTestId('selected-ward-council').textContent()).resolves.toContain('North Northamptonshire');
    await page.waitForFunction((c) => window.__lapMap!.map.getFeatureState({ source: 'wards', id: c }).selected === true, target!.code);
  });

  it('still works after a reload (the token is kept for the tab)', async () => {
    await page.reload();
    await mapIdle(page);
    const rendered = await page.evaluate(() => new Set(window.__lapMap!.map.queryRenderedFeatures({ layers: ['ward-fill'] }).map((f) => f.properties.code)).size);
    expect(rendered).toBe(WARD_COUNT);
  });

  it('shows a clear error when the data service cannot be reached, and recovers with "Try again"', async () => {
    const ctx = await h.newContext();
    const p = await ctx.newPage();
    let block = true;
    await p.route('**/api/**', (route) => (block ? route.abort('connectionrefused') : route.fallback()));
    await p.goto(h.server.openUrl);
    const alert = p.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    const text = await alert.textContent();
    expect(text).toContain('could not load the ward boundaries');
    expect(text).toContain('cannot reach its data service');
    block = false;
    await p.getByRole('button', { name: 'Try again' }).click();
    await mapIdle(p);
    expect(await p.evaluate(() => window.__lapMap!.map.querySourceFeatures('wards').length)).toBeGreaterThan(0);
    await ctx.close();
  });

  it('explains a missing or wrong access key instead of showing a broken map', async () => {
    const ctx = await h.newContext();
    const p = await ctx.newPage();
    await p.goto(`${h.server.url}#token=not-the-token`);
    const alert = p.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toContain('access key');
    await ctx.close();
    // The refused API calls are expected here, not a fault.
    h.log.httpErrors = h.log.httpErrors.filter((e) => !e.startsWith('401 '));
  });

  it('reaches the side-panel tabs and then the ward search from the keyboard, with a visible focus ring', async () => {
    await page.reload();
    await mapIdle(page);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { role: el.getAttribute('role'), text: el.textContent, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
    // First the header's Help button (Undo and Redo are disabled with nothing to undo), then the tab row (one tab
    // stop, on the open tab), then the ward search inside the Wards tab.
    await page.keyboard.press('Tab');
    const help = await focused();
    expect(help.text).toBe('Help');
    expect(help.outline).not.toBe('none');
    await page.keyboard.press('Tab');
    const tab = await focused();
    expect(tab.role).toBe('tab');
    expect(tab.text).toBe('Wards');
    expect(tab.outline).not.toBe('none');
    await page.keyboard.press('Tab');
    const search = await focused();
    expect(search.role).toBe('combobox');
    expect(search.outline).not.toBe('none');
    expect(search.width).toBeGreaterThanOrEqual(2);
  });

  it('made no request beyond 127.0.0.1 and logged no errors', () => {
    writeFileSync(path.join(RESULTS_DIR, 'map-requests.txt'), `${h.requests.join('\n')}\n`);
    expect(h.log.offline).toEqual([]);
    expect(h.log.httpErrors).toEqual([]);
    expect(h.requests.length).toBeGreaterThan(0);
    expect(h.log.consoleErrors).toEqual([]);
  });

  it('maplibre reported no errors', async () => {
    expect(await page.evaluate(() => window.__lapMap!.errors)).toEqual([]);
  });
});
