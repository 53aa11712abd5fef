import { afterEach, describe, expect, it, vi } from 'vitest';
import { LAP_FILE_FORMAT } from '../../shared/laps.ts';
import { createSet } from '../../backend/laps/store.ts';
import { W, dump, lapByName, lapState, setByName, testBackend, type TestBackend } from './helpers.ts';

vi.mock('../../backend/data/population.ts', () => ({
  wardPopulations: () => new Map([['E05013246', 12_500], ['E05013264', 10_250], ['E05013239', 11_000], ['E05013247', 9_000]]),
}));

const open: TestBackend[] = [];
function fresh(): TestBackend {
  const tb = testBackend();
  open.push(tb);
  return tb;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

/** A database with LAPs in every kind of set, awkward names and notes included. */
async function populated(): Promise<TestBackend> {
  const tb = fresh();
  const west = await setByName(tb, 'West Northamptonshire LAPs');
  const north = await setByName(tb, 'North Northamptonshire LAPs');
  const custom = await setByName(tb, 'My working groups');
  await tb.send('laps.create', { setId: west.id, name: 'N1', wards: [W.billing, W.boothville], colour: '#112233', notes: 'Notes, with "quotes"\nand a second line' });
  await tb.send('laps.create', { setId: west.id, name: 'N2', wards: [W.headlands] });
  await tb.send('laps.create', { setId: north.id, name: 'Corby', wards: [W.corbyWest, W.kingswood], notes: 'ünïcödé ✓' });
  await tb.send('laps.create', { setId: custom.id, name: 'Town centre', wards: [W.castle, W.stGeorge] });
  await tb.send('laps.create', { setId: custom.id, name: 'Far, "apart"', wards: [W.brackley, W.oundle] });
  const hv = createSet(tb.backend.db, { name: 'Health visitors', kind: 'custom' });
  await tb.send('laps.create', { setId: hv.id, name: '=SUM(A1)', wards: [W.castle] });
  await tb.send('laps.create', { setId: hv.id, name: 'Later', wards: [] });
  await tb.send('laps.describe', { id: (await lapByName(tb, 'N4')).id, notes: 'Changed notes' });
  await tb.send('laps.recolour', { id: (await lapByName(tb, 'DSN4')).id, colour: '#000000' });
  return tb;
}

async function setState(tb: TestBackend) {
  return (await tb.send('lapSets.list', {})).map((s) => ({ name: s.name, kind: s.kind, council: s.council?.code ?? null, lapCount: s.lapCount }));
}

describe('export', () => {
  it('JSON has the interchange shape', async () => {
    const tb = fresh();
    const n4 = await lapByName(tb, 'N4');
    const file = await tb.send('laps.export', { lapId: n4.id, format: 'json' });
    expect(file.fileName).toBe('N4.json');
    const json = JSON.parse(file.content);
    expect(json).toMatchObject({ format: LAP_FILE_FORMAT, appVersion: '0.1.0' });
    expect(Date.parse(json.exportedAt)).not.toBeNaN();
    expect(json.sets).toEqual([{ name: 'West Northamptonshire LAPs', kind: 'official', council: 'E06000062' }]);
    expect(json.laps).toEqual([
      {
        name: 'N4',
        set: 'West Northamptonshire LAPs',
        colour: n4.colour,
        notes: n4.notes,
        wards: [
          { code: 'E05013239', name: 'Abington and Phippsville' },
          { code: 'E05013246', name: 'Castle' },
          { code: 'E05013247', name: 'Dallington Spencer' },
          { code: 'E05013264', name: 'St. George' },
        ],
      },
    ]);
  });

  it('CSV has a header, one row per ward, quotes where needed and guards formula-like cells', async () => {
    const tb = await populated();
    const hv = await setByName(tb, 'Health visitors');
    const file = await tb.send('laps.export', { setId: hv.id, format: 'csv' });
    expect(file.content).toBe("lap_name,ward_code,ward_name\r\n'=SUM(A1),E05013246,Castle\r\nLater,,\r\n");
    const custom = await setByName(tb, 'My working groups');
    const csv = (await tb.send('laps.export', { setId: custom.id, format: 'csv' })).content;
    expect(csv).toContain('"Far, ""apart""",E05013242,Brackley\r\n');
  });

  it('refuses a CSV of everything when two sets have a LAP of the same name', async () => {
    const tb = fresh();
    await tb.send('laps.duplicate', { id: (await lapByName(tb, 'N4')).id, name: 'N4', setId: (await setByName(tb, 'My working groups')).id });
    expect((await tb.refuse('laps.export', { format: 'csv' })).message).toBe(
      'A CSV file carries no set, and West Northamptonshire LAPs and My working groups both have a LAP called N4. Export one set at a time, or use JSON.',
    );
  });

  it('GeoJSON of the outlines with name, set, colour, ward codes, count and population', async () => {
    const tb = fresh();
    const west = await setByName(tb, 'West Northamptonshire LAPs');
    const file = await tb.send('laps.export', { setId: west.id, format: 'geojson' });
    expect(file.mimeType).toBe('application/geo+json');
    const fc = JSON.parse(file.content);
    expect(fc.type).toBe('FeatureCollection');
    const n4 = fc.features.find((f: { properties: { name: string } }) => f.properties.name === 'N4');
    expect(n4.properties).toEqual({
      name: 'N4',
      set: 'West Northamptonshire LAPs',
      colour: '#1b9e77',
      ward_codes: ['E05013239', 'E05013246', 'E05013247', 'E05013264'],
      ward_count: 4,
      population: 42_750,
    });
    expect(n4.geometry.type).toBe('Polygon');
    const dsn4 = fc.features.find((f: { properties: { name: string } }) => f.properties.name === 'DSN4');
    expect(dsn4.properties.population).toBeNull();
  });
});

describe('round trip into a fresh database', () => {
  it('JSON: every set and LAP comes back identical (names, sets, wards, colours, notes)', async () => {
    const a = await populated();
    const file = await a.send('laps.export', { format: 'json' });
    const b = fresh();
    const result = await b.send('laps.import', { content: file.content, fileName: file.fileName });
    expect(await lapState(b)).toEqual(await lapState(a));
    expect(await setState(b)).toEqual(await setState(a));
    expect(result.setsCreated).toEqual(['Health visitors']);
    // The presets were already there with the same wards: updated (N4 notes, DSN4 colour), not duplicated.
    expect(result.laps.filter((l) => l.action === 'updated').map((l) => l.name)).toEqual(['DSN4', 'N4']);
    expect(result.laps.filter((l) => l.action === 'created')).toHaveLength(7);
    // Importing the same file again changes nothing.
    const before = await lapState(b);
    const again = await b.send('laps.import', { content: file.content });
    expect(again.laps.every((l) => l.action === 'unchanged')).toBe(true);
    expect(await lapState(b)).toEqual(before);
  });

  it('JSON into a database whose presets were deleted recreates them from the file', async () => {
    const a = fresh();
    const file = await a.send('laps.export', { format: 'json' });
    const b = fresh();
    await b.send('lapSets.delete', { id: (await setByName(b, 'West Northamptonshire LAPs')).id });
    await b.send('laps.import', { content: file.content });
    expect(await lapState(b)).toEqual(await lapState(a));
  });

  it('CSV: each set comes back with the same LAP names and wards', async () => {
    const a = await populated();
    const b = fresh();
    for (const name of ['West Northamptonshire LAPs', 'North Northamptonshire LAPs', 'My working groups', 'Health visitors']) {
      const setA = await setByName(a, name);
      const file = await a.send('laps.export', { setId: setA.id, format: 'csv' });
      const setB = (await b.send('lapSets.list', {})).find((s) => s.name === name) ?? createSet(b.backend.db, { name, kind: 'custom' });
      await b.send('laps.import', { content: file.content, fileName: file.fileName, setId: setB.id });
    }
    const names = (s: Awaited<ReturnType<typeof lapState>>) => s.map(({ set, kind, name, wards }) => ({ set, kind, name, wards }));
    expect(names(await lapState(b))).toEqual(names(await lapState(a)));
  });

  it('CSV without a set goes to the first custom set; ward names may stand in for codes', async () => {
    const b = fresh();
    const csv = 'LAP_NAME,Ward_Code,Ward_Name,comment\r\n"Town, centre",,st george\r\nTown  centre,E05013246,Castle,ignored\r\n';
    const r = await b.send('laps.import', { content: csv, fileName: 'mine.csv' });
    expect(r).toMatchObject({ format: 'csv', laps: [{ name: 'Town, centre', setName: 'My working groups', action: 'created' }] });
    expect((await lapByName(b, 'Town, centre')).wards.map((w) => w.name)).toEqual(['Castle', 'St. George']);
  });
});

describe('bad imports fail with a message naming the row or LAP, and change nothing', () => {
  async function refused(tb: TestBackend, args: { content: string; fileName?: string; setId?: number; onNameClash?: 'rename' | 'fail' }) {
    const before = dump(tb);
    const err = await tb.refuse('laps.import', args);
    expect(dump(tb)).toEqual(before);
    return err;
  }
  const csv = (...rows: string[]) => ['lap_name,ward_code,ward_name', ...rows].join('\n');

  it('unknown ward code (CSV row, JSON LAP)', async () => {
    const tb = fresh();
    expect(await refused(tb, { content: csv('X,E05013246,Castle', 'X,E05099999,Nowhere'), fileName: 'laps.csv' })).toEqual({
      kind: 'invalid-input',
      message: 'laps.csv row 3: there is no ward with code E05099999.',
    });
    const json = { format: LAP_FILE_FORMAT, sets: [{ name: 'S', kind: 'custom', council: null }], laps: [{ name: 'X', set: 'S', wards: [{ code: 'E05099999' }] }] };
    expect((await refused(tb, { content: JSON.stringify(json), fileName: 'laps.json' })).message).toBe(
      "laps.json: LAP 'X' (laps[0]): there is no ward with code E05099999.",
    );
  });

  it('a ward listed twice in a LAP', async () => {
    const tb = fresh();
    expect((await refused(tb, { content: csv('X,E05013246,Castle', 'Y,E05013246,Castle', 'X,E05013246,Castle'), fileName: 'laps.csv' })).message).toBe(
      "laps.csv row 4: Castle (E05013246) is listed twice for LAP 'X' (first on row 2).",
    );
    const json = { format: LAP_FILE_FORMAT, sets: [{ name: 'S', kind: 'custom' }], laps: [{ name: 'X', set: 'S', wards: [{ code: W.castle }, { code: W.castle }] }] };
    expect((await refused(tb, { content: JSON.stringify(json), fileName: 'laps.json' })).message).toBe(
      "laps.json: LAP 'X' (laps[0]): Castle (E05013246) is listed twice.",
    );
  });

  it('an overlap in an official set, also between two LAPs of the same file (nothing of the file is kept)', async () => {
    const tb = fresh();
    const west = await setByName(tb, 'West Northamptonshire LAPs');
    expect(await refused(tb, { content: csv('N5,E05013256,Headlands', 'N5,E05013246,Castle'), fileName: 'laps.csv', setId: west.id })).toEqual({
      kind: 'conflict',
      message: 'laps.csv row 3: Castle is already in N4 (West Northamptonshire LAPs); official LAPs in one set cannot share wards.',
    });
    const json = {
      format: LAP_FILE_FORMAT,
      sets: [{ name: 'West Northamptonshire LAPs', kind: 'official', council: 'E06000062' }],
      laps: [
        { name: 'N1', set: 'West Northamptonshire LAPs', wards: [{ code: W.headlands }, { code: W.billing }] },
        { name: 'N2', set: 'West Northamptonshire LAPs', wards: [{ code: W.boothville }, { code: W.headlands }] },
      ],
    };
    expect((await refused(tb, { content: JSON.stringify(json), fileName: 'laps.json' })).message).toBe(
      "laps.json: LAP 'N2' (laps[1]): Headlands is already in N1 (West Northamptonshire LAPs); official LAPs in one set cannot share wards.",
    );
  });

  it('malformed JSON, a foreign JSON file, and a bad field', async () => {
    const tb = fresh();
    expect((await refused(tb, { content: '{"format": "lap-insight-laps/1", "laps": [', fileName: 'laps.json' })).message).toMatch(
      /^laps\.json is not valid JSON \(.+\)\.$/,
    );
    expect((await refused(tb, { content: '{"type":"FeatureCollection"}', fileName: 'x.json' })).message).toBe(
      'x.json is not a LAP Insight LAP file (its "format" should be "lap-insight-laps/1").',
    );
    const json = { format: LAP_FILE_FORMAT, sets: [], laps: [{ name: 'X', set: 'S', colour: 'red', wards: [] }] };
    expect((await refused(tb, { content: JSON.stringify(json), fileName: 'laps.json' })).message).toBe('laps.json: laps[0].colour: a colour looks like #1b9e77.');
    const noSet = { format: LAP_FILE_FORMAT, sets: [], laps: [{ name: 'X', set: 'Nowhere', wards: [] }] };
    expect((await refused(tb, { content: JSON.stringify(noSet), fileName: 'laps.json' })).message).toBe(
      "laps.json: LAP 'X' (laps[0]): its set Nowhere is not in the file's list of sets, nor in this database.",
    );
  });

  it('CSV with a missing column, an unclosed quote, or an empty LAP name', async () => {
    const tb = fresh();
    expect((await refused(tb, { content: 'lap_name,ward_name\nX,Castle\n', fileName: 'laps.csv' })).message).toBe(
      'laps.csv: the header row has no ward_code column (expected lap_name,ward_code,ward_name; found lap_name,ward_name).',
    );
    expect((await refused(tb, { content: 'N4,E05013246,Castle\n', fileName: 'laps.csv' })).message).toMatch(
      /^laps\.csv: the header row has no lap_name, ward_code or ward_name column/,
    );
    expect((await refused(tb, { content: csv('X,E05013246,Castle', '"Y,E05013246,Castle'), fileName: 'laps.csv' })).message).toBe(
      'laps.csv: line 3: a quoted value is never closed.',
    );
    expect((await refused(tb, { content: csv(',E05013246,Castle'), fileName: 'laps.csv' })).message).toBe('laps.csv row 2: lap_name is empty.');
    expect((await refused(tb, { content: csv('X,E05013246,Brackley'), fileName: 'laps.csv' })).message).toBe(
      'laps.csv row 2: ward code E05013246 is Castle, but the row says Brackley.',
    );
    expect((await refused(tb, { content: csv('X,,Daventry'), fileName: 'laps.csv' })).message).toBe(
      "laps.csv row 2: 'Daventry' matches 2 wards: Daventry East, Daventry West. Use the full name or the code.",
    );
    expect((await refused(tb, { content: '', fileName: 'laps.csv' })).message).toBe('laps.csv is empty.');
  });

  it('lists several problems at once', async () => {
    const tb = fresh();
    const err = await refused(tb, { content: csv('X,E05099998,', 'X,E05099999,'), fileName: 'laps.csv' });
    expect(err.message).toBe('laps.csv row 2: there is no ward with code E05099998. laps.csv row 3: there is no ward with code E05099999.');
  });
});

describe('name clashes on import', () => {
  it('renames by default ("Town centre (2)"), or fails when asked', async () => {
    const tb = fresh();
    const custom = await setByName(tb, 'My working groups');
    await tb.send('laps.create', { setId: custom.id, name: 'Town centre', wards: [W.castle] });
    const content = 'lap_name,ward_code,ward_name\nTown centre,E05013242,Brackley\n';
    const before = dump(tb);
    expect(await tb.refuse('laps.import', { content, fileName: 'a.csv', onNameClash: 'fail' })).toEqual({
      kind: 'conflict',
      message: "a.csv row 2: there is already a LAP called Town centre in My working groups (with other wards).",
    });
    expect(dump(tb)).toEqual(before);
    const r = await tb.send('laps.import', { content, fileName: 'a.csv' });
    expect(r.laps).toEqual([{ id: expect.any(Number), name: 'Town centre (2)', setName: 'My working groups', action: 'renamed', fileName: 'Town centre' }]);
    expect(r.messages).toEqual(['My working groups already has a LAP called Town centre with other wards, so the imported one is called Town centre (2).']);
    expect((await lapByName(tb, 'Town centre (2)')).wards.map((w) => w.name)).toEqual(['Brackley']);
  });
});
