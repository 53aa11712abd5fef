/** SYNTHETIC import files for the runtime tests and bench: invented numbers for the 57 real ward codes. */
export const TIDY_HEADER = 'area_code,area_name,area_type,indicator_id,indicator_name,period,value,numerator,denominator,lower_ci,upper_ci,unit';

/** A tidy CSV of `rows` ward rows: indicators synthetic_split_N, ten periods each (57 x 10 rows per indicator). */
export function syntheticTidyCsv(rows: number, prefix = 'synthetic_split'): Buffer {
  const wards = Array.from({ length: 57 }, (_, i) => `E050${13213 + i}`);
  const lines = [TIDY_HEADER];
  for (let i = 0; i < rows; i++) {
    const w = wards[i % 57]!;
    const ind = Math.floor(i / 570);
    const period = 2000 + (Math.floor(i / 57) % 10);
    lines.push(`${w},W,ward,${prefix}_${ind},Synthetic split test (invented data),${period},,${i % 90},100,,,count`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}
