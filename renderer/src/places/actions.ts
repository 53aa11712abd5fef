/**
 * What a user can do to places, each saved to the backend at once:
 *
 *   - attach / detach a place to a LAP ("this practice serves N4"): recorded for undo (shell/historyStore.ts), the
 *     undo being the opposite verb. Place ids never change, so the commands hold plain ids;
 *   - delete an imported list (asked first; not undoable: the file can be imported again);
 *   - import or clear the population-weighted centroids that distances are measured from.
 *
 * Every change updates the places store (applyPlace or changed), which moves its `revision` on so the profile's
 * "Places and access" loads again. Errors come back as plain sentences for the place the user acted.
 */
import type { CentresImportResult } from '../../../shared/contract/places.ts';
import type { Place } from '../../../shared/places.ts';
import { send } from '../api.ts';
import { readFileAsBase64 } from '../data/base64.ts';
import { useHistoryStore } from '../shell/historyStore.ts';
import { announce } from '../shell/statusStore.ts';
import { linkPhrase } from './format.ts';
import { describeError } from '../errors.ts';
import { usePlacesStore } from './store.ts';

export type ActionResult = { ok: true } | { ok: false; message: string };

const apply = (place: Place) => usePlacesStore.getState().applyPlace(place);

type PlaceRef = Pick<Place, 'id' | 'name' | 'listId'>;

/**
 * Before an undo or redo: the place must still be the one the command was made for. Deleting a list (or importing
 * its file again) removes its places, and the database may give their ids to new places.
 */
async function stillThere(place: PlaceRef): Promise<void> {
  const found = await send('places.list', { query: place.name });
  if (!found.some((p) => p.id === place.id && p.listId === place.listId && p.name === place.name)) {
    throw new Error(`${place.name} is no longer loaded (its list was deleted or imported again)`);
  }
}

/** Attaches a place to a LAP by hand, with undo. */
export async function attachPlace(place: PlaceRef, lap: { id: number; name: string }): Promise<ActionResult> {
  const attach = async () => apply(await send('places.attach', { placeId: place.id, lapId: lap.id }));
  const detach = async () => apply(await send('places.detach', { placeId: place.id, lapId: lap.id }));
  try {
    await useHistoryStore.getState().run(async () => {
      await attach();
      return {
        label: `attach ${place.name} to ${lap.name}`,
        undo: async () => {
          await stillThere(place);
          await detach();
        },
        redo: async () => {
          await stillThere(place);
          await attach();
        },
      };
    });
    announce(`${place.name} now ${linkPhrase(lap.name, 'attached')}.`);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: `Could not attach ${place.name} to ${lap.name}: ${describeError(err)}` };
  }
}

/** Removes a hand-made attachment (the place stays in the LAP if it lies inside it), with undo. */
export async function detachPlace(place: PlaceRef, lap: { id: number; name: string }): Promise<ActionResult> {
  const attach = async () => apply(await send('places.attach', { placeId: place.id, lapId: lap.id }));
  const detach = async () => apply(await send('places.detach', { placeId: place.id, lapId: lap.id }));
  try {
    await useHistoryStore.getState().run(async () => {
      await detach();
      return {
        label: `detach ${place.name} from ${lap.name}`,
        undo: async () => {
          await stillThere(place);
          await attach();
        },
        redo: async () => {
          await stillThere(place);
          await detach();
        },
      };
    });
    announce(`${place.name} is no longer attached to ${lap.name}.`);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: `Could not detach ${place.name} from ${lap.name}: ${describeError(err)}` };
  }
}

/** Deletes an imported list and its places (one transaction in the backend). */
export async function deletePlaceList(list: { id: number; name: string }): Promise<ActionResult> {
  try {
    const result = await send('places.deleteList', { id: list.id });
    await usePlacesStore.getState().changed();
    announce(`Deleted “${list.name}”: ${result.places === 1 ? '1 place' : `${result.places.toLocaleString('en-GB')} places`} removed.`);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: describeError(err) };
  }
}

/** Imports the ONS population-weighted centroids file (all or nothing). */
export async function importCentres(file: File): Promise<{ ok: true; result: CentresImportResult } | { ok: false; message: string }> {
  try {
    const contentBase64 = await readFileAsBase64(file);
    const result = await send('places.importCentres', { fileName: file.name, contentBase64 });
    if (result.status === 'imported') {
      await usePlacesStore.getState().changed();
      announce(result.message);
    }
    return { ok: true, result };
  } catch (err) {
    return { ok: false, message: describeError(err) };
  }
}

/** Goes back to measuring from each ward's geometric centre. */
export async function clearCentres(): Promise<ActionResult> {
  try {
    await send('places.clearCentres', {});
    await usePlacesStore.getState().changed();
    announce("Distances are measured from each ward's geometric centre again.");
    return { ok: true };
  } catch (err) {
    return { ok: false, message: describeError(err) };
  }
}
