/**
 * Input validation for the statistics engine.
 *
 * Invalid input (a negative count, a numerator larger than its denominator, a number that is not finite,
 * the wrong number of age bands...) is a bug or a data fault upstream, never something to paper over:
 * it throws StatsInputError with a message fit to show an analyst. Input that is valid but gives an
 * unreliable statistic (a DSR from fewer than 10 events, say) is not an error: the function returns
 * `value: null` with a note instead.
 */

export class StatsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsInputError';
  }
}

/** Formats a number for an error message without exposing float noise (e.g. 0.30000000000000004). */
export function show(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return String(Number.isInteger(x) ? x : Number(x.toPrecision(12)));
}

/** Throws unless x is a finite number (not NaN, not ±Infinity, and actually a number). */
export function requireFinite(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- inputs reach here from code (a string or boolean by mistake), not from files
    const shown = typeof x === 'number' ? show(x) : x === null ? 'null' : x === undefined ? 'missing' : `"${String(x)}"`;
    throw new StatsInputError(`${what} must be a finite number, but it is ${shown}`);
  }
  return x;
}

/** Throws unless x is a finite number >= 0. */
export function requireNonNegative(x: unknown, what: string): number {
  const v = requireFinite(x, what);
  if (v < 0) throw new StatsInputError(`${what} ${show(v)} is negative`);
  return v;
}

/** Throws unless x is a finite number > 0. */
export function requirePositive(x: unknown, what: string): number {
  const v = requireFinite(x, what);
  if (v <= 0) throw new StatsInputError(`${what} must be greater than 0, but it is ${show(v)}`);
  return v;
}

/** 12345.5 -> "12,345.5" (no locale dependency). */
export function withCommas(x: number): string {
  const [whole = '', frac] = show(x).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
