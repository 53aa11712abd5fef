import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from './helpers.ts';
import { issuesText } from '../helpers/errors.ts';

let tb: TestBackend;
beforeAll(() => (tb = testBackend()));
afterAll(() => tb.close());

const AREA_SHAPES = "an area is { kind: 'lap', id }, { kind: 'ward', code }, { kind: 'council', code } or { kind: 'selection', wards }";

describe('profile contract validation', () => {
  it.each([
    [{ area: { kind: 'town', id: 1 } }, `area.kind: ${AREA_SHAPES}`],
    [{ area: 'N4' }, `area: ${AREA_SHAPES}`],
    [{}, `area: ${AREA_SHAPES}`],
    [{ area: { kind: 'ward', code: 'Castle' } }, 'area.code: a ward code looks like E05013246'],
    [{ area: { kind: 'council', code: 'E06000099' } }, 'area.code: a council code is E06000061 (North Northamptonshire) or E06000062 (West Northamptonshire)'],
    [{ area: { kind: 'council', code: 'E05013246' } }, 'area.code: a council code is E06000061 (North Northamptonshire) or E06000062 (West Northamptonshire)'],
    [{ area: { kind: 'lap', id: -3 } }, 'area.id: a LAP id is a positive whole number (see laps.list)'],
    [{ area: { kind: 'lap', id: 'N4' } }, 'area.id: a LAP id is a whole number (see laps.list)'],
    [{ area: { kind: 'selection', wards: [] } }, 'area.wards: choose at least one ward'],
    [{ area: { kind: 'selection', wards: ['E05013246', 'E05013246'] } }, 'area.wards: each ward once: E05013246 is listed more than once'],
    [{ area: { kind: 'selection', wards: ['E05013246', 'castle'] } }, 'area.wards.1: a ward code looks like E05013246'],
    [{ area: { kind: 'ward', code: 'E05013246', extra: 1 } }, /^area: .*extra/],
    [{ area: { kind: 'ward', code: 'E05013246' }, benchmark: 'wales' }, 'benchmark: the benchmark is own, west, north or england'],
  ])('profile.get %j', async (args, message) => {
    const err = await tb.refuse('profile.get', args);
    expect(err.kind).toBe('invalid-input');
    if (typeof message === 'string') expect(issuesText(err)).toBe(message);
    else expect(issuesText(err)).toMatch(message);
  });

  it('a selection has at most 57 wards', async () => {
    const wards = Array.from({ length: 58 }, (_, i) => `E05${String(100000 + i)}`);
    expect(issuesText(await tb.refuse('profile.get', { area: { kind: 'selection', wards } }))).toBe('area.wards: a selection has at most 57 wards');
  });

  it('unknown ward codes in a selection are not-found, naming them', async () => {
    expect(await tb.refuse('profile.get', { area: { kind: 'selection', wards: ['E05013246', 'E05099998', 'E05099999'] } })).toEqual({
      kind: 'not-found',
      message: 'There is no ward with codes E05099998 and E05099999.',
    });
  });

  it('the other verbs check their arguments too', async () => {
    expect(issuesText(await tb.refuse('profile.choropleth', { indicatorId: 'census21_overcrowding', method: 'jenks' }))).toBe('method: the method is quintiles or natural-breaks');
    expect(issuesText(await tb.refuse('profile.choropleth', { indicatorId: 'census21_overcrowding', mode: 'colours' }))).toBe('mode: the mode is values or significance');
    expect(issuesText(await tb.refuse('profile.choropleth', { indicatorId: 'no spaces allowed' }))).toMatch(/^indicatorId: an indicator id uses letters/);
    expect(issuesText(await tb.refuse('profile.compare', { a: { kind: 'ward', code: 'E05013246' } }))).toBe(`b: ${AREA_SHAPES}`);
    expect(issuesText(await tb.refuse('profile.wardBreakdown', { area: { kind: 'ward', code: 'E05013246' } }))).toMatch(/^indicatorId: /);
    expect(issuesText(await tb.refuse('laps.pins.get', { lapId: 0 }))).toBe('lapId: a LAP id is a positive whole number (see laps.list)');
  });

  it('defaults: benchmark own; choropleth quintiles of values', async () => {
    const map = await tb.send('profile.choropleth', { indicatorId: 'census21_overcrowding' });
    expect([map.method, map.mode, map.benchmark]).toEqual(['quintiles', 'values', 'own']);
  });
});
