/** Backend handlers for the place verbs in shared/contract/places.ts. */
import type { Handlers } from '../../shared/contract.ts';
import type { placesSchemas } from '../../shared/contract/places.ts';
import type { Services } from '../context.ts';
import { backupNow } from '../safety/index.ts';
import { placesForArea } from './access.ts';
import { centresInfo, clearCentres, importCentres } from './centres.ts';
import { importPlaces } from './import.ts';
import { restoreBuiltinPlaces } from '../practices/seed.ts';
import { attachPlace, deletePlaceList, detachPlace, listPlaceLists, listPlaces, placeMap, write } from './store.ts';

export function createPlaceHandlers(ctx: Services): Pick<Handlers, keyof typeof placesSchemas> {
  const { db } = ctx;
  return {
    'places.import': async (args) => importPlaces(ctx, args),
    'places.restoreBuiltin': async () => {
      const r = write(db, () => restoreBuiltinPlaces(db, ctx.assetsDir));
      const list = r.listId === null ? null : (listPlaceLists(db).find((l) => l.id === r.listId) ?? null);
      const message = !list
        ? 'This copy of LAP Insight has no built-in list of GP practices and pharmacies.'
        : r.alreadyShown
          ? `The built-in list '${list.name}' is already shown.`
          : `The built-in list '${list.name}' is back: ${list.count} places. Lists you imported are unchanged.`;
      return { list, message };
    },
    'places.lists': async () => listPlaceLists(db),
    'places.deleteList': async ({ id }) => {
      backupNow(ctx, 'import'); // a restorable copy first (skipped when nothing changed since the last one)
      return deletePlaceList(db, id);
    },
    'places.list': async (filter) => listPlaces(db, filter),
    'places.map': async () => placeMap(db),
    'places.attach': async ({ placeId, lapId }) => attachPlace(db, placeId, lapId),
    'places.detach': async ({ placeId, lapId }) => detachPlace(db, placeId, lapId),
    'places.forArea': async ({ area }) => placesForArea(ctx, ctx.profileData, area),
    'places.centres': async () => centresInfo(ctx),
    'places.importCentres': async (args) => importCentres(ctx, args),
    'places.clearCentres': async () => clearCentres(ctx),
  };
}
