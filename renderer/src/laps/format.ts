/** Numbers and counts for people: "1 ward", "3 wards", "24,512". */

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatPopulation(n: number): string {
  return whole.format(n);
}

/** "1 ward", "3 wards", "no LAPs". */
export function formatCount(n: number, noun: string, plural = `${noun}s`): string {
  if (n === 0) return `no ${plural}`;
  return `${whole.format(n)} ${n === 1 ? noun : plural}`;
}
