/** Numbers and counts for people: "1 ward", "3 wards", "24,512". */
import { plural } from '../../../shared/format.ts';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatPopulation(n: number): string {
  return whole.format(n);
}

/** "1 ward", "3 wards", "no LAPs". */
export function formatCount(n: number, noun: string, many = `${noun}s`): string {
  return n === 0 ? `no ${many}` : plural(n, noun, many);
}
