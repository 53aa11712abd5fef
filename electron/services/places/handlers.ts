/** Backend handlers for the place verbs in shared/contract/places.ts. */
import type { Handlers } from '../../../shared/contract.ts';
import type { placesSchemas } from '../../../shared/contract/places.ts';
import type { ServiceContext } from '../context.ts';
import { ProfileData } from '../profile/data.ts';
import { backupNow } from '../safety/index.ts';
import { placesForArea } from './access.ts';
import { centresInfo, clearCentres, importCentres } from './centres.ts';
import { importPlaces } from './import.ts';
import { attachPlace, deletePlaceList, detachPlace, listPlaceLists, listPlaces, placeMap } from './store.ts';

export function createPlaceHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof placesSchemas> {
  const { db } = ctx;
  /** The profile's view of the store, for resolving areas exactly as the profile does (one cache per backend). */
  const data = new ProfileData(db);
  return {
    'places.import': async (args) => importPlaces(ctx, args),
    'places.lists': async () => listPlaceLists(db),
    'places.deleteList': async ({ id }) => {
      backupNow(ctx, 'import'); // a restorable copy first (skipped when nothing changed since the last one)
      return deletePlaceList(db, id);
    },
    'places.list': async (filter) => listPlaces(db, filter),
    'places.map': async () => placeMap(db),
    'places.attach': async ({ placeId, lapId }) => attachPlace(db, placeId, lapId),
    'places.detach': async ({ placeId, lapId }) => detachPlace(db, placeId, lapId),
    'places.forArea': async ({ area }) => placesForArea(ctx, data, area),
    'places.centres': async () => centresInfo(ctx),
    'places.importCentres': async (args) => importCentres(ctx, args),
    'places.clearCentres': async () => clearCentres(ctx),
  };
}
