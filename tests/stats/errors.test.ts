import { describe, expect, it } from 'vitest';
import {
  aggregate,
  crudeRate,
  dsr,
  isRatio,
  lifeExpectancy,
  proportion,
  StatsInputError,
  weightedMean,
  withEsp2013,
} from '../../shared/stats/index.ts';
import { leBands } from './helpers.ts';

/** Asserts fn throws a StatsInputError with exactly this message. */
function throwsWith(fn: () => unknown, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected to throw "${message}"`).toBeInstanceOf(StatsInputError);
  expect((caught as Error).message).toBe(message);
  expect((caught as Error).name).toBe('StatsInputError');
}

describe('StatsInputError messages', () => {
  it('proportion', () => {
    throwsWith(() => proportion(12, 10), 'numerator 12 is greater than denominator 10');
    throwsWith(() => proportion(-1, 10), 'numerator -1 is negative');
    throwsWith(() => proportion(1, 0), 'denominator must be greater than 0, but it is 0');
    throwsWith(() => proportion(1, -5), 'denominator must be greater than 0, but it is -5');
    throwsWith(() => proportion(Number.NaN, 10), 'numerator must be a finite number, but it is NaN');
    throwsWith(() => proportion(1, Number.POSITIVE_INFINITY), 'denominator must be a finite number, but it is Infinity');
    throwsWith(() => proportion(1, 10, 0), 'multiplier must be greater than 0, but it is 0');
    throwsWith(() => proportion('3' as unknown as number, 10), 'numerator must be a finite number, but it is "3"');
  });

  it('crude rate and ratio', () => {
    throwsWith(() => crudeRate(-3, 100), 'count -3 is negative');
    throwsWith(() => crudeRate(3, 0), 'denominator must be greater than 0, but it is 0');
    throwsWith(() => isRatio(5, 0), 'expected must be greater than 0, but it is 0');
    throwsWith(() => isRatio(-5, 2), 'observed -5 is negative');
    // fractional counts of 10 or more are fine (Byar's formula is continuous)
    expect(crudeRate(10.5, 100).method).toBe('Byars');
  });

  it('DSR', () => {
    throwsWith(() => dsr([]), 'a DSR needs at least one age band');
    throwsWith(() => withEsp2013([{ count: 1, population: 1 }]), 'expected 19 age bands (0-4 ... 85-89, 90+) but got 1');
    const bands = withEsp2013(Array.from({ length: 19 }, () => ({ count: 2, population: 100 })));
    bands[18] = { count: 3, population: 0, standard: 1000 };
    throwsWith(() => dsr(bands), 'age band 90+ has 3 events but a population of 0');
    bands[18] = { count: -1, population: 10, standard: 1000 };
    throwsWith(() => dsr(bands), 'count in age band 90+ -1 is negative');
    throwsWith(() => dsr([{ count: 20, population: 10, standard: 0 }]), 'the standard population weights add up to 0');
  });

  it('life expectancy', () => {
    throwsWith(
      () => lifeExpectancy(leBands().slice(0, 19)),
      'life expectancy needs exactly 20 age bands (0, 1-4, 5-9, ..., 85-89, 90+) but got 19',
    );
    throwsWith(() => lifeExpectancy(leBands(), 20), 'ageIndex must be a whole number from 0 to 19, but it is 20');
    const bad = leBands();
    bad[2] = { deaths: -4, population: 46974 };
    throwsWith(() => lifeExpectancy(bad), 'deaths in age band 5-9 -4 is negative');
  });

  it('weighted mean', () => {
    throwsWith(() => weightedMean([{ value: 1, weight: -2 }]), 'weight 1 -2 is negative');
    throwsWith(() => weightedMean([{ value: Number.NaN, weight: 2 }]), 'value 1 must be a finite number, but it is NaN');
  });

  it('aggregate names the ward at fault', () => {
    throwsWith(
      () => aggregate({ valueType: 'proportion', multiplier: 100 }, [{ code: 'E05000001', name: 'Castle', numerator: 12, denominator: 10 }]),
      'Castle: numerator 12 is greater than denominator 10',
    );
    throwsWith(
      () => aggregate({ valueType: 'crude-rate', multiplier: 100000 }, [{ code: 'E05000002', numerator: -1, denominator: 10 }]),
      'E05000002: count -1 is negative',
    );
    throwsWith(
      () => aggregate({ valueType: 'dsr', multiplier: 100000 }, [{ code: 'E05000003', name: 'Abbey', bands: [{ count: 1, population: 2 }] }]),
      'Abbey: expected 19 age bands but got 1',
    );
    throwsWith(
      () => aggregate({ valueType: 'count', multiplier: 1 }, [{ code: 'A', numerator: 1 }, { code: 'A', numerator: 2 }]),
      'ward A is listed twice in the group; it would be counted twice',
    );
    throwsWith(
      () => aggregate({ valueType: 'median' as 'rank', multiplier: 1 }, []),
      'value type must be one of count, proportion, crude-rate, isr, dsr, life-expectancy, mean-score, rank, other, but it is "median"',
    );
    throwsWith(() => aggregate({ valueType: 'proportion', multiplier: Number.NaN }, []), 'multiplier must be a finite number, but it is NaN');
  });
});
