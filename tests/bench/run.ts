/**
 * `npm run bench`: runs every tests/bench/*.bench.ts and records the results in BENCHMARKS.md with the machine
 * and the date. Speed is measured here, never asserted in tests.
 *
 * A bench module's default export: () => Promise<BenchResult[]>.
 *   npm run bench                 all benches
 *   npm run bench -- stats        only files whose name contains "stats"
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  median: number;
  unit: string;
  target?: string;
  note?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function fmt(n: number): string {
  if (n >= 100) return n.toFixed(0);
  if (n >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

async function main() {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) {
    console.error('No benchmarks matched.');
    process.exit(1);
  }
  const sections: { file: string; results: BenchResult[] }[] = [];
  for (const f of files) {
    console.log(`Running ${f} ...`);
    const mod = await import(pathToFileURL(path.join(here, f)).href);
    const results = (await mod.default()) as BenchResult[];
    for (const r of results) console.log(`  ${r.name}: ${fmt(r.median)} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
    sections.push({ file: f, results });
  }

  const date = new Date().toISOString().slice(0, 10);
  const mdFile = path.join(root, 'BENCHMARKS.md');
  const header = '# Benchmarks\n\nRecorded by `npm run bench`. Each section is replaced when its bench runs again. Synthetic inputs are labelled as such.\n';
  let md = existsSync(mdFile) ? readFileSync(mdFile, 'utf8') : header;
  for (const s of sections) {
    const start = `<!-- bench:${s.file} -->`;
    const end = `<!-- /bench:${s.file} -->`;
    const table = [
      `## ${s.file.replace('.bench.ts', '')}`,
      '',
      `${date}, ${machine()}`,
      '',
      '| measure | median | target | note |',
      '|---|---|---|---|',
      ...s.results.map((r) => `| ${r.name} | ${fmt(r.median)} ${r.unit} | ${r.target ?? ''} | ${r.note ?? ''} |`),
    ].join('\n');
    const block = `${start}\n${table}\n${end}`;
    const re = new RegExp(`${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*?${end.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    md = re.test(md) ? md.replace(re, block) : `${md.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(mdFile, md.endsWith('\n') ? md : md + '\n');
  console.log(`Updated ${path.relative(process.cwd(), mdFile)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
