/**
 * Benchmark: one LAP profile through the statistics engine.
 *
 * 100 indicators (a mix of value types) for a 10-ward group, each aggregated from its wards and compared with
 * 3 benchmarks (e.g. England, the council, the LAP average). All inputs are SYNTHETIC, generated from a fixed
 * seed: they are not real data and only exercise the code paths.
 *
 * Run: npx tsx -e "import('./tests/bench/stats.bench.ts').then(m=>m.default()).then(console.log)"
 */
import type { IndicatorSpec, MemberInput, Polarity } from '../../shared/stats/index.ts';
import { aggregate, compare, ESP2013 } from '../../shared/stats/index.ts';

export interface BenchResult {
  name: string;
  median: number;
  unit: string;
  target?: string;
  note?: string;
}

/** Small deterministic PRNG (mulberry32) so every run benchmarks the same synthetic profile. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SyntheticIndicator {
  spec: IndicatorSpec;
  members: MemberInput[];
  benchmarks: [number, number, number];
  polarity: Polarity;
}

const WARDS = 10;
/** Mortality pattern borrowed from PHEindicatormethods' life-expectancy example, to make plausible synthetic deaths. */
const ENGLAND_LIKE_POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
const ENGLAND_LIKE_DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
/** Rough scale of each value type's values, so the synthetic benchmarks land near the group values. */
const SCALE: Record<IndicatorSpec['valueType'], number> = {
  count: 2500, proportion: 50, 'crude-rate': 700, isr: 130, dsr: 650, 'life-expectancy': 80, 'mean-score': 30, rank: 16000, other: 1,
};
const MIX: [IndicatorSpec['valueType'], number][] = [
  ['proportion', 30],
  ['crude-rate', 20],
  ['isr', 10],
  ['dsr', 15],
  ['life-expectancy', 5],
  ['mean-score', 10],
  ['count', 5],
  ['rank', 5],
];

/** Builds the synthetic 100-indicator profile (labelled synthetic: not real data). */
export function syntheticProfile(seed = 2024): SyntheticIndicator[] {
  const rand = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const polarities: Polarity[] = ['high-is-good', 'low-is-good', 'no-judgement'];
  const out: SyntheticIndicator[] = [];
  for (const [valueType, howMany] of MIX) {
    for (let k = 0; k < howMany; k++) {
      const multiplier = valueType === 'proportion' ? 100 : valueType === 'isr' ? 100 : valueType === 'crude-rate' || valueType === 'dsr' ? 100000 : 1;
      const members: MemberInput[] = [];
      for (let w = 0; w < WARDS; w++) {
        const code = `E05${String(990000 + w)}`;
        const name = `Synthetic ward ${w + 1}`;
        switch (valueType) {
          case 'proportion': {
            const n = int(500, 8000);
            members.push({ code, name, numerator: int(0, n), denominator: n });
            break;
          }
          case 'crude-rate':
            members.push({ code, name, numerator: int(0, 80), denominator: int(3000, 12000) });
            break;
          case 'isr':
            members.push({ code, name, numerator: int(0, 60), denominator: 5 + rand() * 50 });
            break;
          case 'dsr':
            members.push({ code, name, bands: ESP2013.map(() => ({ count: int(0, 6), population: int(100, 800) })) });
            break;
          case 'life-expectancy':
            members.push({
              code,
              name,
              bands: Array.from({ length: 20 }, (_, i) => {
                const population = i === 0 ? int(60, 120) : i === 1 ? int(250, 450) : int(200, 700);
                const rate = (ENGLAND_LIKE_DEATHS[i] ?? 1) / (ENGLAND_LIKE_POPS[i] ?? 1);
                return { count: Math.max(i === 19 ? 1 : 0, Math.round(population * rate * (0.8 + 0.4 * rand()))), population };
              }),
            });
            break;
          case 'mean-score':
            members.push({ code, name, value: rand() * 60, weight: int(3000, 12000) });
            break;
          case 'count':
            members.push({ code, name, numerator: int(0, 500) });
            break;
          default:
            members.push({ code, name, value: int(1, 32844) });
        }
      }
      out.push({
        spec: { valueType, multiplier },
        members,
        benchmarks: [0, 1, 2].map(() => SCALE[valueType] * (0.8 + 0.4 * rand())) as [number, number, number],
        polarity: polarities[k % 3] ?? 'no-judgement',
      });
    }
  }
  return out;
}

/** One profile: aggregate every indicator and compare it with 3 benchmarks. Returns a checksum. */
export function runProfile(profile: SyntheticIndicator[]): number {
  let checksum = 0;
  for (const ind of profile) {
    const g = aggregate(ind.spec, ind.members);
    for (const b of ind.benchmarks) {
      const c = compare(g, b, ind.polarity, 2);
      checksum += c.length;
    }
    checksum += g.value ?? 0;
  }
  return checksum;
}

export default async function run(): Promise<BenchResult[]> {
  const profile = syntheticProfile();
  const warmup = 200;
  const iterations = 1000;
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += runProfile(profile);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    sink += runProfile(profile);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? (times[(times.length - 1) / 2] ?? 0) : ((times[times.length / 2 - 1] ?? 0) + (times[times.length / 2] ?? 0)) / 2;
  if (!Number.isFinite(sink)) throw new Error('benchmark checksum is not finite');
  return [
    {
      name: 'stats: LAP profile (100 indicators x 10 wards, aggregate + compare x3)',
      median: Number(median.toFixed(4)),
      unit: 'ms',
      target: '< 5 ms',
      note: `synthetic inputs; median of ${iterations} runs after ${warmup} warm-up runs; p95 ${(times[Math.floor(iterations * 0.95)] ?? 0).toFixed(3)} ms`,
    },
  ];
}
