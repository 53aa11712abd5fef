/** Backend handlers for the place verbs in shared/contract/places.ts. */
import type { Handlers } from '../../../shared/contract.ts';
import { AppError } from '../../../shared/contract.ts';
import type { placesSchemas } from '../../../shared/contract/places.ts';
import type { ServiceContext } from '../context.ts';

const todo = async (): Promise<never> => {
  throw new AppError('internal', 'Places are not built yet.');
};

export function createPlaceHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof placesSchemas> {
  void ctx;
  return {
    'places.import': todo,
    'places.lists': todo,
    'places.deleteList': todo,
    'places.list': todo,
    'places.map': todo,
    'places.attach': todo,
    'places.detach': todo,
    'places.forArea': todo,
    'places.centres': todo,
    'places.importCentres': todo,
    'places.clearCentres': todo,
  };
}
