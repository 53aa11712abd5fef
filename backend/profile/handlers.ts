/** Backend handlers for the profile verbs in shared/contract/profile.ts. */
import type { Handlers } from '../../shared/contract.ts';
import type { ProfileAreaArg, profileSchemas, WardBreakdown } from '../../shared/contract/profile.ts';
import type { BenchmarkChoice, Profile } from '../../shared/profile.ts';
import type { Services } from '../context.ts';
import { resolveArea } from './area.ts';
import type { ProfileData } from './data.ts';
import { getPins, setPins } from './pins.ts';
import { buildProfile } from './profile.ts';
import { applyPracticeValues } from '../practices/profile.ts';
import { choropleth, compareProfiles, requireIndicator, wardBreakdown } from './views.ts';

/** The backend's profile data, brought up to date: call once at the start of each request. */
export function freshData(s: Pick<Services, 'profileData'>): ProfileData {
  s.profileData.refresh();
  return s.profileData;
}

/** An area's profile with its practice figures: 'profile.get', and the report's. */
export function areaProfile(s: Pick<Services, 'db' | 'profileData'>, area: ProfileAreaArg, benchmark: BenchmarkChoice): Profile {
  const d = freshData(s);
  const resolved = resolveArea(d, area);
  return applyPracticeValues(s.db, buildProfile(d, resolved, benchmark), resolved);
}

/** One indicator ward by ward: 'profile.wardBreakdown', and the report's. */
export function areaWardBreakdown(s: Pick<Services, 'profileData'>, area: ProfileAreaArg, indicatorId: string, benchmark: BenchmarkChoice, period?: string): WardBreakdown {
  const d = freshData(s);
  const meta = requireIndicator(d, indicatorId);
  return wardBreakdown(d, resolveArea(d, area), meta, benchmark, period);
}

export function createProfileHandlers(ctx: Services): Pick<Handlers, keyof typeof profileSchemas> {
  const { db } = ctx;
  return {
    'profile.get': async ({ area, benchmark }) => areaProfile(ctx, area, benchmark),
    'profile.wardBreakdown': async ({ area, indicatorId, period, benchmark }) => areaWardBreakdown(ctx, area, indicatorId, benchmark, period),
    'profile.choropleth': async ({ indicatorId, period, method, mode, benchmark }) => {
      const d = freshData(ctx);
      return choropleth(d, requireIndicator(d, indicatorId), { period, method, mode, benchmark });
    },
    'profile.compare': async ({ a, b, benchmark }) => {
      const pa = areaProfile(ctx, a, benchmark);
      const pb = areaProfile(ctx, b, benchmark);
      return compareProfiles(freshData(ctx), pa, pb, benchmark);
    },
    'laps.pins.get': async ({ lapId }) => getPins(db, lapId),
    'laps.pins.set': async ({ lapId, indicatorIds }) => setPins(db, lapId, indicatorIds),
  };
}
