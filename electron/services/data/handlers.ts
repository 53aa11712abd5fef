/** Backend handlers for the data verbs in shared/contract/data.ts. */
import type { Handlers } from '../../../shared/contract.ts';
import type { dataSchemas } from '../../../shared/contract/data.ts';
import type { ServiceContext } from '../context.ts';

export function createDataHandlers(_ctx: ServiceContext): Pick<Handlers, keyof typeof dataSchemas> {
  return {};
}
