/** Backend handlers for the profile verbs in shared/contract/profile.ts. */
import type { Handlers } from '../../shared/contract.ts';
import type { profileSchemas } from '../../shared/contract/profile.ts';
import type { ServiceContext } from '../context.ts';
import { resolveArea } from './area.ts';
import { ProfileData } from './data.ts';
import { getPins, setPins } from './pins.ts';
import { buildProfile } from './profile.ts';
import { applyPracticeValues } from '../practices/profile.ts';
import { choropleth, compareProfiles, requireIndicator, wardBreakdown } from './views.ts';

export function createProfileHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof profileSchemas> {
  const { db } = ctx;
  /** One cache per backend; every verb first checks whether the data changed. */
  const data = new ProfileData(db);
  const fresh = () => {
    data.refresh();
    return data;
  };

  return {
    'profile.get': async ({ area, benchmark }) => {
      const d = fresh();
      const resolved = resolveArea(d, area);
      return applyPracticeValues(db, buildProfile(d, resolved, benchmark), resolved);
    },
    'profile.wardBreakdown': async ({ area, indicatorId, period, benchmark }) => {
      const d = fresh();
      const meta = requireIndicator(d, indicatorId);
      return wardBreakdown(d, resolveArea(d, area), meta, benchmark, period);
    },
    'profile.choropleth': async ({ indicatorId, period, method, mode, benchmark }) => {
      const d = fresh();
      return choropleth(d, requireIndicator(d, indicatorId), { period, method, mode, benchmark });
    },
    'profile.compare': async ({ a, b, benchmark }) => {
      const d = fresh();
      const ra = resolveArea(d, a);
      const rb = resolveArea(d, b);
      const pa = applyPracticeValues(db, buildProfile(d, ra, benchmark), ra);
      const pb = applyPracticeValues(db, buildProfile(d, rb, benchmark), rb);
      return compareProfiles(d, pa, pb, benchmark);
    },
    'laps.pins.get': async ({ lapId }) => getPins(db, lapId),
    'laps.pins.set': async ({ lapId, indicatorIds }) => setPins(db, lapId, indicatorIds),
  };
}
