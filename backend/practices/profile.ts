/**
 * Puts the practice-based indicators into a Local Area Profile: the bundle holds them as council/England-only rows
 * (there are no ward values); here the area's value is the sum over its GP practices (store.ts), labelled as
 * patients registered at those practices, with intervals, comparisons with West, North and England, and the trend.
 */
import { ENGLAND_CODE, NORTH_CODE, WEST_CODE } from '../../shared/domain.ts';
import { headlineCounts, type BenchmarkChoice, type BenchmarkKey, type Profile, type ProfileIndicator } from '../../shared/profile.ts';
import type { Db } from '../db.ts';
import type { ResolvedArea } from '../profile/area.ts';
import { areaPracticeSet, practiceIndicator, practiceIndicatorMetas } from './store.ts';

const KEY_CODE: Record<BenchmarkKey, string> = { west: WEST_CODE, north: NORTH_CODE, england: ENGLAND_CODE };

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
    const { notComparedReason: _stale, comparisonLevel: _staleLevel, ...rest } = ind;
    return {
      ...rest,
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
      // Now a value for the area with an interval: judged when it has a direction (QOF prevalences have none).
      countsInHeadline: ind.polarity !== 'no-judgement' && v.value !== null,
      ...levelAndReason(chosenB?.comparison ?? 'not-compared', v.value, v.ci998 !== null, chosenB?.value ?? null),
    };
  });
  profile.indicators = profile.indicators.map(modelledEstimate);
  // They were council-only rows (grouped last); now they are the area's own figures, so regroup as the profile
  // service does: own figures, then IoD2025, then IoD2019, then council-only context, ambition by ambition (stable).
  const ambitionAt = new Map<string, number>();
  profile.indicators.forEach((i) => ambitionAt.has(i.ambition) || ambitionAt.set(i.ambition, ambitionAt.size));
  const rank = (i: ProfileIndicator) => (!i.wardLevel ? 3 : i.edition?.id === 'IoD2025' ? 1 : i.edition?.id === 'IoD2019' ? 2 : 0);
  profile.indicators = [...profile.indicators].sort((a, b) => ambitionAt.get(a.ambition)! - ambitionAt.get(b.ambition)! || rank(a) - rank(b));
  // The same counting rule as the profile service (shared/profile.ts headlineCounts).
  Object.assign(profile.headline, headlineCounts(profile.indicators, profile.headline.against ?? 'the benchmark'));
  return profile;
}

/** Indicators the publisher says must not be compared closely (modelled small-area estimates): no interval, no test. */
export const MODELLED_ESTIMATES = new Set(['fuel_poverty']);

function modelledEstimate(ind: ProfileIndicator): ProfileIndicator {
  if (!MODELLED_ESTIMATES.has(ind.id)) return ind;
  const benchmarks = { ...ind.benchmarks };
  for (const k of ['west', 'north', 'england'] as BenchmarkKey[]) benchmarks[k] = { ...benchmarks[k], comparison: 'not-compared' };
  const why = 'Modelled estimate (DESNZ): the publisher warns against close comparisons of small areas, so no interval and no significance test';
  return { ...ind, ci95: null, ci998: null, comparison: 'not-compared', benchmarks, note: ind.note ? `${ind.note}; ${why}` : why, notComparedReason: `not compared: ${why.charAt(0).toLowerCase()}${why.slice(1)}`, comparisonLevel: null, countsInHeadline: false };
}

/** The comparison level used, or why there is none (the same words as the profile service, truth.ts). */
function levelAndReason(comparison: ProfileIndicator['comparison'], value: number | null, twoLevels: boolean, benchmark: number | null): Pick<ProfileIndicator, 'comparisonLevel' | 'notComparedReason'> {
  if (comparison !== 'not-compared') return { comparisonLevel: twoLevels ? 'two levels (95% and 99.8%)' : '95% only' };
  const why = value === null ? 'no value for the practices of this area' : benchmark === null ? 'no value for the benchmark' : 'no interval';
  return { comparisonLevel: null, notComparedReason: `not compared: ${why}` };
}

function chosenCode(resolved: ResolvedArea, choice: BenchmarkChoice): string {
  if (choice === 'own') return resolved.council ? KEY_CODE.england : resolved.ownCouncil.code;
  return KEY_CODE[choice];
}
