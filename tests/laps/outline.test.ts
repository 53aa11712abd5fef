import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { dissolveWards } from '../../backend/laps/outline.ts';
import { W, lapByName, setByName, testBackend, type TestBackend } from './helpers.ts';

let tb: TestBackend;
beforeAll(() => (tb = testBackend()));
afterAll(() => tb.close());

/** Sum of the wards' areas (m²) computed from the bundled geometry, independently of the outline code. */
function wardArea(codes: string[]): number {
  const rows = tb.backend.db.prepare(`SELECT code, geometry FROM area WHERE type = 'ward'`).all() as { code: string; geometry: string }[];
  return rows.filter((r) => codes.includes(r.code)).reduce((s, r) => s + turf.area(turf.feature(JSON.parse(r.geometry) as Polygon | MultiPolygon)), 0);
}

describe('LAP outlines', () => {
  it('N4 is one part whose area equals the sum of its wards (within 0.1%)', async () => {
    const n4 = await lapByName(tb, 'N4');
    const o = await tb.send('laps.outline', { id: n4.id });
    expect(o.parts).toBe(1);
    expect(o.contiguous).toBe(true);
    expect(o.message).toBeNull();
    expect(o.feature!.geometry.type).toBe('Polygon');
    expect(o.feature!.id).toBe(n4.id);
    expect(o.feature!.properties).toMatchObject({ lapId: n4.id, name: 'N4', colour: n4.colour, wardCount: 4, parts: 1, message: null });
    const expected = wardArea(o.wardCodes);
    const actual = turf.area(turf.feature(o.feature!.geometry as Polygon));
    expect(Math.abs(actual - expected) / expected).toBeLessThan(0.001);
    expect(o.areaHectares).toBeCloseTo(expected / 10_000, 0);
    expect(o.areaHectares).toBeGreaterThan(500); // a real town-centre area, not a sliver
  });

  it('a LAP of two far-apart wards (Brackley + Oundle) has 2 parts and says so', async () => {
    const set = await setByName(tb, 'My working groups');
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Far apart', wards: [W.oundle, W.brackley] });
    const o = await tb.send('laps.outline', { id: lap.id });
    expect(o.parts).toBe(2);
    expect(o.contiguous).toBe(false);
    expect(o.feature!.geometry.type).toBe('MultiPolygon');
    expect(o.message).toMatch(/^This LAP is in 2 separate parts/);
    expect(o.partWards.map((p) => p.slice().sort())).toEqual(expect.arrayContaining([[W.brackley], [W.oundle]]));
    const expected = wardArea([W.oundle, W.brackley]);
    expect(Math.abs(turf.area(turf.feature(o.feature!.geometry as MultiPolygon)) - expected) / expected).toBeLessThan(0.001);
  });

  it('lists which wards make each part, the bigger group first', async () => {
    const set = await setByName(tb, 'My working groups');
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Three parts', wards: [W.castle, W.stGeorge, W.brackley, W.oundle] });
    const o = await tb.send('laps.outline', { id: lap.id });
    expect(o.parts).toBe(3);
    expect(o.partWards[0]!.slice().sort()).toEqual([W.castle, W.stGeorge]);
    expect(o.message).toMatch(/^This LAP is in 3 separate parts: (Castle, St\. George|St\. George, Castle); /);
  });

  it('a LAP with no wards has no outline; one ward is its own outline', async () => {
    const set = await setByName(tb, 'My working groups');
    const empty = await tb.send('laps.create', { setId: set.id, name: 'Empty', wards: [] });
    expect(await tb.send('laps.outline', { id: empty.id })).toMatchObject({ feature: null, parts: 0, contiguous: true, message: null, areaHectares: 0 });
    const one = await tb.send('laps.create', { setId: set.id, name: 'One', wards: [W.headlands] });
    const o = await tb.send('laps.outline', { id: one.id });
    expect(o.parts).toBe(1);
    const ward = tb.backend.db.prepare('SELECT geometry FROM area WHERE code = ?').get(W.headlands) as { geometry: string };
    expect(o.feature!.geometry).toEqual(JSON.parse(ward.geometry));
  });

  it('every LAP outline of a set at once, for the map', async () => {
    const set = await setByName(tb, 'West Northamptonshire LAPs');
    const fc = await tb.send('laps.outlines', { setId: set.id });
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.properties.name).sort()).toEqual(['DSN4', 'N4']);
    expect(fc.features.every((f) => f.properties.parts === 1)).toBe(true);
  });

  it('caches by ward list (in memory and on disk) and the cached outline is the same', async () => {
    const codes = [W.abington, W.billing, W.boothville, W.castle, W.stGeorge, W.headlands, 'E05013257', 'E05013258', 'E05013263', 'E05013267'];
    const set = await setByName(tb, 'My working groups');
    const t0 = performance.now();
    dissolveWards(tb.backend.db, codes); // warm turf
    const runs = 5;
    const t1 = performance.now();
    for (let i = 0; i < runs; i++) dissolveWards(tb.backend.db, codes);
    const uncachedMs = (performance.now() - t1) / runs;
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Ten wards', wards: codes });
    const t2 = performance.now();
    const first = await tb.send('laps.outline', { id: lap.id });
    const firstMs = performance.now() - t2;
    const t3 = performance.now();
    const second = await tb.send('laps.outline', { id: lap.id });
    const cachedMs = performance.now() - t3;
    expect(second).toEqual(first);
    const row = tb.backend.db.prepare('SELECT parts FROM lap_outline_cache WHERE ward_key = ?').get([...codes].sort().join(',')) as { parts: number };
    expect(row.parts).toBe(first.parts);
    // A fresh process reads it from disk.
    tb.reopen();
    expect(await tb.send('laps.outline', { id: lap.id })).toEqual(first);
    console.log(
      `outline timing, 10 wards: first (cold turf) ${(t1 - t0).toFixed(1)} ms, warm ${uncachedMs.toFixed(1)} ms, via verb ${firstMs.toFixed(1)} ms, cached ${cachedMs.toFixed(2)} ms`,
    );
    expect(uncachedMs).toBeLessThan(1000);
  });

});
