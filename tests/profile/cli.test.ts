import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { run } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('lap-profile-cli-')));
afterAll(() => cleanup());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run([...args, '--db', path.join(dir, 'p.db')], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lap-insight profile', () => {
  it('prints a readable table per ambition with comparisons in words', async () => {
    const r = await cli('profile', 'n4');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('N4 (LAP in West Northamptonshire LAPs): 4 wards, population 62,807 (Census 2021)');
    expect(lines[1]).toBe('Wards: Abington and Phippsville, Castle, Dallington Spencer, St. George');
    expect(lines[2]).toMatch(/^Compared with West Northamptonshire: significantly worse on \d+ indicators, significantly better on \d+\.$/);
    expect(r.out).toContain('\n5. Good housing in places which are clean and green\n');
    expect(r.out).toMatch(/\nOvercrowded households\s+2021\s+9\.1%\*\s+8\.7 to 9\.4\s+3\.8%\s+2\.7%\s+4\.4%\s+Worst\n/);
    expect(r.out).toMatch(/\n1-bedroom households\s+2021\s+council only\s+8\.7%\s+7\.2%\s+–\s+Not compared/);
    expect(r.out).toContain('Sources: ');
  });

  it('--json gives the profile; --benchmark picks the headline comparison', async () => {
    const r = await cli('profile', 'N4', '--json', '--benchmark', 'england');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out);
    expect(p.benchmark).toBe('england');
    expect(p.area).toMatchObject({ name: 'N4', kind: 'lap', population: 62_807 });
    const over = p.indicators.find((i: { id: string }) => i.id === 'census21_overcrowding');
    expect(Object.keys(over)).toEqual(expect.arrayContaining(['id', 'name', 'ambition', 'period', 'unit', 'valueType', 'value', 'ci95', 'ci998', 'numerator', 'denominator', 'estimate', 'coverage', 'benchmarks']));
    expect(over.comparison).toBe(over.benchmarks.england.comparison);
    const text = await cli('profile', 'N4', '--benchmark', 'england');
    expect(text.out.split('\n')[2]).toMatch(/^Compared with England:/);
  });

  it('takes a ward code, a council code, or a ward name', async () => {
    const ward = JSON.parse((await cli('profile', 'E05013246', '--json')).out);
    expect(ward.area).toMatchObject({ name: 'Castle', kind: 'ward', code: 'E05013246' });
    const council = JSON.parse((await cli('profile', 'E06000061', '--json')).out);
    expect(council.area).toMatchObject({ name: 'North Northamptonshire', kind: 'council', population: 359_519 });
    expect((await cli('profile', 'E06000061')).out.split('\n')[2]).toMatch(/^Compared with England:/);
    const byName = JSON.parse((await cli('profile', 'st', 'george', '--json')).out);
    expect(byName.area.code).toBe('E05013264');
  });

  it('says which LAPs an ambiguous name could be, and refuses unknown areas and options', async () => {
    expect(await cli('lap', 'create', 'N4', '--wards', 'Castle', '--set', 'my working groups')).toMatchObject({ code: 0 });
    const twice = await cli('profile', 'N4');
    expect(twice.code).toBe(1);
    expect(twice.err).toBe("lap-insight: 'N4' matches 2 LAPs: N4 (West Northamptonshire LAPs), N4 (My working groups). Say which with --set SET.");
    const chosen = JSON.parse((await cli('profile', 'N4', '--set', 'my working groups', '--json')).out);
    expect(chosen.area.wards.map((w: { name: string }) => w.name)).toEqual(['Castle']);
    const partial = await cli('profile', 'N');
    expect(partial.err).toMatch(/^lap-insight: 'N' matches \d LAPs: /);
    const none = await cli('profile', 'Zebra Crossing');
    expect(none).toMatchObject({ code: 1 });
    expect(none.err).toMatch(/^lap-insight: There is no LAP, ward or council called 'Zebra Crossing'\./);
    expect((await cli('profile', 'E06000099')).err).toBe('lap-insight: E06000099 is not one of the two councils: use E06000062 (West Northamptonshire) or E06000061 (North Northamptonshire).');
    expect((await cli('profile', 'E05099999')).err).toBe('lap-insight: There is no ward with code E05099999.');
    expect((await cli('profile', 'DSN4', '--benchmark', 'wales')).err).toBe("lap-insight: --benchmark must be own, west, north or england (not 'wales').");
    expect((await cli('profile')).err).toMatch(/^lap-insight: Name a LAP, ward or council: profile NAME/);
  });
});
