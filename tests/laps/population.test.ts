import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { N4_WARDS, W, lapByName, setByName, testBackend, type TestBackend } from './helpers.ts';

// The population store belongs to the indicator module; here it is replaced by known figures.
const pops = vi.hoisted(() => ({ value: null as Map<string, number> | null }));
vi.mock('../../backend/data/population.ts', () => ({ wardPopulations: () => pops.value }));

let tb: TestBackend;
beforeAll(() => (tb = testBackend()));
afterAll(() => tb.close());

describe('LAP population', () => {
  it('is the sum of the wards’ usual residents, with each ward’s figure', async () => {
    pops.value = new Map([
      ['E05013239', 11_000],
      ['E05013246', 12_500],
      ['E05013247', 9_000],
      ['E05013264', 10_250],
      [W.headlands, 8_000],
    ]);
    const n4 = await lapByName(tb, 'N4');
    expect(n4.population).toBe(42_750);
    expect(n4.populationNote).toBeNull();
    expect(n4.wards.find((w) => w.code === W.castle)!.population).toBe(12_500);
    // Follows the wards as they are added.
    expect((await tb.send('laps.setWards', { id: n4.id, wards: [...N4_WARDS, W.headlands] })).population).toBe(50_750);
  });

  it('is null with a reason naming the ward when a ward has no figure', async () => {
    const set = await setByName(tb, 'My working groups');
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Partial', wards: [W.castle, W.brackley] });
    expect(lap.population).toBeNull();
    expect(lap.populationNote).toBe('There is no Census 2021 population figure for Brackley.');
  });

  it('is null with a reason when the figures are not loaded; an empty LAP has 0 people', async () => {
    pops.value = null;
    const n4 = await lapByName(tb, 'N4');
    expect(n4.population).toBeNull();
    expect(n4.populationNote).toBe('Population is not available until the Census 2021 figures are loaded.');
    pops.value = new Map();
    const set = await setByName(tb, 'My working groups');
    expect((await tb.send('laps.create', { setId: set.id, name: 'Nobody', wards: [] })).population).toBe(0);
  });
});
