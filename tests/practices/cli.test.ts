/** lap-insight practices (issue 15) on a fresh database: the list, an area's practices, detach and attach back. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../backend/cli/main.ts';
import { tempDir } from '../helpers/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('lap-practices-cli-'));
  db = path.join(dir, 'p.db');
});
afterAll(() => cleanup());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lap-insight practices', () => {
  it('lists the 67 built-in practices with their PCNs', async () => {
    const r = await cli('practices', '--json');
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out) as { code: string; pcnName: string | null }[];
    expect(list).toHaveLength(67);
    expect(list.filter((p) => p.pcnName !== null).length).toBe(65);
  });

  it("N4: its nine practices, its PCNs and the practice-based indicators, labelled as registered patients", async () => {
    const r = await cli('practices', 'N4');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Practice-based indicators are for patients registered at N4's 9 GP practices, not its residents/);
    expect(r.out).toMatch(/Primary Care Networks: /);
    expect(r.out).toMatch(/Hypertension \(QOF\)\s+2024-25/);
  });

  it('detaches a practice from N4 and attaches it back', async () => {
    const d = await cli('practices', 'detach', 'K83029', '--lap', 'N4');
    expect(d.code, d.err).toBe(0);
    expect(d.out).toMatch(/N4's 8 GP practices/);
    const a = await cli('practices', 'attach', 'K83029', '--lap', 'N4');
    expect(a.out).toMatch(/N4's 9 GP practices/);
    const bad = await cli('practices', 'detach', 'K99999', '--lap', 'N4');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/no GP practice with code K99999/);
  });
});
