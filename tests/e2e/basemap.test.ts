/**
 * End-to-end: the basemap under the wards (renderer/src/map/basemap.ts), in the built renderer in Chromium, offline.
 * Towns, roads, railways and water really draw; villages appear only when zoomed in; ward and town labels never sit
 * on top of each other; the OpenStreetMap and OS Open Roads attributions are on the map; nothing is fetched.
 *
 * The expected names come from ../shared/data/basemap (the source files), not from the bundled copy.
 * Screenshots: test-results/basemap-county.png and test-results/basemap-street.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mapIdle, RESULTS_DIR, startHarness, type Harness } from './helpers.ts';

const SOURCE = path.resolve('../shared/data/basemap/places.geojson');
const sourcePlaces = existsSync(SOURCE)
  ? (JSON.parse(readFileSync(SOURCE, 'utf8')) as { features: { properties: { name: string; kind: string } }[] }).features.map((f) => f.properties)
  : null;

let h: Harness;
let page: Page;

async function rendered(layers: string[]): Promise<{ layer: string; name: string | null; box: [number, number, number, number] | null }[]> {
  return page.evaluate((ids) => {
    const map = window.__lapMap!.map;
    return map.queryRenderedFeatures({ layers: ids }).map((f) => ({ layer: f.layer.id, name: (f.properties.name as string | undefined) ?? null, box: null }));
  }, layers);
}

async function jump(center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ center, zoom }) => window.__lapMap!.map.jumpTo({ center, zoom }), { center, zoom });
  await mapIdle(page);
}

describe('basemap under the wards (built renderer, Chromium, offline)', () => {
  beforeAll(async () => {
    h = await startHarness('lap-e2e-basemap-');
    ({ page } = await h.openPage());
    await page.setViewportSize({ width: 1280, height: 800 });
    await mapIdle(page);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('draws towns (no villages) over the whole county, with roads, rail, rivers and built-up areas', async () => {
    await page.evaluate(() => window.__lapMap!.map.fitBounds([-1.34, 51.97, -0.34, 52.65], { duration: 0 }));
    await mapIdle(page);
    await page.locator('[data-testid="map"]').screenshot({ path: path.join(RESULTS_DIR, 'basemap-county.png') });
    const towns = (await rendered(['bm-towns'])).map((f) => f.name);
    const villages = await rendered(['bm-villages']);
    expect(villages).toHaveLength(0);
    if (sourcePlaces) {
      const sourceTowns = new Set(sourcePlaces.filter((p) => p.kind === 'town').map((p) => p.name));
      for (const t of towns) expect(sourceTowns.has(t!), t!).toBe(true);
    }
    // Ward labels come first (many wards are named after their town); the towns they leave room for are shown.
    expect(new Set(towns).size).toBeGreaterThanOrEqual(1);
    expect((await rendered(['ward-labels'])).length).toBeGreaterThan(30);
    for (const layer of ['bm-roads', 'bm-rail', 'bm-water-lines', 'bm-built-up']) expect((await rendered([layer])).length, layer).toBeGreaterThan(0);
  });

  it('shows villages when zoomed in, and never a town or village name on top of a ward label', async () => {
    // Between Northampton and Towcester: villages and wards both.
    await jump([-0.98, 52.18], 12.5);
    await page.locator('[data-testid="map"]').screenshot({ path: path.join(RESULTS_DIR, 'basemap-street.png') });
    const villages = (await rendered(['bm-villages'])).map((f) => f.name);
    expect(villages.length).toBeGreaterThan(0);
    if (sourcePlaces) {
      const sourceVillages = new Set(sourcePlaces.filter((p) => p.kind === 'village').map((p) => p.name));
      for (const v of villages) expect(sourceVillages.has(v!), v!).toBe(true);
    }
    // maplibre's collision index: every placed label's box, ward labels and settlement names together.
    const boxes = await page.evaluate(() => {
      const map = window.__lapMap!.map as unknown as { style: { placement: { collisionIndex: { grid: { boxKeys: unknown[]; bboxes: number[] } } } } };
      const grid = map.style.placement.collisionIndex.grid;
      const out: number[][] = [];
      for (let i = 0; i < grid.bboxes.length; i += 4) out.push(grid.bboxes.slice(i, i + 4));
      return out;
    });
    expect(boxes.length).toBeGreaterThan(villages.length);
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!) overlaps++;
      }
    }
    expect(overlaps).toBe(0);
  });

  it('credits OpenStreetMap and OS Open Roads on the map and in the Data tab, and fetched nothing from the network', async () => {
    const attribution = (await page.locator('.maplibregl-ctrl-attrib').textContent()) ?? '';
    expect(attribution).toContain('© OpenStreetMap contributors');
    expect(attribution).toContain('ODbL');
    expect(attribution).toContain('OS Open Roads');
    expect(attribution).toContain('Office for National Statistics');
    // The Data tab says where the map's context comes from and that the bundled derived database is under the ODbL.
    await page.getByRole('tab', { name: 'Data' }).click();
    const note = (await page.getByTestId('basemap-licence').textContent()) ?? '';
    expect(note).toContain('© OpenStreetMap contributors');
    expect(note).toContain('this derived database is offered under the ODbL');
    expect(note).toContain('OS Open Roads');
    expect(h.log.offline).toEqual([]);
    expect(h.log.consoleErrors).toEqual([]);
    expect(await page.evaluate(() => window.__lapMap!.errors)).toEqual([]);
  });
});
