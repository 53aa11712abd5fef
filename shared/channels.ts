/**
 * The contract's channel names as a plain list, for code that must not load zod and every schema just to check a
 * name: the sandboxed preload (electron/preload/bridge.ts) is parsed on every page load.
 *
 * Kept equal to the keys of `schemas` in contract.ts by the type check below (tsc fails when a verb is added there
 * and not here, or the other way round) and by tests/electron/preload.test.ts.
 */
import type { Channel } from './contract.ts';

export const CHANNEL_NAMES = [
  'app.info',
  'geography.get',
  'wards.list',
  'app.notices',
  'indicators.list',
  'datasets.list',
  'datasets.delete',
  'import.preview',
  'import.start',
  'jobs.get',
  'files.stage',
  'jobs.cancel',
  'lapSets.list',
  'lapSets.delete',
  'lapSets.coverage',
  'laps.list',
  'laps.get',
  'laps.create',
  'laps.rename',
  'laps.recolour',
  'laps.describe',
  'laps.setWards',
  'laps.duplicate',
  'laps.delete',
  'laps.outline',
  'laps.outlines',
  'laps.export',
  'laps.import',
  'profile.get',
  'profile.wardBreakdown',
  'profile.choropleth',
  'profile.compare',
  'laps.pins.get',
  'laps.pins.set',
  'export.profile',
  'places.import',
  'places.restoreBuiltin',
  'places.lists',
  'places.deleteList',
  'places.list',
  'places.map',
  'places.attach',
  'places.detach',
  'places.forArea',
  'places.centres',
  'places.importCentres',
  'places.clearCentres',
  'practices.list',
  'practices.forArea',
  'practices.attach',
  'practices.detach',
  'practices.import',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** true only when the two unions are the same. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A verb was added to (or removed from) contract.ts `schemas` but not CHANNEL_NAMES above: list it here too. */
export const CHANNEL_NAMES_MATCH_CONTRACT: Same<ChannelName, Channel> = true;

const NAMES: ReadonlySet<string> = new Set(CHANNEL_NAMES);

/** True for a contract channel name. Plain JavaScript: no zod. */
export function isChannelName(name: unknown): name is Channel {
  return typeof name === 'string' && NAMES.has(name);
}
