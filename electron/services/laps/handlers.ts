/** Backend handlers for the LAP verbs in shared/contract/laps.ts. */
import type { Handlers } from '../../../shared/contract.ts';
import type { lapSchemas } from '../../../shared/contract/laps.ts';
import type { ServiceContext } from '../context.ts';

export function createLapHandlers(_ctx: ServiceContext): Pick<Handlers, keyof typeof lapSchemas> {
  return {};
}
