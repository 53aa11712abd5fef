import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { run } from '../../backend/cli/main.ts';
import { tempDir } from '../helpers/tmp.ts';

vi.mock('../../backend/data/population.ts', () => ({ wardPopulations: () => null }));

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('lap-cli-')));
afterAll(() => cleanup());

async function cli(db: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run([...args, '--db', path.join(dir, db)], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface LapJson {
  name: string;
  set: { name: string; kind: string };
  wards: { code: string; name: string }[];
  wardCount: number;
  population: number | null;
}

describe('lap-insight laps / lap', () => {
  it('laps lists the presets; --json gives the full LAPs', async () => {
    const table = await cli('a.db', 'laps');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^NAME\s+SET\s+WARDS\s+POPULATION\s+WARD NAMES$/);
    expect(table.out).toMatch(/N4\s+West Northamptonshire LAPs\s+4\s+not loaded\s+Abington and Phippsville, Castle, Dallington Spencer, St\. George/);
    const json = await cli('a.db', 'laps', '--json', '--set', 'west northamptonshire laps');
    const laps = JSON.parse(json.out) as LapJson[];
    expect(laps.map((l) => [l.name, l.wardCount, l.population])).toEqual([
      ['DSN4', 4, null],
      ['N4', 4, null],
    ]);
  });

  it('lap create matches ward names forgivingly and defaults to the custom set', async () => {
    const r = await cli('a.db', 'lap', 'create', 'Town centre', '--wards', 'castle, st george, Duston West & St Crispin,E05013256', '--colour', '#FF0000');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(
      'Created Town centre in My working groups: 4 wards (Castle, Duston West and St. Crispin, Headlands, St. George), population not loaded.',
    );
    const laps = JSON.parse((await cli('a.db', 'laps', '--json', '--set', 'my working groups')).out) as (LapJson & { colour: string })[];
    expect(laps).toHaveLength(1);
    expect(laps[0]!.wards.map((w) => w.code)).toEqual(['E05013246', 'E05013253', 'E05013256', 'E05013264']);
    expect(laps[0]!.colour).toBe('#ff0000');
  });

  it('an ambiguous or unknown ward name fails with one line listing the candidates', async () => {
    const r = await cli('a.db', 'lap', 'create', 'Daventry LAP', '--wards', 'Daventry');
    expect(r.code).toBe(1);
    expect(r.err).toBe("lap-insight: 'Daventry' matches 2 wards: Daventry East, Daventry West. Use the full name or the code.");
    const u = await cli('a.db', 'lap', 'create', 'X', '--wards', 'Oundel, Castle');
    expect(u.code).toBe(1);
    expect(u.err).toBe("lap-insight: 'Oundel' matches no ward. Did you mean Oundle?");
    expect((await cli('a.db', 'laps', '--json')).out).not.toContain('Daventry LAP');
  });

  it('an overlap in an official set fails with the backend message', async () => {
    const r = await cli('a.db', 'lap', 'create', 'N5', '--wards', 'Castle', '--set', 'West Northamptonshire LAPs');
    expect(r.code).toBe(1);
    expect(r.err).toBe('lap-insight: Castle is already in N4 (West Northamptonshire LAPs); official LAPs in one set cannot share wards.');
  });

  it('export to files and import them into another database', async () => {
    await cli('b.db', 'lap', 'create', 'Far apart', '--wards', 'Brackley, Oundle');
    const jsonFile = path.join(dir, 'west.json');
    const e1 = await cli('b.db', 'lap', 'export', '--set', 'West', '--format', 'json', '--out', jsonFile);
    expect(e1).toMatchObject({ code: 0, out: `Wrote 2 LAPs to ${jsonFile} (json).` });
    expect(JSON.parse(readFileSync(jsonFile, 'utf8')).laps.map((l: { name: string }) => l.name)).toEqual(['DSN4', 'N4']);
    const csvFile = path.join(dir, 'far.csv');
    expect((await cli('b.db', 'lap', 'export', 'far apart', '--out', csvFile)).code).toBe(0); // format from the extension
    expect(readFileSync(csvFile, 'utf8')).toBe('lap_name,ward_code,ward_name\r\nFar apart,E05013242,Brackley\r\nFar apart,E05013231,Oundle\r\n');
    const geo = await cli('b.db', 'lap', 'export', 'N4', '--format', 'geojson'); // stdout
    expect(JSON.parse(geo.out).features[0].properties.name).toBe('N4');

    const imp = await cli('c.db', 'lap', 'import', csvFile);
    expect(imp.code).toBe(0);
    expect(imp.out.split('\n')[0]).toBe('Imported 1 LAP from far.csv (1 created).');
    const again = await cli('c.db', 'lap', 'import', jsonFile);
    expect(again.out.split('\n')[0]).toBe('Imported 2 LAPs from west.json (2 unchanged).');
    const laps = JSON.parse((await cli('c.db', 'laps', '--json')).out) as LapJson[];
    expect(laps.map((l) => `${l.set.name}/${l.name}/${l.wards.map((w) => w.name).join('+')}`)).toEqual([
      'West Northamptonshire LAPs/DSN4/Bugbrooke+Deanshanger+Hackleton and Grange Park+Towcester and Roade',
      'West Northamptonshire LAPs/N4/Abington and Phippsville+Castle+Dallington Spencer+St. George',
      'My working groups/Far apart/Brackley+Oundle',
    ]);
  });

  it('a bad import exits non-zero with the row, and changes nothing', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'lap_name,ward_code,ward_name\nX,E05013246,Castle\nX,E05099999,\n');
    const before = (await cli('d.db', 'laps', '--json')).out;
    const r = await cli('d.db', 'lap', 'import', bad);
    expect(r.code).toBe(1);
    expect(r.err).toBe('lap-insight: bad.csv row 3: there is no ward with code E05099999.');
    expect((await cli('d.db', 'laps', '--json')).out).toBe(before);
    const missing = await cli('d.db', 'lap', 'import', path.join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`lap-insight: Could not read ${path.join(dir, 'nope.json')}: there is no such file.`);
  });

  it('lap delete by name; unknown names and sets fail clearly', async () => {
    expect((await cli('e.db', 'lap', 'delete', 'n4')).out).toBe('Deleted N4 from West Northamptonshire LAPs.');
    expect(JSON.parse((await cli('e.db', 'laps', '--json')).out).map((l: LapJson) => l.name)).toEqual(['DSN4']);
    const gone = await cli('e.db', 'lap', 'delete', 'N4');
    expect(gone).toMatchObject({ code: 1, err: "lap-insight: There is no LAP called 'N4'. Did you mean DSN4?" });
    const noSet = await cli('e.db', 'laps', '--set', 'South');
    expect(noSet.code).toBe(1);
    expect(noSet.err).toBe(
      "lap-insight: There is no LAP set called 'South'. Sets: North Northamptonshire LAPs, West Northamptonshire LAPs, My working groups.",
    );
    const ambiguous = await cli('e.db', 'laps', '--set', 'Northamptonshire');
    expect(ambiguous.err).toBe("lap-insight: 'Northamptonshire' matches 2 LAP sets: North Northamptonshire LAPs, West Northamptonshire LAPs. Use the full name.");
    const sub = await cli('e.db', 'lap', 'frob');
    expect(sub).toMatchObject({ code: 1, err: "lap-insight: Unknown lap command 'frob'. Use one of: coverage, create, delete, export, import, sets, show." });
    // A refused argument prints the same plain words as the app (describeReplyError), not "laps.create: colour: ...".
    const colour = await cli('e.db', 'lap', 'create', 'Red group', '--wards', 'Castle', '--colour', 'red');
    expect(colour).toMatchObject({ code: 1, err: 'lap-insight: A colour looks like #1b9e77.' });
  });

  it('lap coverage and lap show', async () => {
    const cov = await cli('f.db', 'lap', 'coverage', '--set', 'north northamptonshire laps');
    expect(cov.out).toMatch(/^North Northamptonshire: 0 of 26 wards are in a LAP of North Northamptonshire LAPs; 26 are not: Brickhill and Queensway, /);
    const covJson = JSON.parse((await cli('f.db', 'lap', 'coverage', '--set', 'West Northamptonshire LAPs', '--json')).out);
    expect(covJson.councils[0].uncovered).toHaveLength(23);
    const show = await cli('f.db', 'lap', 'show', 'DSN4');
    expect(show.out.split('\n')[0]).toBe('DSN4 (West Northamptonshire LAPs, official)');
    expect(show.out).toContain('Wards (4): Bugbrooke (E05013245), Deanshanger (E05013250), Hackleton and Grange Park (E05013255), Towcester and Roade (E05013268)');
  });
});
