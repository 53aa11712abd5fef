/** Backend handlers for the profile verbs in shared/contract/profile.ts. */
import type { Handlers } from '../../../shared/contract.ts';
import type { profileSchemas } from '../../../shared/contract/profile.ts';
import type { ServiceContext } from '../context.ts';

export function createProfileHandlers(_ctx: ServiceContext): Pick<Handlers, keyof typeof profileSchemas> {
  return {};
}
