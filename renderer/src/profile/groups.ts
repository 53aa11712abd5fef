/**
 * Groups the profile's indicators under the ten 'Live Your Best Life' ambitions plus 'context' (in profile order),
 * filtered by the search box and the "show" filter. The long run of raw population counts in 'context' is held
 * back unless asked for, so the profile stays readable. Only grouping and filtering: no statistics.
 */
import { AMBITIONS, type AmbitionId } from '../../../shared/ambitions.ts';
import type { ProfileIndicator } from '../../../shared/profile.ts';
import type { Comparison } from '../../../shared/stats/index.ts';
import { isPopulationCount } from '../../../shared/main-indicators.ts';

export type ShowFilter = 'all' | 'worse' | 'better' | 'differ';

export interface IndicatorGroup {
  id: AmbitionId;
  number: number;
  title: string;
  indicators: ProfileIndicator[];
  /** Population counts held back in this group (context only). */
  hiddenCounts: number;
  /** Indicators in the group before filtering. */
  total: number;
}

export const WORSE: readonly Comparison[] = ['worse', 'worst'];
export const BETTER: readonly Comparison[] = ['better', 'best'];

/** A raw count of people or households in 'context' (population by age band...): held back by default. */
export { isPopulationCount };

type Searchable = Pick<ProfileIndicator, 'id' | 'name' | 'shortName'> & { topic?: string };

/** The words a search looks in: names, topic, ambition. */
function haystack(ind: Searchable, ambitionTitle: string): string {
  return `${ind.name} ${ind.shortName} ${ind.topic ?? ''} ${ambitionTitle} ${ind.id}`.toLowerCase();
}

export function matches(ind: Searchable, query: string, ambitionTitle: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(ind, ambitionTitle);
  return words.every((w) => text.includes(w));
}

/** 'worse' and 'better' show what the headline counts: each concept once (countsInHeadline), as docs/methods.md says. */
export function passesShow(ind: Pick<ProfileIndicator, 'comparison' | 'countsInHeadline'>, show: ShowFilter): boolean {
  if (show === 'worse') return WORSE.includes(ind.comparison) && ind.countsInHeadline !== false;
  if (show === 'better') return BETTER.includes(ind.comparison) && ind.countsInHeadline !== false;
  if (show === 'differ') return ind.comparison === 'higher' || ind.comparison === 'lower';
  return true;
}

export function groupIndicators(
  indicators: readonly ProfileIndicator[],
  options: { query: string; ambition: AmbitionId | 'all'; show: ShowFilter; showCounts: boolean },
): IndicatorGroup[] {
  return AMBITIONS.map((a) => {
    const all = indicators.filter((i) => i.ambition === a.id);
    const shown = options.ambition === 'all' || options.ambition === a.id ? all.filter((i) => matches(i, options.query, a.title) && passesShow(i, options.show)) : [];
    // A search finds population counts too: people look for a particular one.
    const showCounts = options.showCounts || options.query.trim() !== '';
    const counts = shown.filter(isPopulationCount);
    return {
      id: a.id,
      number: a.number,
      title: a.title,
      indicators: showCounts ? shown : shown.filter((i) => !isPopulationCount(i)),
      hiddenCounts: showCounts ? 0 : counts.length,
      total: all.length,
    };
  });
}

/** "2 worse, 1 better" for a section heading (words; the chips carry the colours). */
export function tally(indicators: readonly ProfileIndicator[]): { worse: number; better: number } {
  return {
    worse: indicators.filter((i) => WORSE.includes(i.comparison)).length,
    better: indicators.filter((i) => BETTER.includes(i.comparison)).length,
  };
}
