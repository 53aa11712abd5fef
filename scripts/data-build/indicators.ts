/**
 * The bundled indicators, in profile order: the catalogue entries by topic (catalogue/*.ts: metadata from
 * docs/indicator-catalogue.md where one matches) and, in specs.ts, the builders that compute each of them.
 */
import { censusSpecs } from './catalogue/census.ts';
import { deprivationSpecs } from './catalogue/deprivation.ts';
import { dwpSpecs } from './catalogue/dwp.ts';
import { populationSpecs } from './catalogue/population.ts';
import type { IndicatorSpec } from './specs.ts';

export function indicatorSpecs(): IndicatorSpec[] {
  return [...populationSpecs(), ...deprivationSpecs(), ...censusSpecs(), ...dwpSpecs()];
}
