/**
 * Compact Northamptonshire-only copies of the lookups, for the app's importer (assets/lookups/*.csv).
 * Columns are documented in assets/dataset/README.md.
 */
import { toCsv } from './csv.ts';
import { msoaShares, type Ctx } from './specs.ts';
import type { Sources } from './sources.ts';

function byFirst(a: readonly (string | number | null)[], b: readonly (string | number | null)[]): number {
  return String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]));
}

function lsoa11Pop(s: Sources, from: number, to: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let a = from; a <= to; a++) {
    const id = a >= 90 ? 'mye2020_age_90plus' : `mye2020_age_${a}`;
    for (const r of s.mye2020.indicator(id)) out.set(r.areaCode, (out.get(r.areaCode) ?? 0) + (r.value ?? NaN));
    if (a >= 90) break;
  }
  return out;
}

export function buildLookups(ctx: Ctx): Map<string, string> {
  const { s, geo } = ctx;
  const files = new Map<string, string>();

  const l21 = s.lsoa21Lookup.map((r) => [r.lsoa21_code!, r.ward_code!, r.lad22_code_of_lsoa!] as const).sort(byFirst);
  files.set('assets/lookups/lsoa21_ward.csv', toCsv(['lsoa21_code', 'ward_code', 'lad_code'], l21));

  const l11 = s.lsoa11Lookup
    .map((r) => [r.lsoa11_code!, r.ward_code!, r.lad22_code_of_lsoa!, geo.lsoa11ToMsoa11.get(r.lsoa11_code!) ?? null, r.lsoa21_codes!.split(/[;|\s]+/).filter(Boolean).join(' ')] as const)
    .sort(byFirst);
  for (const r of l11) if (r[3] === null) throw new Error(`LSOA11 ${r[0]} has no MSOA11`);
  files.set('assets/lookups/lsoa11_ward.csv', toCsv(['lsoa11_code', 'ward_code', 'lad_code', 'msoa11_code', 'lsoa21_codes'], l11));

  // Census 2021 usual residents per LSOA21: the denominator of the age (6 bands) file, which is the sum of its six
  // bands for the LSOA (SOURCES.md). Used at run time to weight LSOA population-weighted centroids into ward centres.
  const pop = new Map<string, number>();
  for (const r of s.age6.indicator('c21_age6_aged_15_years_and_under')) {
    const n = r.denominator;
    if (n === null || !Number.isInteger(n) || n <= 0) throw new Error(`age6: LSOA ${r.areaCode} has no usual residents total`);
    if (pop.has(r.areaCode)) throw new Error(`age6: LSOA ${r.areaCode} twice`);
    pop.set(r.areaCode, n);
  }
  for (const [code] of l21) if (!pop.has(code)) throw new Error(`age6: no usual residents for LSOA ${code}`);
  if (pop.size !== l21.length) throw new Error(`age6: ${pop.size} LSOAs but the LSOA21 lookup has ${l21.length}`);
  const popRows = [...pop.entries()].map(([code, n]) => [code, n] as const).sort(byFirst);
  files.set('assets/lookups/lsoa21_population.csv', toCsv(['lsoa21_code', 'usual_residents'], popRows));

  const oa = s.oa21Lookup.map((r) => [r.oa21_code!, r.lsoa21_code!] as const).sort(byFirst);
  files.set('assets/lookups/oa21_lsoa21.csv', toCsv(['oa21_code', 'lsoa21_code'], oa));

  // MSOA11 -> ward parts with LSOA11 counts and mid-2020 populations (importer computes shares = part / MSOA total).
  const all = lsoa11Pop(s, 0, 90);
  const kids = lsoa11Pop(s, 0, 15);
  const working = lsoa11Pop(s, 16, 64);
  const parts = new Map<string, { msoa: string; ward: string; n: number; all: number; kids: number; working: number }>();
  for (const [lsoa, msoa] of geo.lsoa11ToMsoa11) {
    const ward = geo.toWard.lsoa11.get(lsoa)!;
    const key = `${msoa}|${ward}`;
    const p = parts.get(key) ?? { msoa, ward, n: 0, all: 0, kids: 0, working: 0 };
    p.n += 1;
    p.all += all.get(lsoa)!;
    p.kids += kids.get(lsoa)!;
    p.working += working.get(lsoa)!;
    parts.set(key, p);
  }
  // Cross-check with the DERIVED MSOA -> ward LSOA counts.
  const derived = new Map<string, number>(s.msoaWardCounts.map((r) => [`${r.msoa11_code}|${r.ward_code}`, Number(r.n_lsoa11_in_ward)]));
  if (derived.size !== parts.size) throw new Error(`MSOA->ward parts: ${parts.size} here, ${derived.size} in the DERIVED lookup`);
  for (const [k, p] of parts) if (derived.get(k) !== p.n) throw new Error(`MSOA->ward LSOA count differs for ${k}`);
  const msoaRows = [...parts.values()].map((p) => [p.msoa, p.ward, p.n, p.all, p.kids, p.working] as const).sort(byFirst);
  files.set('assets/lookups/msoa11_ward.csv', toCsv(['msoa11_code', 'ward_code', 'n_lsoa11', 'pop2020_all', 'pop2020_0_15', 'pop2020_16_64'], msoaRows));

  // The shares used for the DWP estimates must be reproducible from the file.
  const kidShares = msoaShares(ctx, 0, 15);
  for (const p of parts.values()) {
    const total = [...parts.values()].filter((q) => q.msoa === p.msoa).reduce((a, q) => a + q.kids, 0);
    const share = kidShares.get(p.msoa)!.find((x) => x.target === p.ward)!.weight;
    if (Math.abs(share - p.kids / total) > 1e-12) throw new Error(`MSOA share mismatch ${p.msoa} ${p.ward}`);
  }
  return files;
}
