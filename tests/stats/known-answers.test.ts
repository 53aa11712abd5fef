/**
 * Every known answer in shared/docs/statistics.md, to 1e-6 (life expectancy intervals to 1e-4, the precision
 * they were published to). These come from PHEindicatormethods' own test data.
 */
import { describe, expect, it } from 'vitest';
import {
  crudeRate,
  dsr,
  ESP2013,
  EXACT_POISSON_LIMITS,
  gammaQuantile,
  isRatio,
  lifeExpectancy,
  lifeTable,
  proportion,
  withEsp2013,
  Z95,
  Z998,
} from '../../shared/stats/index.ts';
import { DSR_COUNTS, DSR_POPS, leBands, near, nearEstimate } from './helpers.ts';

const TOL = 1e-6;

describe('constants', () => {
  it('z values are qnorm(0.975) and qnorm(0.999)', () => {
    near(Z95, 1.959963985, 1e-9);
    near(Z998, 3.090232306, 1e-9);
    // full precision: 1.959963984540054..., 3.090232306167813...
    near(Z95, 1.959963984540054, 1e-15);
    near(Z998, 3.090232306167813, 1e-15);
  });

  it('ESP2013 has 19 bands summing to 100,000', () => {
    expect(ESP2013).toEqual([
      5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
    ]);
    expect(ESP2013.reduce((s, w) => s + w, 0)).toBe(100000);
    expect(Object.isFrozen(ESP2013)).toBe(true);
  });
});

describe('proportion (Wilson), testdata_Proportion.xlsx', () => {
  it('65 / 100', () => {
    const e = proportion(65, 100);
    nearEstimate(e, 0.65, [0.552544433, 0.736357518], [0.495494657, 0.778354061], TOL);
    expect(e.method).toBe('Wilson');
  });

  it('1045 / 5000', () => {
    nearEstimate(proportion(1045, 5000), 0.209, [0.197955499, 0.220491304], [0.191793818, 0.227315629], TOL);
  });

  it('applies the multiplier to value and limits (percentage)', () => {
    nearEstimate(proportion(65, 100, 100), 65, [55.2544433, 73.6357518], [49.5494657, 77.8354061], 1e-4);
  });

  it('x = 0 has lower limit exactly 0 and x = n has upper limit exactly 1', () => {
    const none = proportion(0, 20);
    expect(none.value).toBe(0);
    expect(none.ci95?.lower).toBe(0);
    expect(none.ci998?.lower).toBe(0);
    // Wilson upper for 0/20: z^2 / (n + z^2)
    near(none.ci95?.upper, (Z95 * Z95) / (20 + Z95 * Z95), 1e-12);
    const all = proportion(20, 20, 100);
    expect(all.value).toBe(100);
    expect(all.ci95?.upper).toBe(100);
    expect(all.ci998?.upper).toBe(100);
    near(all.ci95?.lower, (20 / (20 + Z95 * Z95)) * 100, 1e-10);
  });
});

describe('crude rate (exact / Byar), testdata_Rate.xlsx', () => {
  it('5 / 100 x 100 uses exact limits', () => {
    const e = crudeRate(5, 100, 100);
    nearEstimate(e, 5, [1.62348639, 11.668332079], [0.739371732, 16.454745204], TOL);
    expect(e.method).toBe('Exact');
  });

  it("222 / 3215 x 100 uses Byar's method", () => {
    const e = crudeRate(222, 3215, 100);
    nearEstimate(e, 6.905132193, [6.026574878, 7.875729371], [5.560737695, 8.461046682], TOL);
    expect(e.method).toBe('Byars');
  });

  it('O = 0: 95% 0 - 3.6888794541, 99.8% 0 - 6.9077552790 (per unit denominator)', () => {
    const e = crudeRate(0, 1, 1);
    expect(e.value).toBe(0);
    nearEstimate(e, 0, [0, 3.6888794541], [0, 6.907755279], 1e-9);
  });

  it('defaults to per 100,000', () => {
    near(crudeRate(222, 3215).value, 6905.132193, 1e-5);
  });

  it('switches from exact to Byar at 10 events', () => {
    expect(crudeRate(9, 1000).method).toBe('Exact');
    expect(crudeRate(10, 1000).method).toBe('Byars');
  });
});

describe('exact Poisson table', () => {
  it('has closed forms for O = 0 and O = 1', () => {
    // upper(0) = -ln(alpha/2); lower(1) = -ln(1 - alpha/2)
    near(EXACT_POISSON_LIMITS[0]?.[1], -Math.log(0.025), 1e-13);
    near(EXACT_POISSON_LIMITS[0]?.[3], -Math.log(0.001), 1e-13);
    near(EXACT_POISSON_LIMITS[1]?.[0], -Math.log(0.975), 1e-13);
    near(EXACT_POISSON_LIMITS[1]?.[2], -Math.log(0.999), 1e-13);
  });

  it('every limit satisfies the Poisson tail equation it was solved from', () => {
    // P(X >= O | mu = lower) = alpha/2 and P(X <= O | mu = upper) = alpha/2.
    const cdf = (k: number, mu: number): number => {
      let term = Math.exp(-mu);
      let sum = term;
      for (let i = 1; i <= k; i++) {
        term *= mu / i;
        sum += term;
      }
      return sum;
    };
    EXACT_POISSON_LIMITS.forEach((row, o) => {
      const [l95, u95, l998, u998] = row;
      if (o > 0) {
        near(1 - cdf(o - 1, l95), 0.025, 1e-12);
        near(1 - cdf(o - 1, l998), 0.001, 1e-12);
      } else {
        expect(l95).toBe(0);
        expect(l998).toBe(0);
      }
      near(cdf(o, u95), 0.025, 1e-12);
      near(cdf(o, u998), 0.001, 1e-12);
    });
  });
});

describe('exact limits for fractional counts (apportioned data)', () => {
  // Reference: gamma quantiles to 40 digits with mpmath (qchisq(p, 2O) / 2).
  it('O = 3.4 per 100', () => {
    const e = crudeRate(3.4, 100, 100);
    expect(e.method).toBe('Exact');
    nearEstimate(e, 3.4, [0.7980652776213943, 9.363753626891649], [0.2757723026099717, 13.765091935406295], 1e-9);
  });

  it('O = 0.5 and O = 9.99', () => {
    nearEstimate(crudeRate(0.5, 1, 1), 0.5, [0.000491034558587628, 4.674201802248073], [7.85398574631245e-7, 8.133118098119064], 1e-9);
    nearEstimate(isRatio(9.99, 1, 1), 9.99, [4.788506589612767, 18.377372396488063], [2.9553208810970575, 24.119315326189046], 1e-9);
  });

  it('the gamma quantile reproduces the whole-count table', () => {
    EXACT_POISSON_LIMITS.forEach((row, o) => {
      if (o > 0) near(gammaQuantile(0.025, o), row[0], 1e-10);
      near(gammaQuantile(0.975, o + 1), row[1], 1e-10);
      if (o > 0) near(gammaQuantile(0.001, o), row[2], 1e-10);
      near(gammaQuantile(0.999, o + 1), row[3], 1e-10);
    });
  });
});

describe('indirectly standardised ratio', () => {
  it('O = 5, E = 2.5: exact limits / E x 100', () => {
    const e = isRatio(5, 2.5);
    nearEstimate(e, 200, [64.939455605, 466.733283173], [29.574869277, 658.189808147], TOL);
    expect(e.method).toBe('Exact');
  });

  it("O = 222, E = 200: Byar's limits / E x 100", () => {
    const e = isRatio(222, 200);
    nearEstimate(e, 111, [96.877191158, 126.602349637], [89.388858451, 136.011325409], TOL);
    expect(e.method).toBe('Byars');
  });

  it('refValue 1 gives a plain ratio', () => {
    near(isRatio(222, 200, 1).value, 1.11, 1e-12);
    near(isRatio(222, 200, 1).ci95?.upper, 1.26602349637, TOL);
  });
});

describe('DSR (Dobson), testdata_DSR_ISR.xlsx', () => {
  it('matches the published DSR and limits per 100,000', () => {
    const e = dsr(withEsp2013(DSR_COUNTS.map((count, i) => ({ count, population: DSR_POPS[i] ?? 0 }))));
    nearEstimate(e, 1103.2120253, [877.455767537, 1367.088222725], [763.642035794, 1530.032894824], TOL);
    expect(e.method).toBe('Dobson');
  });

  it('is not calculated with fewer than 10 events', () => {
    const bands = withEsp2013(DSR_POPS.map((population, i) => ({ count: i < 9 ? 1 : 0, population })));
    const e = dsr(bands);
    expect(e.value).toBeNull();
    expect(e.ci95).toBeNull();
    expect(e.ci998).toBeNull();
    expect(e.note).toBe('DSR not calculated: fewer than 10 events');
    // exactly 10 events is calculated
    const ten = dsr(withEsp2013(DSR_POPS.map((population, i) => ({ count: i < 10 ? 1 : 0, population }))));
    expect(ten.value).not.toBeNull();
  });

  it('is not calculated when a band has no population (and no events)', () => {
    const bands = withEsp2013(DSR_COUNTS.map((count, i) => ({ count: i === 18 ? 0 : count, population: i === 18 ? 0 : (DSR_POPS[i] ?? 0) })));
    const e = dsr(bands);
    expect(e.value).toBeNull();
    expect(e.note).toBe('DSR not calculated: no population in age band 90+');
  });
});

describe('life expectancy (Chiang II, Silcocks), testLifeExpectancy.R', () => {
  it('e0 = 80.16960813 with the published 95% interval 79.8827 - 80.4565 (z = 1.96), to 1e-4', () => {
    const e = lifeExpectancy(leBands(), 0, { z95: 1.96 });
    near(e.value, 80.16960813, TOL);
    near(e.ci95?.lower, 79.8827, 1e-4);
    near(e.ci95?.upper, 80.4565, 1e-4);
    // and to full precision against an independent re-implementation of the same formulas (Python, z = 1.96)
    near(e.ci95?.lower, 79.88268548165601, 1e-9);
    near(e.ci95?.upper, 80.45653078224075, 1e-9);
    expect(e.method).toBe('Chiang II');
  });

  it('with the exact z (default) the interval still rounds to the published one', () => {
    const e = lifeExpectancy(leBands());
    near(e.value, 80.16960813, TOL);
    near(e.ci95?.lower, 79.8827, 1e-4);
    near(e.ci95?.upper, 80.4565, 1e-4);
    near(e.ci95?.lower, 79.88269075392704, 1e-9);
    near(e.ci95?.upper, 80.45652550996972, 1e-9);
    near(e.ci998?.lower, 79.7172317833235, 1e-9);
    near(e.ci998?.upper, 80.62198448057326, 1e-9);
  });

  it('gives life expectancy at other ages (65 is band 14; 90+ is band 19)', () => {
    near(lifeExpectancy(leBands(), 14).value, 18.768568517234474, 1e-9);
    near(lifeExpectancy(leBands(), 19).value, 6.162106350025813, 1e-9);
    // last band: e = 1/M
    near(lifeExpectancy(leBands(), 19).value, 11936 / 1937, 1e-12);
    const table = lifeTable(leBands());
    near(table.se[0], 0.14638910729202578, 1e-12);
    expect(table.l[0]).toBe(100000);
  });

  it('is not given for a total population of 5,000 or less', () => {
    const bands = Array.from({ length: 20 }, (_, i) => ({ deaths: i === 19 ? 20 : 1, population: 250 }));
    const e = lifeExpectancy(bands);
    expect(e.value).toBeNull();
    expect(e.ci95).toBeNull();
    expect(e.note).toBe('life expectancy not calculated: the total population (5,000) must be more than 5,000');
    bands[0] = { deaths: 1, population: 251 };
    expect(lifeExpectancy(bands).value).not.toBeNull();
  });

  it('is not given when the 95% interval is wider than 20 years', () => {
    const bands = Array.from({ length: 20 }, (_, i) => ({ deaths: i === 0 || i === 19 ? 1 : 0, population: 300 }));
    const e = lifeExpectancy(bands);
    expect(e.value).toBeNull();
    expect(e.ci95).toBeNull();
    expect(e.ci998).toBeNull();
    expect(e.note).toBe('life expectancy not given: its 95% confidence interval is wider than 20 years');
  });

  it('is not given for a band with no population, more deaths than population, or no deaths at 90+', () => {
    const zeroPop = leBands();
    zeroPop[5] = { deaths: 0, population: 0 };
    expect(lifeExpectancy(zeroPop).note).toBe('life expectancy not calculated: no population in age band 20-24');
    const tooMany = leBands();
    tooMany[19] = { deaths: 12000, population: 11936 };
    expect(lifeExpectancy(tooMany).value).toBeNull();
    expect(lifeExpectancy(tooMany).note).toBe('life expectancy not calculated: more deaths than population in age band 90+');
    const noOld = leBands();
    noOld[19] = { deaths: 0, population: 11936 };
    expect(lifeExpectancy(noOld).value).toBeNull();
    expect(lifeExpectancy(noOld).note).toBe('life expectancy not calculated: there are no deaths in the 90+ age band');
  });
});
