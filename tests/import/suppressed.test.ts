/**
 * Suppressed small counts are not missing (issue 14, method 1; docs/methods.md): with `suppressedBelow`, an LSOA whose
 * count the publisher blanked keeps its denominator and counts as 0 to threshold - 1 in the ward and council sums.
 * Every number in these files is SYNTHETIC (invented test data); the area codes are real ONS codes so that the
 * bundled best-fit lookup is exercised. Expected sums are worked out by hand below.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findAssetsDir } from '../../backend/paths.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { openDatabase } from '../../backend/db.ts';
import { run } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fixture, freshBackend, importText, TIDY_HEADER, values } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeEach(() => {
  env = freshBackend();
});
afterEach(() => env.cleanup());

const ABINGTON = 'E05013239';
const CASTLE = 'E05013246';
const DALLINGTON = 'E05013247';
const ST_GEORGE = 'E05013264';
const ENGLAND = 'E92000001';

/** The LSOA21s that the bundled ONS best-fit lookup puts in a ward, read straight from the CSV (sorted). */
function lsoasOf(ward: string): string[] {
  const text = readFileSync(path.join(findAssetsDir(), 'lookups', 'lsoa21_ward.csv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[1] === ward)
    .map((f) => f[0]!)
    .sort();
}

/** Suppressed LSOAs per ward: the first k (sorted) of each N4 ward. */
const SUPPRESSED: Record<string, number> = { [ABINGTON]: 2, [CASTLE]: 3, [DALLINGTON]: 2, [ST_GEORGE]: 3 };

/**
 * A synthetic LSOA file for the 34 LSOAs of N4: every LSOA has 20 of 400 residents, except 10 LSOAs whose count is
 * suppressed ('*' or blank). England: `englandNum` of 100,000 (given as published).
 */
function file(id: string, englandNum: number): string {
  const name = `Synthetic deprived residents by LSOA (test data)`;
  const lines = [TIDY_HEADER];
  let marker = 0;
  for (const ward of [ABINGTON, CASTLE, DALLINGTON, ST_GEORGE]) {
    lsoasOf(ward).forEach((code, j) => {
      const num = j < SUPPRESSED[ward]! ? (marker++ % 2 === 0 ? '*' : '') : '20';
      lines.push(`${code},${code},lsoa21,${id},${name},2019,,${num},400,,,%`);
    });
  }
  lines.push(`${ENGLAND},England,england,${id},${name},2019,,${englandNum},100000,,,%`);
  return `${lines.join('\n')}\n`;
}

const MAPPING = (id: string, below?: number) => ({
  ...(below !== undefined ? { suppressedBelow: below } : {}),
  indicators: { [id]: { valueType: 'proportion' as const, multiplier: 100, polarity: 'low-is-good' as const, ambition: 'context' as const } },
});

describe('suppressed small counts in an imported LSOA file', () => {
  it('the file has 34 N4 LSOAs, 10 of them suppressed (the fixture is what the hand sums assume)', () => {
    expect([ABINGTON, CASTLE, DALLINGTON, ST_GEORGE].map((w) => lsoasOf(w).length)).toEqual([7, 9, 9, 9]);
    const text = file('x', 1);
    expect(text.split('\n').filter((l) => /,lsoa21,x,.*,2019,,(\*|),400,/.test(l))).toHaveLength(10);
  });

  it('with --suppressed-below 10 each ward keeps every denominator; lower and upper sums by hand', async () => {
    const id = 'synthetic_idaci_like';
    const r = await importText(env.backend, 'suppressed.csv', file(id, 4300), { mapping: MAPPING(id, 10) });
    expect(r.status).toBe('imported');
    expect(r.preview.report.issues.map((i) => i.message)).toContain(
      '10 values were suppressed by the publisher (below 10); each is counted as 0 to 9 when small areas are added up into wards and councils, and its area\'s denominator is kept (rows 2, 3, 9 and 7 more)',
    );
    // Nothing is left in the "stored as missing" warning: every blank had a denominator.
    expect(r.preview.report.issues.some((i) => /stored as missing, not zero/.test(i.message))).toBe(false);
    const rows = env.backend.db
      .prepare("SELECT area_code, numerator, numerator_upper, denominator, value, note FROM value WHERE indicator_id = ? AND area_code LIKE 'E05%' ORDER BY area_code")
      .all(id) as { area_code: string; numerator: number; numerator_upper: number | null; denominator: number; value: number; note: string }[];
    // By hand: a ward of n LSOAs with k suppressed: lower = 20 (n - k), upper = 20 (n - k) + 9k, denominator = 400 n.
    //   Abington   n 7, k 2: 100 .. 118 of 2800     Castle     n 9, k 3: 120 .. 147 of 3600
    //   Dallington n 9, k 2: 140 .. 158 of 3600     St. George n 9, k 3: 120 .. 147 of 3600
    expect(rows.map((x) => [x.area_code, x.numerator, x.numerator_upper, x.denominator])).toEqual([
      [ABINGTON, 100, 118, 2800],
      [CASTLE, 120, 147, 3600],
      [DALLINGTON, 140, 158, 3600],
      [ST_GEORGE, 120, 147, 3600],
    ]);
    // The stored value is the midpoint: Castle (120 + 147) / 2 / 3600 x 100 = 3.7083...%.
    expect(rows[1]!.value).toBeCloseTo(((120 + 147) / 2 / 3600) * 100, 10);
    expect(rows[1]!.note).toBe(
      'best-fit estimate: sum of 9 LSOA 2021s; 3 LSOA 2021s with a suppressed count (fewer than 10) in the source: each kept in the denominator and counted as 0 to 9, so the value is the midpoint of a range',
    );
    // The LSOA rows themselves stay as published: no count, never a 0.
    const lsoa = values(env.backend.db, id).filter((x) => x.area_code === lsoasOf(CASTLE)[0]);
    expect(lsoa.map((x) => [x.numerator, x.denominator, x.value])).toEqual([[null, 400, null]]);
  });

  it('the profile shows the midpoint with the range, and compares only when both ends agree', async () => {
    // England 4.3%. N4 lower end 480 / 13,600 = 3.53% (99.8% upper limit about 4.0%: best); upper end 570 / 13,600
    // = 4.19% (95% interval about 3.87-4.54%, which holds 4.3: similar). The ends disagree: cannot be compared.
    const a = 'synthetic_range_split';
    // England 6.0%: both ends are far below it, so both say 'best' and the comparison stands.
    const b = 'synthetic_range_agree';
    for (const [id, eng] of [
      [a, 4300],
      [b, 6000],
    ] as const) {
      const r = await importText(env.backend, `${id}.csv`, file(id, eng), { mapping: MAPPING(id, 10) });
      expect(r.status).toBe('imported');
    }
    const laps = (await dispatch(env.backend.handlers, 'laps.list', {})) as { ok: true; value: { id: number; name: string }[] };
    const n4 = laps.value.find((l) => l.name === 'N4')!.id;
    const res = await dispatch(env.backend.handlers, 'profile.get', { area: { kind: 'lap', id: n4 }, benchmark: 'england' });
    if (!res.ok) throw new Error(res.error.message);
    const p = res.value as { indicators: { id: string; value: number | null; numerator: number | null; denominator: number | null; range?: { lower: number; upper: number }; benchmarks: Record<string, { comparison: string; notComparedReason?: string }> }[] };
    const split = p.indicators.find((i) => i.id === a)!;
    expect(split.range!.lower).toBeCloseTo((480 / 13600) * 100, 10);
    expect(split.range!.upper).toBeCloseTo((570 / 13600) * 100, 10);
    expect(split.value).toBeCloseTo((525 / 13600) * 100, 10);
    expect(split.benchmarks.england!.comparison).toBe('not-compared');
    expect(split.benchmarks.england!.notComparedReason).toBe('cannot be compared: suppressed small numbers (the two ends of the range give different answers)');
    // Wilson by hand at both ends (z = 1.959963985, 3.090232306) confirms the ends disagree.
    const wilson = (x: number, n: number, z: number) => {
      const root = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
      return [((2 * x + z * z - root) / (2 * (n + z * z))) * 100, ((2 * x + z * z + root) / (2 * (n + z * z))) * 100] as const;
    };
    expect(wilson(480, 13600, 3.090232306)[1]).toBeLessThan(4.3);
    expect(wilson(570, 13600, 1.959963985)[0]).toBeLessThan(4.3);
    expect(wilson(570, 13600, 1.959963985)[1]).toBeGreaterThan(4.3);
    const agree = p.indicators.find((i) => i.id === b)!;
    expect(wilson(570, 13600, 3.090232306)[1]).toBeLessThan(6);
    expect(agree.benchmarks.england!.comparison).toBe('best');
    expect(agree.benchmarks.england!.notComparedReason).toBeUndefined();
  });

  it('without the option nothing changes: a ward with a suppressed LSOA is missing, as before', async () => {
    const id = 'synthetic_no_option';
    const r = await importText(env.backend, 'plain.csv', file(id, 4300), { mapping: MAPPING(id) });
    expect(r.status).toBe('imported');
    const castle = values(env.backend.db, id).find((x) => x.area_code === CASTLE)!;
    expect([castle.numerator, castle.denominator, castle.value]).toEqual([null, null, null]);
    expect(castle.note).toMatch(/^incomplete: 3 of 9 LSOA 2021s missing or suppressed/);
    const upper = env.backend.db.prepare('SELECT COUNT(*) AS n FROM value WHERE indicator_id = ? AND numerator_upper IS NOT NULL').get(id) as { n: number };
    expect(upper.n).toBe(0);
    expect(r.preview.report.issues.map((i) => i.message).join('\n')).toMatch(/10 values are suppressed or blank .*: stored as missing, not zero/);
  });
});

describe('rows that are not small areas', () => {
  it('a blank ward count stays missing (only small-area counts are summed, so only they become a range)', async () => {
    const id = 'synthetic_ward_blank';
    const text = `${TIDY_HEADER}\n${CASTLE},Castle,ward,${id},Ward blank (test data),2019,,,400,,,%\n${ST_GEORGE},St. George,ward,${id},Ward blank (test data),2019,,20,400,,,%\n`;
    const r = await importText(env.backend, 'ward-blank.csv', text, { mapping: MAPPING(id, 10) });
    expect(r.status).toBe('imported');
    const messages = r.preview.report.issues.map((i) => i.message);
    expect(messages.some((m) => /suppressed by the publisher/.test(m))).toBe(false);
    expect(messages).toContain('1 value is suppressed or blank: stored as missing, not zero (row 2)');
    const castle = env.backend.db.prepare('SELECT numerator, numerator_upper, denominator FROM value WHERE indicator_id = ? AND area_code = ?').get(id, CASTLE);
    expect(castle).toEqual({ numerator: null, numerator_upper: null, denominator: 400 });
  });
});

describe('a wide file laid out like the IoD2019 files (numerator and denominator columns, blank numerators)', () => {
  it('Castle: lower and upper sums by hand', async () => {
    // SYNTHETIC numbers. Castle's 9 LSOAs (sorted): numerators blank, blank, 10, 15, 20, 25, 30, 35, 40; 200 children each.
    const nums = ['', '', '10', '15', '20', '25', '30', '35', '40'];
    const lines = ['LSOA code,Children in income deprivation (test data),Children aged 0-15 (test data)', ...lsoasOf(CASTLE).map((code, j) => `${code},${nums[j]},200`)];
    const r = await importText(env.backend, 'iod-like.csv', `${lines.join('\n')}\n`, {
      format: 'wide',
      mapping: {
        areaCodeColumn: 'LSOA code',
        areaType: 'lsoa21',
        period: '2019',
        suppressedBelow: 10,
        columns: {
          'Children in income deprivation (test data)': {
            id: 'synthetic_iod_like',
            valueType: 'proportion',
            multiplier: 100,
            polarity: 'low-is-good',
            ambition: 'context',
            denominatorColumn: 'Children aged 0-15 (test data)',
          },
        },
      },
    });
    expect(r.status).toBe('imported');
    const castle = env.backend.db.prepare('SELECT numerator, numerator_upper, denominator, value FROM value WHERE indicator_id = ? AND area_code = ?').get('synthetic_iod_like', CASTLE);
    // Lower = 10+15+20+25+30+35+40 = 175; upper = 175 + 2 x 9 = 193; denominator 9 x 200 = 1800; value (175+193)/2/1800 x 100.
    expect(castle).toEqual({ numerator: 175, numerator_upper: 193, denominator: 1800, value: expect.closeTo((184 / 1800) * 100, 10) as unknown as number });
  });
});

describe('lap-insight import --suppressed-below', () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('carries the suppressed St. George LSOA of lsoa21-rollup.csv as 0 to 9; a bad threshold is refused', async () => {
    const t = tempDir('lap-suppressed-cli-');
    try {
      const db = path.join(t.dir, 'cli.db');
      const bad = await cli(['import', fixture('lsoa21-rollup.csv'), '--suppressed-below', '1', '--db', db]);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toMatch(/--suppressed-below must be a whole number of 2 or more/);
      const r = await cli(['import', fixture('lsoa21-rollup.csv'), '--suppressed-below', '10', '--db', db]);
      expect(r.code).toBe(0);
      const d = openDatabase(db);
      try {
        const george = d.prepare("SELECT numerator, numerator_upper, denominator FROM value WHERE indicator_id = 'synthetic_lsoa_smokers' AND area_code = ?").get(ST_GEORGE);
        // The fixture's St. George LSOAs: numerators 20..28 with 24 suppressed ('*'), denominators 200..208.
        // Lower = 20+21+22+23+25+26+27+28 = 192; upper = 192 + 9 = 201; denominator = 200+...+208 = 1836.
        expect(george).toEqual({ numerator: 192, numerator_upper: 201, denominator: 1836 });
      } finally {
        d.close();
      }
    } finally {
      t.cleanup();
    }
  });
});
