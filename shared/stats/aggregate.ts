/**
 * Grouping: one indicator's statistic for a group of wards (a Local Area Partnership, or any custom group).
 *
 * The one rule: sum the member wards' numerators and denominators (age band by age band for standardised
 * rates and life expectancy), then compute the statistic ONCE. Never average ward rates or percentages.
 *
 * | valueType       | member inputs used                         | group rule                                   |
 * |-----------------|--------------------------------------------|----------------------------------------------|
 * | count           | numerator                                  | sum (no interval, method 'Count')            |
 * | proportion      | numerator, denominator                     | sum both, then Wilson                        |
 * | crude-rate      | numerator (count), denominator             | sum both, then exact (O < 10) or Byar's      |
 * | isr             | numerator (observed), denominator (expected)| sum both, then O/E x multiplier (100 or 1)  |
 * | dsr             | bands (count, population) x 19 (or spec.standard length) | sum per band, then Dobson      |
 * | life-expectancy | bands (count = deaths, population) x 20    | sum per band, then Chiang II                 |
 * | mean-score      | value, weight (population)                 | population-weighted mean (no interval)       |
 * | rank, other     | value                                      | not aggregatable: value null, note 'not available for combined areas'; a one-ward group returns that ward's value |
 *
 * Missing is not zero: a member whose inputs are null/undefined makes the group incomplete - value and
 * intervals null, numerator and denominator null, a note naming the missing wards, and (because there is
 * no interval) never compared. With spec.missingIsZero a missing COUNT (numerator, or a band's count/deaths
 * when bands are given) is treated as 0; a missing denominator, population, expected, value or weight is still
 * missing, because treating it as 0 would silently change the group's population.
 *
 * Members are processed in ward-code order, so the result does not depend on the order they are passed in
 * (floating-point sums are then bit-for-bit identical). A ward listed twice is an error (it would be counted twice).
 */
import { ESP2013, ESP2013_BANDS, LIFE_TABLE_BANDS } from './constants.ts';
import { dsr } from './dsr.ts';
import { StatsInputError, requireFinite, requireNonNegative, requirePositive, show } from './errors.ts';
import { lifeExpectancy, LIFE_TABLE_BAND_COUNT } from './lifeExpectancy.ts';
import { crudeRate, isRatio } from './poisson.ts';
import type { Estimate } from './types.ts';
import { weightedMean } from './weightedMean.ts';
import { proportion } from './wilson.ts';

export type ValueType = 'count' | 'proportion' | 'crude-rate' | 'isr' | 'dsr' | 'life-expectancy' | 'mean-score' | 'rank' | 'other';

export const VALUE_TYPES: readonly ValueType[] = Object.freeze([
  'count', 'proportion', 'crude-rate', 'isr', 'dsr', 'life-expectancy', 'mean-score', 'rank', 'other',
] as ValueType[]);

export interface IndicatorSpec {
  valueType: ValueType;
  /** 1 or 100 for proportions, 100,000 for rates, 100 (or 1) for ISRs. Ignored by count, life expectancy, mean score, rank. */
  multiplier: number;
  /** Treat a missing count as 0 (for indicators whose source leaves zero counts blank). Default false. */
  missingIsZero?: boolean;
  /** DSR standard population weights, one per band. Default ESP2013 (19 bands). */
  standard?: number[];
  /** Life expectancy: which band's expectancy (0 = at birth, 14 = at 65). Default 0. */
  ageIndex?: number;
}

export interface MemberInput {
  code: string;
  name?: string;
  /** count / proportion / crude-rate numerator; ISR observed. */
  numerator?: number | null;
  /** proportion / crude-rate denominator; ISR expected. */
  denominator?: number | null;
  /** mean-score value; also the ward's own value for rank / other. */
  value?: number | null;
  /** mean-score weight (population). */
  weight?: number | null;
  /** DSR (19 bands, or spec.standard's length) or life expectancy (20 bands: count = deaths). */
  bands?: { count: number; population: number }[] | null;
  /** This member's value was itself built from a best-fit lookup of smaller areas. */
  estimate?: boolean;
}

export interface GroupEstimate extends Estimate {
  /** Summed numerator (count, observed, events or deaths); null when incomplete or not applicable. */
  numerator: number | null;
  /** Summed denominator (population, expected, or total weight); null when incomplete or not applicable. */
  denominator: number | null;
  /** How many member wards had a value, of how many. */
  coverage: { wards: number; of: number };
  /** Names (or codes) of members with no value. */
  missing: string[];
  /** True if any member is itself an estimate (built from a best-fit lookup). */
  estimate: boolean;
  /**
   * Where the source suppressed some members' small counts: the estimate with every suppressed count at 0 (lower)
   * and at the threshold - 1 (upper). The estimate itself then shows the midpoint and is compared only when both
   * ends give the same answer.
   */
  range?: { lower: Estimate & { numerator: number | null }; upper: Estimate & { numerator: number | null } };
}

export const NOT_AGGREGATABLE_NOTE = 'not available for combined areas';

const METHOD_FOR: Record<ValueType, string> = {
  count: 'Count',
  proportion: 'Wilson',
  'crude-rate': 'Exact or Byars',
  isr: 'Exact or Byars',
  dsr: 'Dobson',
  'life-expectancy': 'Chiang II',
  'mean-score': 'Weighted mean',
  rank: 'Not aggregatable',
  other: 'Not aggregatable',
};

const USES_MULTIPLIER: readonly ValueType[] = ['proportion', 'crude-rate', 'isr', 'dsr'];

const isMissing = (x: unknown): x is null | undefined => x === null || x === undefined;

function labelOf(m: MemberInput): string {
  return m.name && m.name.trim() ? m.name : m.code;
}

/** Runs a validation with the ward's name in front of any message: "Castle: numerator -1 is negative". */
function forMember<T>(m: MemberInput, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StatsInputError) throw new StatsInputError(`${labelOf(m)}: ${err.message}`);
    throw err;
  }
}

function listNames(names: string[]): string {
  const shown = names.length > 6 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Result before the group bookkeeping is attached. */
interface Core {
  estimate: Estimate;
  numerator: number | null;
  denominator: number | null;
}

function nullEstimate(method: string, note: string): Estimate {
  return { value: null, ci95: null, ci998: null, method, note };
}

export function aggregate(spec: IndicatorSpec, members: MemberInput[]): GroupEstimate {
  if (!spec || !VALUE_TYPES.includes(spec.valueType)) {
    throw new StatsInputError(`value type must be one of ${VALUE_TYPES.join(', ')}, but it is "${String(spec?.valueType)}"`);
  }
  if (!Array.isArray(members)) throw new StatsInputError('aggregate needs a list of member wards');
  const type = spec.valueType;
  const zero = spec.missingIsZero === true;
  if (USES_MULTIPLIER.includes(type)) requirePositive(spec.multiplier, 'multiplier');

  const seen = new Set<string>();
  for (const m of members) {
    if (!m || typeof m.code !== 'string' || m.code === '') throw new StatsInputError('every member ward needs a code');
    if (seen.has(m.code)) throw new StatsInputError(`ward ${m.code} is listed twice in the group; it would be counted twice`);
    seen.add(m.code);
  }
  // Ward-code order: the result is independent of input order, bit for bit.
  const sorted = [...members].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const anyEstimate = members.some((m) => m.estimate === true);
  const of = members.length;

  const finish = (core: Core, missing: string[]): GroupEstimate => {
    const names = [...missing].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const wards = of - names.length;
    if (names.length > 0 && type !== 'rank' && type !== 'other') {
      return {
        ...nullEstimate(METHOD_FOR[type], `incomplete: no value for ${listNames(names)} (${wards} of ${of} ${of === 1 ? 'ward' : 'wards'})`),
        numerator: null,
        denominator: null,
        coverage: { wards, of },
        missing: names,
        estimate: anyEstimate,
      };
    }
    return { ...core.estimate, numerator: core.numerator, denominator: core.denominator, coverage: { wards, of }, missing: names, estimate: anyEstimate };
  };

  if (of === 0) {
    return finish({ estimate: nullEstimate(METHOD_FOR[type], 'no wards in this group'), numerator: null, denominator: null }, []);
  }

  const missing: string[] = [];

  switch (type) {
    case 'count':
    case 'proportion':
    case 'crude-rate':
    case 'isr': {
      const needsDenominator = type !== 'count';
      let sumX = 0;
      let sumN = 0;
      for (const m of sorted) {
        const rawX = isMissing(m.numerator) && zero ? 0 : m.numerator;
        if (isMissing(rawX) || (needsDenominator && isMissing(m.denominator))) {
          missing.push(labelOf(m));
          continue;
        }
        forMember(m, () => {
          const x = requireNonNegative(rawX, type === 'isr' ? 'observed' : type === 'crude-rate' || type === 'count' ? 'count' : 'numerator');
          sumX += x;
          if (needsDenominator) {
            const n = requireNonNegative(m.denominator, type === 'isr' ? 'expected' : 'denominator');
            if (type === 'proportion' && x > n) throw new StatsInputError(`numerator ${show(x)} is greater than denominator ${show(n)}`);
            sumN += n;
          }
        });
      }
      if (missing.length > 0) return finish({ estimate: nullEstimate(METHOD_FOR[type], ''), numerator: null, denominator: null }, missing);
      if (type === 'count') {
        return finish({ estimate: { value: sumX, ci95: null, ci998: null, method: 'Count', note: 'a count has no confidence interval, so it is not compared' }, numerator: sumX, denominator: null }, missing);
      }
      if (sumN === 0) {
        const what = type === 'isr' ? 'the expected count is 0' : 'the denominator is 0';
        return finish({ estimate: nullEstimate(METHOD_FOR[type], `not calculated: ${what}`), numerator: sumX, denominator: sumN }, missing);
      }
      const estimate = type === 'proportion' ? proportion(sumX, sumN, spec.multiplier) : type === 'crude-rate' ? crudeRate(sumX, sumN, spec.multiplier) : isRatio(sumX, sumN, spec.multiplier);
      return finish({ estimate, numerator: sumX, denominator: sumN }, missing);
    }

    case 'dsr':
    case 'life-expectancy': {
      const isDsr = type === 'dsr';
      const standard = isDsr ? (spec.standard ?? [...ESP2013]) : [];
      if (isDsr) {
        if (!Array.isArray(standard) || standard.length === 0) throw new StatsInputError('the standard population needs at least one band');
        standard.forEach((w, i) => requireNonNegative(w, `standard population weight ${i + 1}`));
      } else if (spec.ageIndex !== undefined) {
        requireFinite(spec.ageIndex, 'ageIndex');
      }
      const bandCount = isDsr ? standard.length : LIFE_TABLE_BAND_COUNT;
      const labels = isDsr ? (bandCount === ESP2013_BANDS.length ? ESP2013_BANDS : null) : LIFE_TABLE_BANDS;
      const bandName = (i: number): string => `age band ${labels?.[i] ?? String(i + 1)}`;
      const counts = new Array<number>(bandCount).fill(0);
      const pops = new Array<number>(bandCount).fill(0);
      for (const m of sorted) {
        if (isMissing(m.bands)) {
          missing.push(labelOf(m));
          continue;
        }
        const bands = m.bands;
        forMember(m, () => {
          if (!Array.isArray(bands) || bands.length !== bandCount) {
            throw new StatsInputError(`expected ${bandCount} age bands but got ${Array.isArray(bands) ? bands.length : 0}`);
          }
          bands.forEach((b, i) => {
            const rawCount = isMissing(b?.count) && zero ? 0 : b?.count;
            counts[i] = (counts[i] ?? 0) + requireNonNegative(rawCount, `${isDsr ? 'count' : 'deaths'} in ${bandName(i)}`);
            pops[i] = (pops[i] ?? 0) + requireNonNegative(b?.population, `population in ${bandName(i)}`);
          });
        });
      }
      if (missing.length > 0) return finish({ estimate: nullEstimate(METHOD_FOR[type], ''), numerator: null, denominator: null }, missing);
      const numerator = counts.reduce((s, x) => s + x, 0);
      const denominator = pops.reduce((s, x) => s + x, 0);
      const estimate = isDsr
        ? dsr(counts.map((count, i) => ({ count, population: pops[i] ?? 0, standard: standard[i] ?? 0 })), spec.multiplier)
        : lifeExpectancy(counts.map((deaths, i) => ({ deaths, population: pops[i] ?? 0 })), spec.ageIndex ?? 0);
      return finish({ estimate, numerator, denominator }, missing);
    }

    case 'mean-score': {
      const items: { value: number; weight: number }[] = [];
      for (const m of sorted) {
        if (isMissing(m.value) || isMissing(m.weight)) {
          missing.push(labelOf(m));
          continue;
        }
        items.push(forMember(m, () => ({ value: requireFinite(m.value, 'value'), weight: requireNonNegative(m.weight, 'weight') })));
      }
      if (missing.length > 0) return finish({ estimate: nullEstimate(METHOD_FOR[type], ''), numerator: null, denominator: null }, missing);
      const estimate = weightedMean(items);
      return finish({ estimate, numerator: null, denominator: items.reduce((s, it) => s + it.weight, 0) }, missing);
    }

    case 'rank':
    case 'other': {
      for (const m of sorted) if (isMissing(m.value)) missing.push(labelOf(m));
      const only = sorted.length === 1 ? sorted[0] : undefined;
      if (only && !isMissing(only.value)) {
        const value = forMember(only, () => requireFinite(only.value, 'value'));
        return finish({ estimate: { value, ci95: null, ci998: null, method: 'Ward value', note: `${type === 'rank' ? 'a rank' : 'this value'} has no confidence interval, so it is not compared` }, numerator: null, denominator: null }, missing);
      }
      if (only) {
        return finish({ estimate: nullEstimate('Ward value', `incomplete: no value for ${labelOf(only)} (0 of 1 ward)`), numerator: null, denominator: null }, missing);
      }
      return finish({ estimate: nullEstimate(METHOD_FOR[type], NOT_AGGREGATABLE_NOTE), numerator: null, denominator: null }, missing);
    }
  }
}
