/**
 * Turns a profile area argument (a LAP, a ward, a council, a selection of wards) into its member wards, its
 * population, its own council, and - when the wards are exactly one council's wards - that council, whose own
 * rows are then used (council rows include small areas that no ward holds, such as E01027305 in West
 * Northamptonshire, so the sum of the wards is not quite the council).
 */
import { AppError } from '../../shared/contract.ts';
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import { compareNames, listJoin } from '../../shared/laps.ts';
import type { ProfileArea } from '../../shared/profile.ts';
import { POPULATION_INDICATOR, POPULATION_PERIOD } from '../data/population.ts';
import type { CouncilInfo, ProfileData, WardInfo } from './data.ts';
import { WEST } from './data.ts';

export interface ResolvedArea {
  area: ProfileArea;
  /** Member wards, by code. */
  members: WardInfo[];
  /** Set when the area is a council, or its wards are exactly one council's wards: that council's own rows are used. */
  council: CouncilInfo | null;
  ownCouncil: CouncilInfo;
  /** Short label for sentences ("N4", "Castle", "West Northamptonshire"). */
  label: string;
}

/** The E01027305 sentence, for West Northamptonshire only. */
export function councilRowsNote(council: CouncilInfo): string {
  const base = `All ${council.wards.length} wards of ${council.name}: the council's own figures are used`;
  return council.code === WEST
    ? `${base}, which include E01027305 (an LSOA in West Northamptonshire that ONS best-fits to a Cherwell ward, so no ward holds it)`
    : base;
}

/**
 * Census 2021 usual residents (the indicator behind population.ts wardPopulations and councilPopulations), read from
 * the profile's cached rows. null when any member has no figure.
 */
function populationOf(data: ProfileData, codes: readonly string[]): number | null {
  data.load(codes);
  let total = 0;
  for (const c of codes) {
    const r = data.row(c, POPULATION_INDICATOR, POPULATION_PERIOD);
    const n = r ? (r.numerator ?? r.value) : null;
    if (n === null) return null;
    total += n;
  }
  return total;
}

function wholeCouncil(data: ProfileData, members: readonly WardInfo[]): CouncilInfo | null {
  const first = members[0];
  if (!first) return null;
  const council = data.councils().get(first.authorityCode);
  if (!council || council.wards.length !== members.length) return null;
  const set = new Set(council.wards);
  return members.every((m) => set.has(m.code)) ? council : null;
}

/** The council holding most of the members' population (ward counts when populations are missing; then code order). */
function ownCouncilOf(data: ProfileData, members: readonly WardInfo[]): CouncilInfo {
  data.load(members.map((m) => m.code));
  const score = new Map<string, { people: number; wards: number }>();
  for (const m of members) {
    const r = data.row(m.code, POPULATION_INDICATOR, POPULATION_PERIOD);
    const s = score.get(m.authorityCode) ?? { people: 0, wards: 0 };
    s.people += r ? (r.numerator ?? r.value ?? 0) : 0;
    s.wards += 1;
    score.set(m.authorityCode, s);
  }
  const best = [...score.entries()].sort((a, b) => b[1].people - a[1].people || b[1].wards - a[1].wards || (a[0] < b[0] ? -1 : 1))[0];
  const council = best ? data.councils().get(best[0]) : undefined;
  if (!council) throw new AppError('internal', 'The area has no council: the geography is not loaded.');
  return council;
}

function wardsByName(members: readonly WardInfo[]) {
  return [...members].sort((a, b) => compareNames(a.name, b.name)).map((w) => ({ code: w.code, name: w.name, authorityCode: w.authorityCode }));
}

export function resolveArea(data: ProfileData, arg: ProfileAreaArg): ResolvedArea {
  const wards = data.wards();
  const lookup = (codes: readonly string[]): WardInfo[] => {
    const unknown = codes.filter((c) => !wards.has(c));
    if (unknown.length) {
      throw new AppError('not-found', `There is no ward with code${unknown.length > 1 ? 's' : ''} ${listJoin(unknown)}.`);
    }
    return [...codes].sort().map((c) => wards.get(c)!);
  };

  let members: WardInfo[];
  let name: string;
  let code: string | null;
  let lapId: number | null = null;
  let set: ProfileArea['set'] = null;
  let council: CouncilInfo | null = null;

  switch (arg.kind) {
    case 'lap': {
      const row = data.lap(arg.id);
      if (!row) throw new AppError('not-found', `There is no LAP with id ${arg.id}.`);
      members = lookup(row.wards);
      if (members.length === 0) throw new AppError('invalid-input', `${row.name} has no wards yet: add wards to see its profile.`);
      name = row.name;
      code = String(row.id);
      lapId = row.id;
      set = { id: row.setId, name: row.setName, kind: row.setKind };
      council = wholeCouncil(data, members);
      break;
    }
    case 'ward': {
      members = lookup([arg.code]);
      name = members[0]!.name;
      code = arg.code;
      break;
    }
    case 'council': {
      const c = data.councils().get(arg.code);
      if (!c) throw new AppError('not-found', `There is no council with code ${arg.code}.`);
      council = c;
      members = lookup(c.wards);
      name = c.name;
      code = c.code;
      break;
    }
    case 'selection': {
      members = lookup(arg.wards);
      council = wholeCouncil(data, members);
      const names = members.map((m) => m.name).sort(compareNames);
      name = council ? `All ${members.length} ${council.name} wards` : names.length <= 3 ? listJoin(names) : `${members.length} selected wards`;
      code = null;
      break;
    }
  }

  const ownCouncil = council ?? ownCouncilOf(data, members);
  const population = council ? populationOf(data, [council.code]) : populationOf(data, members.map((m) => m.code));
  return {
    area: {
      name,
      kind: arg.kind,
      code,
      lapId,
      set,
      population,
      ownCouncil: ownCouncil.code,
      wards: wardsByName(members),
    },
    members,
    council,
    ownCouncil,
    label: name,
  };
}
