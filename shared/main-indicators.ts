/**
 * Which indicators are the "main" ones: everything except the raw population counts of the context section (people,
 * residents, households by age band and so on). The screen holds those back behind "Show population counts"; the
 * short PDF leaves them out (the full technical PDF and the CSV/XLSX keep every indicator).
 */
import type { ProfileIndicator } from './profile.ts';

export function isPopulationCount(ind: Pick<ProfileIndicator, 'ambition' | 'valueType' | 'unit'>): boolean {
  return ind.ambition === 'context' && ind.valueType === 'count' && /^(people|persons|residents|households)$/i.test(ind.unit.trim());
}

export function isMainIndicator(ind: Pick<ProfileIndicator, 'ambition' | 'valueType' | 'unit'>): boolean {
  return !isPopulationCount(ind);
}

/**
 * Recorded prevalences (QOF) kept in the short PDF: the conditions the partnership's strategies name (catalogue
 * FW24-FW25: depression, COPD, asthma, diabetes, CHD, hypertension, CKD, serious mental illness) plus obesity,
 * dementia and learning disability. The other registers are in the full technical version.
 */
const SHORT_QOF = new Set(['qof_prev_dep', 'qof_prev_copd', 'qof_prev_ast', 'qof_prev_dm', 'qof_prev_chd', 'qof_prev_hyp', 'qof_prev_ckd', 'qof_prev_mh', 'qof_prev_ob', 'qof_prev_dem', 'qof_prev_ld']);

/** IoD2019 measures with no IoD2025 rate beside them (children and older people in income deprivation): kept. */
const IOD2019_ONLY = new Set(['imd19_idaci_rate', 'imd19_idaopi_rate']);

type ShortFields = Pick<ProfileIndicator, 'id' | 'ambition' | 'valueType' | 'unit' | 'wardLevel' | 'edition'>;

/**
 * The indicators of the short PDF (a meeting document of at most 8 pages): the main indicators, less what the full
 * technical version carries for analysts: council-only rows (no value for the area), the 2019 edition of the
 * Indices of Deprivation where the 2025 edition has the same measure, Census 2011 figures whose definitions differ from 2021,
 * the ethnic-group and religion breakdowns (the share of residents of ethnic groups other than White stays), and the
 * less common QOF registers. `shortOmissions` says what was left out, in words.
 */
export function isShortIndicator(ind: ShortFields): boolean {
  if (!isMainIndicator(ind)) return false;
  if (!ind.wardLevel) return false;
  if (ind.edition?.id === 'IoD2019' && !IOD2019_ONLY.has(ind.id)) return false;
  if (ind.id.startsWith('census11_')) return false;
  if (ind.id.startsWith('census21_religion_')) return false;
  if (ind.id.startsWith('census21_ethnic_') && ind.id !== 'census21_ethnic_non_white') return false;
  if (ind.id.startsWith('qof_prev_') && !SHORT_QOF.has(ind.id)) return false;
  return true;
}

/** One sentence for "About these figures": what the full version adds, by kind, for the indicators given. */
export function shortOmissions(inds: readonly ShortFields[]): string | null {
  const left = inds.filter((i) => isMainIndicator(i) && !isShortIndicator(i));
  if (left.length === 0) return null;
  const kinds: string[] = [];
  if (left.some((i) => !i.wardLevel)) kinds.push('figures published only for the councils');
  if (left.some((i) => i.wardLevel && i.edition?.id === 'IoD2019')) kinds.push('the 2019 edition of the Indices of Deprivation where the 2025 edition has the same measure');
  if (left.some((i) => i.wardLevel && i.id.startsWith('census11_'))) kinds.push('Census 2011 figures whose definitions differ from 2021');
  if (left.some((i) => i.wardLevel && i.id.startsWith('census21_ethnic_'))) kinds.push('each ethnic group');
  if (left.some((i) => i.wardLevel && i.id.startsWith('census21_religion_'))) kinds.push('religion');
  if (left.some((i) => i.wardLevel && i.id.startsWith('qof_prev_'))) kinds.push('the less common GP disease registers');
  return `${left.length} further indicators (${kinds.join(', ')}) are in the full technical version.`;
}
