import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { run } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// The 57 ONS codes with names, as listed in the project's geography notes.
const WEST = 'Abington and Phippsville,Billing and Rectory Farm,Boothville and Parklands,Brackley,Braunston and Crick,Brixworth,Bugbrooke,Castle,Dallington Spencer,Daventry East,Daventry West,Deanshanger,Delapre and Rushmere,Duston East,Duston West and St. Crispin,East Hunsbury and Shelfleys,Hackleton and Grange Park,Headlands,Kingsthorpe North,Kingsthorpe South,Long Buckby,Middleton Cheney,Moulton,Nene Valley,Riverside Park,St. George,Silverstone,Sixfields,Talavera,Towcester and Roade,Woodford and Weedon'.split(',');
const NORTH = 'Brickhill and Queensway,Burton and Broughton,Clover Hill,Corby Rural,Corby West,Croyland and Swanspool,Desborough,Earls Barton,Finedon,Hatton Park,Higham Ferrers,Irchester,Irthlingborough,Ise,Kingswood,Lloyds,Northall,Oakley,Oundle,Raunds,Rothwell and Mawsley,Rushden Pemberton West,Rushden South,Thrapston,Wicksteed,Windmill'.split(',');

describe('lap-insight CLI', () => {
  it('wards --json prints the 57 wards with their ONS codes and councils', async () => {
    const r = await cli(['wards', '--json', '--db', path.join(dir, 'a.db')]);
    expect(r.code).toBe(0);
    const wards = JSON.parse(r.out) as { code: string; name: string; authorityCode: string; authorityName: string }[];
    expect(wards).toHaveLength(57);
    const expected = [
      ...NORTH.map((name, i) => ({ code: `E0501${3213 + i}`, name, authorityCode: 'E06000061', authorityName: 'North Northamptonshire' })),
      ...WEST.map((name, i) => ({ code: `E0501${3239 + i}`, name, authorityCode: 'E06000062', authorityName: 'West Northamptonshire' })),
    ];
    expect(wards).toEqual(expected);
  });

  it('wards prints a readable table', async () => {
    const r = await cli(['wards', '--db', path.join(dir, 'a.db')]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^CODE\s+NAME\s+COUNCIL CODE\s+COUNCIL$/);
    expect(r.out).toMatch(/E05013246\s+Castle\s+E06000062\s+West Northamptonshire/);
  });

  it('honours LAP_INSIGHT_DB when --db is absent', async () => {
    const file = path.join(dir, 'env.db');
    process.env.LAP_INSIGHT_DB = file;
    try {
      const r = await cli(['info', '--json']);
      expect(JSON.parse(r.out).databasePath).toBe(file);
    } finally {
      delete process.env.LAP_INSIGHT_DB;
    }
  });

  it('fails with a non-zero code and a one-line reason', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toBe("lap-insight: unknown command 'frobnicate'. Run 'lap-insight --help' for the list.");
    const noValue = await cli(['wards', '--db']);
    expect(noValue.code).not.toBe(0);
    expect(noValue.err).toBe('lap-insight: --db needs a value');
    // a folder cannot be a database file
    const dirAsDb = await cli(['wards', '--db', dir]);
    expect(dirAsDb.code).toBe(1);
    expect(dirAsDb.err.split('\n')).toHaveLength(1);
    expect(dirAsDb.err).toMatch(/^lap-insight: Could not open the database at /);
  });

  it('works as an installed command (bin/lap-insight.mjs under plain Node)', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    const bin = path.resolve(__dirname, '../..', pkg.bin['lap-insight']);
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: lap-insight <command>');
    const out = execFileSync(process.execPath, [bin, 'wards', '--json', '--db', path.join(dir, 'bin.db')], { encoding: 'utf8' });
    expect(JSON.parse(out)).toHaveLength(57);
    const bad = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe("lap-insight: unknown command 'nope'. Run 'lap-insight --help' for the list.");
  });
});

describe('lap-insight CLI argument order', () => {
  it('accepts global options before the command', async () => {
    const r = await cli(['--db', path.join(dir, 'order.db'), 'wards', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toHaveLength(57);
  });

  it('keeps the app version equal to package.json', async () => {
    const { APP_VERSION } = await import('../../shared/app-info.ts');
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect(APP_VERSION).toBe(pkg.version);
  });
});
