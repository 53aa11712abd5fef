/**
 * Puts the practice-based indicators into a Local Area Profile: the bundle holds them as council/England-only rows
 * (there are no ward values); here the area's value is the sum over its GP practices (store.ts), labelled as
 * patients registered at those practices, with intervals, comparisons with West, North and England, and the trend.
 */
import type { BenchmarkChoice, BenchmarkKey, Profile, ProfileIndicator } from '../../../shared/profile.ts';
import type { Db } from '../db.ts';
import type { ResolvedArea } from '../profile/area.ts';
import { areaPracticeSet, practiceIndicator, practiceIndicatorMetas } from './store.ts';

const KEY_CODE: Record<BenchmarkKey, string> = { west: 'E06000062', north: 'E06000061', england: 'E92000001' };

export function applyPracticeValues(db: Db, profile: Profile, resolved: ResolvedArea): Profile {
  const metas = practiceIndicatorMetas(db);
  if (metas.length === 0) return profile;
  const { practices } = areaPracticeSet(db, resolved);
  const n = practices.length;
  const label = `patients registered at ${resolved.label}'s ${n} GP ${n === 1 ? 'practice' : 'practices'}`;
  const byId = new Map(metas.map((m) => [m.id, m]));
  const chosen = chosenCode(resolved, profile.benchmark);
  profile.indicators = profile.indicators.map((ind): ProfileIndicator => {
    const meta = byId.get(ind.id);
    if (!meta) return ind;
    const v = practiceIndicator(db, meta, practices);
    const benchmarks = { ...ind.benchmarks };
    for (const k of ['west', 'north', 'england'] as BenchmarkKey[]) {
      const b = v.benchmarks.find((x) => x.code === KEY_CODE[k])!;
      benchmarks[k] = { value: b.value, comparison: b.comparison, note: b.note };
    }
    const chosenB = v.benchmarks.find((b) => b.code === chosen);
    const missing = n - v.practicesWithValue;
    const note =
      `Practice-based: ${label} (${v.period ?? 'no period'}), not residents` +
      (missing > 0 ? `; ${missing} of the ${n} practices ${missing === 1 ? 'has' : 'have'} no value for this period and ${missing === 1 ? 'is' : 'are'} left out` : '') +
      (n === 0 ? '; no GP practice lies in the area or is attached to it' : '');
    return {
      ...ind,
      period: v.period ?? ind.period,
      value: v.value,
      ci95: v.ci95,
      ci998: v.ci998,
      numerator: v.numerator,
      denominator: v.denominator,
      estimate: false,
      wardLevel: true,
      coverage: { wards: resolved.members.length, of: resolved.members.length },
      benchmarks,
      comparison: chosenB?.comparison ?? 'not-compared',
      spine: null,
      trend: v.trend.map((t) => ({ period: t.period, value: t.value, council: null })),
      note,
      practiceBased: { label, practices: n, withValue: v.practicesWithValue },
    };
  });
  profile.indicators = profile.indicators.map(modelledEstimate);
  const worse = new Set(['worse', 'worst']);
  const better = new Set(['better', 'best']);
  profile.headline.significantlyWorse = profile.indicators.filter((i) => worse.has(i.comparison)).length;
  profile.headline.significantlyBetter = profile.indicators.filter((i) => better.has(i.comparison)).length;
  return profile;
}

/** Indicators the publisher says must not be compared closely (modelled small-area estimates): no interval, no test. */
export const MODELLED_ESTIMATES = new Set(['fuel_poverty']);

function modelledEstimate(ind: ProfileIndicator): ProfileIndicator {
  if (!MODELLED_ESTIMATES.has(ind.id)) return ind;
  const benchmarks = { ...ind.benchmarks };
  for (const k of ['west', 'north', 'england'] as BenchmarkKey[]) benchmarks[k] = { ...benchmarks[k], comparison: 'not-compared' };
  const why = 'Modelled estimate (DESNZ): the publisher warns against close comparisons of small areas, so no interval and no significance test';
  return { ...ind, ci95: null, ci998: null, comparison: 'not-compared', benchmarks, note: ind.note ? `${ind.note}; ${why}` : why };
}

function chosenCode(resolved: ResolvedArea, choice: BenchmarkChoice): string {
  if (choice === 'own') return resolved.council ? KEY_CODE.england : resolved.ownCouncil.code;
  return KEY_CODE[choice];
}
