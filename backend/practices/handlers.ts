/** Backend handlers for the practice verbs in shared/contract/practices.ts. */
import type { Handlers } from '../../shared/contract.ts';
import type { AreaPractices, practicesSchemas } from '../../shared/contract/practices.ts';
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import type { Services } from '../context.ts';
import { resolveArea } from '../profile/area.ts';
import { freshData } from '../profile/handlers.ts';
import { importPracticeFile } from './import.ts';
import { allPractices, practicesForArea, setLapPractice } from './store.ts';

/** An area's GP practices: 'practices.forArea', and the report's. */
export function areaPractices(s: Pick<Services, 'db' | 'profileData'>, area: ProfileAreaArg): AreaPractices {
  return practicesForArea(s.db, resolveArea(freshData(s), area));
}

export function createPracticeHandlers(ctx: Services): Pick<Handlers, keyof typeof practicesSchemas> {
  const { db } = ctx;
  const resolve = (area: ProfileAreaArg) => resolveArea(freshData(ctx), area);
  return {
    'practices.import': async ({ fileName, contentBase64 }) => importPracticeFile(ctx, fileName, contentBase64),
    'practices.list': async () => allPractices(db),
    'practices.forArea': async ({ area }) => areaPractices(ctx, area),
    'practices.attach': async ({ lapId, code }) => {
      setLapPractice(db, lapId, code, 'attached');
      return practicesForArea(db, resolve({ kind: 'lap', id: lapId }));
    },
    'practices.detach': async ({ lapId, code }) => {
      setLapPractice(db, lapId, code, 'detached');
      return practicesForArea(db, resolve({ kind: 'lap', id: lapId }));
    },
  };
}
