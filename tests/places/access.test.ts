/**
 * Straight-line access (backend/places/access.ts): the pure maths with known answers, then places.forArea
 * for the preset N4 and other areas on the SYNTHETIC fixtures: counts inside, attached from outside, per 10,000
 * residents, the nearest place per ward, population-weighted averages, council comparisons and the honest note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearestTo, straightLine, toKm, weightedMean } from '../../backend/places/access.ts';
import { wardCentres } from '../../backend/places/centres.ts';
import { importFile, n4Id, testBackend, WARD, type TestBackend } from './helpers.ts';

describe('the maths, with known answers', () => {
  it('a 3-4-5 triangle: a place 3 km east and 4 km north of the centre is 5.00 km away', () => {
    const centre = { easting: 475_000, northing: 260_000 };
    const place = { easting: 478_000, northing: 264_000 };
    expect(straightLine(centre, place)).toBe(5000);
    expect(toKm(straightLine(centre, place))).toBe(5);
    expect(toKm(1234.4)).toBe(1.23);
    expect(toKm(1235.1)).toBe(1.24);
  });

  it('nearest: the closest of several, the first of equals, null for none', () => {
    const from = { easting: 0, northing: 0 };
    const places = [
      { id: 1, easting: 3000, northing: 4000 },
      { id: 2, easting: -600, northing: 800 },
      { id: 3, easting: 800, northing: 600 },
    ];
    expect(nearestTo(from, places)).toEqual({ place: places[1], metres: 1000 });
    expect(nearestTo(from, [])).toBeNull();
  });

  it('a population-weighted mean: wards of 1,000 and 3,000 people at 1 km and 2 km average 1.75 km', () => {
    expect(weightedMean([{ value: 1, weight: 1000 }, { value: 2, weight: 3000 }])).toEqual({ mean: 1.75, weighted: true });
    // A ward without a distance is left out; without a population, the plain mean is used (and said so).
    expect(weightedMean([{ value: 1, weight: 1000 }, { value: null, weight: 3000 }])).toEqual({ mean: 1, weighted: true });
    expect(weightedMean([{ value: 1, weight: 1000 }, { value: 2, weight: null }])).toEqual({ mean: 1.5, weighted: false });
    expect(weightedMean([])).toEqual({ mean: null, weighted: true });
  });
});

describe('places.forArea', () => {
  let tb: TestBackend;
  let n4: number;
  beforeAll(async () => {
    tb = testBackend('access.db');
    n4 = await n4Id(tb);
  });
  afterAll(() => tb.close());

  it('with no places loaded: hasPlaces false, no categories, and how to import a list', async () => {
    const a = await tb.send('places.forArea', { area: { kind: 'lap', id: n4 } });
    expect(a).toMatchObject({ hasPlaces: false, categories: [], counts: [], places: [], areaAverage: {} });
    expect(a.area).toMatchObject({ name: 'N4', kind: 'lap', lapId: n4 });
    expect(a.wards.map((w) => w.name)).toEqual(['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George']);
    expect(a.wards.every((w) => Object.keys(w.nearest).length === 0)).toBe(true);
    expect(a.note).toMatch(/^No places are loaded yet: import a list of places/);
  });

  it('N4 on the fixture: counts inside, per 10,000 residents, only the loaded categories', async () => {
    const r = await importFile(tb, 'n4-places-synthetic.csv');
    expect(r.status, r.message).toBe('imported');
    const a = await tb.send('places.forArea', { area: { kind: 'lap', id: n4 } });
    expect(a.hasPlaces).toBe(true);
    // No job centre in this file: left out.
    expect(a.categories).toEqual(['gp', 'pharmacy', 'family-hub', 'food-bank', 'warm-space', 'youth-club', 'community-venue']);
    const pop = a.area.population!;
    expect(pop).toBeGreaterThan(30_000);
    expect(pop).toBe(a.wards.reduce((s, w) => s + w.population!, 0));
    const count = (c: string) => a.counts.find((x) => x.category === c)!;
    expect(count('gp')).toEqual({ category: 'gp', inside: 3, attachedOutside: 0, total: 3, per10k: Math.round((3 / pop) * 1e4 * 100) / 100 });
    expect(count('pharmacy')).toMatchObject({ inside: 1, total: 1 });
    expect(count('family-hub')).toMatchObject({ inside: 1, total: 1 });
    expect(count('food-bank')).toMatchObject({ inside: 1, total: 1 });
    expect(count('warm-space')).toMatchObject({ inside: 0, total: 0, per10k: 0 });
    expect(a.places.map((p) => [p.name, p.how])).toEqual([
      ['Synthetic GP surgery 1', 'location'],
      ['Synthetic GP surgery 2', 'location'],
      ['Synthetic GP surgery 3', 'location'],
      ['Synthetic pharmacy 1', 'location'],
      ['Synthetic family hub 1', 'location'],
      ['Synthetic food bank 1', 'location'],
    ]);
    expect(a.wards.every((w) => w.method === 'population-weighted' && !('job-centre' in w.nearest))).toBe(true);
  });

  it('a GP attached from outside counts as attachedOutside, and is listed as attached', async () => {
    const gp4 = (await tb.send('places.list', { query: 'Synthetic GP surgery 4' }))[0]!;
    await tb.send('places.attach', { placeId: gp4.id, lapId: n4 });
    const a = await tb.send('places.forArea', { area: { kind: 'lap', id: n4 } });
    expect(a.counts.find((c) => c.category === 'gp')).toMatchObject({ inside: 3, attachedOutside: 1, total: 4 });
    expect(a.places.find((p) => p.id === gp4.id)!.how).toBe('attached');
    // A ward or a selection has no attachments.
    const sel = await tb.send('places.forArea', { area: { kind: 'selection', wards: [WARD.castle, WARD.abington, WARD.dallington, WARD.stGeorge] } });
    expect(sel.counts.find((c) => c.category === 'gp')).toMatchObject({ inside: 3, attachedOutside: 0, total: 3 });
    await tb.send('places.detach', { placeId: gp4.id, lapId: n4 });
  });

  it('each ward: the nearest place of each category from its centre, straight line, km to 2 decimals', async () => {
    const a = await tb.send('places.forArea', { area: { kind: 'lap', id: n4 } });
    const centres = wardCentres(tb.backend.ctx);
    const all = tb.backend.db.prepare('SELECT id, name, category, easting, northing FROM place').all() as { id: number; name: string; category: string; easting: number; northing: number }[];
    for (const w of a.wards) {
      const c = centres.get(w.code)!;
      expect(w.centre).toEqual({ lon: Math.round(c.lon * 1e6) / 1e6, lat: Math.round(c.lat * 1e6) / 1e6 });
      for (const cat of a.categories) {
        // Worked out here by brute force, independently of the service's loop.
        const best = all
          .filter((p) => p.category === cat)
          .map((p) => ({ p, d: Math.sqrt((p.easting - c.easting) ** 2 + (p.northing - c.northing) ** 2) }))
          .sort((x, y) => x.d - y.d)[0]!;
        expect(w.nearest[cat], `${w.name} ${cat}`).toEqual({ km: Math.round(best.d / 10) / 100, placeId: best.p.id, placeName: best.p.name });
      }
    }
    // GP surgeries 1-3 are inside Castle, Abington and Phippsville and St. George, near their label points.
    expect(a.wards.find((w) => w.code === WARD.castle)!.nearest.gp!.placeName).toBe('Synthetic GP surgery 1');
  });

  it('the area average is weighted by ward population; councils are averaged over all their wards, own council first', async () => {
    const a = await tb.send('places.forArea', { area: { kind: 'lap', id: n4 } });
    const centres = wardCentres(tb.backend.ctx);
    const pharmacies = tb.backend.db.prepare(`SELECT easting, northing FROM place WHERE category = 'pharmacy'`).all() as { easting: number; northing: number }[];
    const dist = (code: string) => Math.min(...pharmacies.map((p) => Math.hypot(p.easting - centres.get(code)!.easting, p.northing - centres.get(code)!.northing)));
    const num = a.wards.reduce((s, w) => s + w.population! * dist(w.code), 0);
    const den = a.wards.reduce((s, w) => s + w.population!, 0);
    expect(a.areaAverage.pharmacy).toBe(Math.round(num / den / 10) / 100);
    expect(a.councils.map((c) => c.name)).toEqual(['West Northamptonshire', 'North Northamptonshire']);
    expect(Object.keys(a.councils[0]!.average)).toEqual(a.categories);
    const north = await tb.send('places.forArea', { area: { kind: 'ward', code: WARD.oundle } });
    expect(north.councils.map((c) => c.name)).toEqual(['North Northamptonshire', 'West Northamptonshire']);
    // The council's own average is the same whichever area asks.
    expect(north.councils[1]!.average).toEqual(a.councils[0]!.average);
    const west = await tb.send('places.forArea', { area: { kind: 'council', code: 'E06000062' } });
    expect(west.areaAverage).toEqual(west.councils[0]!.average);
    expect(west.wards).toHaveLength(31);
  });

  it('a place just over the border counts: Desborough\u2019s nearest GP is the one in Market Harborough', async () => {
    const a = await tb.send('places.forArea', { area: { kind: 'ward', code: 'E05013219' } });
    expect(a.wards[0]!.name).toBe('Desborough');
    expect(a.wards[0]!.nearest.gp!.placeName).toBe('Synthetic GP surgery 6 (outside the county)');
    expect(a.counts.find((c) => c.category === 'gp')).toMatchObject({ inside: 0, total: 0 });
  });

  it('a known answer end to end: a job centre 3 km east and 4 km north of Castle\u2019s centre is 5.00 km from it', async () => {
    const c = wardCentres(tb.backend.ctx).get(WARD.castle)!;
    const e = Math.round(c.easting + 3000);
    const n = Math.round(c.northing + 4000);
    const r = await importFile(tb, 'job-centre-synthetic.csv', `name,category,easting,northing\nSynthetic job centre 1,Job centre,${e},${n}\n`);
    expect(r.status, r.message).toBe('imported');
    const a = await tb.send('places.forArea', { area: { kind: 'ward', code: WARD.castle } });
    expect(a.categories).toContain('job-centre');
    expect(a.wards[0]!.nearest['job-centre']).toMatchObject({ km: 5, placeName: 'Synthetic job centre 1' });
    expect(a.areaAverage['job-centre']).toBe(5);
  });

  it('the note says straight line, not travel time, and where distances are measured from', async () => {
    const a = await tb.send('places.forArea', { area: { kind: 'lap', id: n4 } });
    expect(a.note).toContain("Straight-line distance ('as the crow flies') from each ward's centre to the nearest place");
    expect(a.note).toContain('It is not travel time or road distance');
    expect(a.note).toContain("each ward's population-weighted centre");
    expect(a.note).toContain('bundled with the app');
    expect(a.note).toContain("weighted by each ward's Census 2021 usual residents");
    expect(a.centres).toMatchObject({ method: 'population-weighted', lsoasWithCentre: 442, lsoasNeeded: 442, fileName: null, importedAt: null });
  });

  it('unknown areas are refused as the profile refuses them', async () => {
    expect(await tb.refuse('places.forArea', { area: { kind: 'lap', id: 99999 } })).toEqual({ kind: 'not-found', message: 'There is no LAP with id 99999.' });
  });
});
