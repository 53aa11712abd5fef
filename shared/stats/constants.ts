/**
 * Constants of the statistics engine.
 *
 * z = qnorm(conf + (1 - conf) / 2), the standard normal quantile, for the two confidence levels that
 * OHID Fingertips publishes. These are the nearest doubles to the exact values (computed to 40 digits);
 * R's qnorm() gives the same numbers to at least 15 significant figures.
 */

/** z for a 95% two-sided interval: qnorm(0.975) = 1.959963984540054... */
export const Z95 = 1.9599639845400543;
/** z for a 99.8% two-sided interval: qnorm(0.999) = 3.090232306167813... */
export const Z998 = 3.0902323061678136;

/**
 * European Standard Population 2013: 19 five-year age bands 0-4, 5-9, ..., 85-89, 90+ (sum 100,000).
 * The default standard for directly standardised rates (as in PHEindicatormethods' esp2013).
 */
export const ESP2013: readonly number[] = Object.freeze([
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
]);

/** Labels of the 19 ESP2013 age bands, in order. */
export const ESP2013_BANDS: readonly string[] = Object.freeze([
  '0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49',
  '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90+',
]);

/** Labels of the 20 life-table age bands (0, 1-4, 5-9, ..., 85-89, 90+), in order. */
export const LIFE_TABLE_BANDS: readonly string[] = Object.freeze([
  '0', '1-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44',
  '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90+',
]);

/** Start age of each life-table band (the `ageIndex` of lifeExpectancy picks one of these). */
export const LIFE_TABLE_START_AGES: readonly number[] = Object.freeze([
  0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
]);

/**
 * Exact Poisson limits for an observed count O = 0..9 (the count itself, not yet divided by a denominator):
 * lower = qchisq((1 - conf) / 2, 2O) / 2 (0 when O = 0), upper = qchisq(conf + (1 - conf) / 2, 2O + 2) / 2.
 * Rows are O = 0..9; columns are [lower95, upper95, lower99.8, upper99.8]. Computed as gamma quantiles
 * to 40 significant digits with mpmath and rounded to the nearest double; they agree with R's qchisq().
 */
export const EXACT_POISSON_LIMITS: readonly (readonly [number, number, number, number])[] = Object.freeze([
  [0, 3.6888794541139363, 0, 6.907755278982137],
  [0.025317807984289876, 5.571643390938899, 0.0010005003335835335, 9.233413476451586],
  [0.2422092785439649, 7.224687667723961, 0.04540201776948956, 11.228872242412663],
  [0.6186721228956013, 8.767273069742327, 0.1905333775684032, 13.062240779188071],
  [1.0898653736263249, 10.241588675403698, 0.42855241362842295, 14.794149222537209],
  [1.6234863901184204, 11.668332079322669, 0.7393717319178326, 16.45474520368011],
  [2.2018942534908508, 13.059474022518685, 1.1071046602556394, 18.06163684019907],
  [2.814363051519866, 14.42267536170238, 1.520336260398809, 19.62617739538424],
  [3.4538321767485014, 15.763189220193315, 1.9708139217403657, 21.15619816583998],
  [4.115373097378332, 17.08480345141917, 2.452424404363775, 22.65737330906293],
]);
