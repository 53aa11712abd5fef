/** Backend handlers for the practice verbs in shared/contract/practices.ts. */
import type { Handlers } from '../../shared/contract.ts';
import type { practicesSchemas } from '../../shared/contract/practices.ts';
import type { ServiceContext } from '../context.ts';
import { resolveArea } from '../profile/area.ts';
import { ProfileData } from '../profile/data.ts';
import { importPracticeFile } from './import.ts';
import { allPractices, practicesForArea, setLapPractice } from './store.ts';

export function createPracticeHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof practicesSchemas> {
  const { db } = ctx;
  const data = new ProfileData(db);
  const resolve = (area: Parameters<typeof resolveArea>[1]) => {
    data.refresh();
    return resolveArea(data, area);
  };
  return {
    'practices.import': async ({ fileName, contentBase64 }) => importPracticeFile(ctx, fileName, contentBase64),
    'practices.list': async () => allPractices(db),
    'practices.forArea': async ({ area }) => practicesForArea(db, resolve(area)),
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
