/**
 * A LAP's (or any area's) GP practices and the practice-based indicators summed over them.
 *
 * Practice set: practices located in the area's wards, plus (for a LAP) practices attached by hand (lap_practice
 * 'attached', or a GP place of the built-in list attached in place_lap), minus practices detached by hand. For a
 * whole council: the practices whose postcode lies in the council.
 * Value: the practices' numerators and denominators summed and computed once through shared/stats (Wilson for a
 * proportion, Byar for a crude rate), compared with West, North and England (bundle rows) at 95% and 99.8%.
 */
import { AppError } from '../../shared/contract.ts';
import type { AreaPractice, AreaPractices, PracticeIndicatorValue, PracticeSummary } from '../../shared/contract/practices.ts';
import { COUNCIL_NAMES, ENGLAND_CODE, NORTH_CODE, WEST_CODE } from '../../shared/domain.ts';
import type { IndicatorDescription } from '../../shared/indicators-meta.ts';
import { compareNames } from '../../shared/laps.ts';
import { aggregate, compare, type Comparison, type GroupEstimate, type MemberInput } from '../../shared/stats/index.ts';
import type { ResolvedArea } from '../profile/area.ts';
import type { Db } from '../db.ts';
import { BUILTIN_ATTRIBUTION } from './seed.ts';

const ENGLAND = ENGLAND_CODE;
const WEST = WEST_CODE;
const NORTH = NORTH_CODE;
const BENCH = [
  { code: WEST, name: COUNCIL_NAMES[WEST] },
  { code: NORTH, name: COUNCIL_NAMES[NORTH] },
  { code: ENGLAND, name: 'England' },
];

interface PracticeRow {
  code: string;
  name: string;
  pcn_code: string | null;
  pcn_name: string | null;
  postcode: string;
  ward_code: string | null;
  ward_name: string | null;
  lad_code: string;
}

export type PracticeIndicatorMeta = Pick<IndicatorDescription, 'id' | 'name' | 'shortName' | 'unit' | 'valueType' | 'multiplier' | 'polarity'>;

function periodKey(p: string): string {
  return p;
}

/** Every practice with its latest list size. */
export function allPractices(db: Db): PracticeSummary[] {
  const rows = db
    .prepare(
      `SELECT p.code, p.name, p.pcn_code, p.pcn_name, p.postcode, p.ward_code, a.name AS ward_name, p.lad_code FROM practice p LEFT JOIN area a ON a.code = p.ward_code`,
    )
    .all() as PracticeRow[];
  const sizes = db.prepare(`SELECT practice_code, period, list_size FROM practice_list_size ORDER BY period`).all() as { practice_code: string; period: string; list_size: number }[];
  const latest = new Map<string, { period: string; n: number }>();
  for (const s of sizes) latest.set(s.practice_code, { period: s.period, n: s.list_size });
  return rows
    .map((r) => ({
      code: r.code,
      name: r.name,
      pcnCode: r.pcn_code,
      pcnName: r.pcn_name,
      postcode: r.postcode,
      wardCode: r.ward_code,
      wardName: r.ward_name,
      councilCode: r.lad_code,
      listSize: latest.get(r.code)?.n ?? null,
      listSizePeriod: latest.get(r.code)?.period ?? null,
    }))
    .sort((a, b) => compareNames(a.name, b.name) || a.code.localeCompare(b.code));
}

/** The area's practices (and those detached by hand). */
export function areaPracticeSet(db: Db, resolved: ResolvedArea): { practices: AreaPractice[]; detached: PracticeSummary[] } {
  const all = allPractices(db);
  const lapId = resolved.area.lapId;
  const hand = new Map<string, 'attached' | 'detached'>();
  if (lapId !== null) {
    for (const r of db.prepare(`SELECT practice_code, how FROM lap_practice WHERE lap_id = ?`).all(lapId) as { practice_code: string; how: 'attached' | 'detached' }[]) {
      hand.set(r.practice_code, r.how);
    }
    // GP places of any list attached to the LAP by hand whose reference is a practice code.
    for (const r of db
      .prepare(`SELECT DISTINCT p.ref FROM place_lap pl JOIN place p ON p.id = pl.place_id WHERE pl.lap_id = ? AND p.category = 'gp' AND p.ref <> ''`)
      .all(lapId) as { ref: string }[]) {
      if (!hand.has(r.ref)) hand.set(r.ref, 'attached');
    }
  }
  const wards = new Set(resolved.members.map((m) => m.code));
  const council = resolved.area.kind === 'council' ? resolved.area.code : null;
  const practices: AreaPractice[] = [];
  const detached: PracticeSummary[] = [];
  for (const p of all) {
    const located = council ? p.councilCode === council : p.wardCode !== null && wards.has(p.wardCode);
    const h = hand.get(p.code);
    if (h === 'detached') {
      if (located) detached.push(p);
      continue;
    }
    if (located) practices.push({ ...p, how: 'location' });
    else if (h === 'attached') practices.push({ ...p, how: 'attached' });
  }
  return { practices, detached };
}

function benchmarkRow(db: Db, id: string, code: string, period: string): { value: number | null; note: string | null } | undefined {
  return db.prepare(`SELECT value, note FROM value WHERE indicator_id = ? AND area_code = ? AND period = ? AND sex = 'Persons' AND age = 'All ages'`).get(id, code, period) as
    | { value: number | null; note: string | null }
    | undefined;
}

export function practiceIndicatorMetas(db: Db): PracticeIndicatorMeta[] {
  return (
    db
      .prepare(
        `SELECT i.id, i.name, i.short_name AS shortName, i.unit, i.value_type AS valueType, i.multiplier, i.polarity FROM indicator i
         WHERE EXISTS (SELECT 1 FROM practice_value v WHERE v.indicator_id = i.id) ORDER BY i.id`,
      )
      .all() as PracticeIndicatorMeta[]
  );
}

function estimateOf(meta: PracticeIndicatorMeta, members: MemberInput[]): GroupEstimate {
  return aggregate({ valueType: meta.valueType, multiplier: meta.multiplier }, members);
}

/** One practice-based indicator for a set of practices: every period, the latest shown. */
export function practiceIndicator(db: Db, meta: PracticeIndicatorMeta, practices: readonly PracticeSummary[]): PracticeIndicatorValue {
  const rows = db
    .prepare(`SELECT practice_code AS code, period, numerator, denominator FROM practice_value WHERE indicator_id = ?`)
    .all(meta.id) as { code: string; period: string; numerator: number | null; denominator: number | null }[];
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => periodKey(a).localeCompare(periodKey(b)));
  const byPeriod = new Map<string, Map<string, { numerator: number | null; denominator: number | null }>>();
  for (const r of rows) {
    let m = byPeriod.get(r.period);
    if (!m) byPeriod.set(r.period, (m = new Map()));
    m.set(r.code, r);
  }
  // A practice without a row in a period (opened later, not in the file) is left out of that period's sum.
  const membersAt = (period: string): MemberInput[] => {
    const m = byPeriod.get(period)!;
    return practices.filter((p) => m.has(p.code)).map((p) => ({ code: p.code, name: p.name, numerator: m.get(p.code)!.numerator, denominator: m.get(p.code)!.denominator }));
  };
  const latest = periods[periods.length - 1] ?? null;
  const trend = periods.map((period) => {
    const e = estimateOf(meta, membersAt(period));
    return { period, value: e.value, ci95: e.ci95, est: e };
  });
  const shown = trend[trend.length - 1]?.est ?? null;
  const members = latest ? membersAt(latest) : [];
  const benchmarks = BENCH.map((b) => {
    const row = latest ? benchmarkRow(db, meta.id, b.code, latest) : undefined;
    const value = row?.value ?? null;
    const comparison: Comparison = shown && value !== null && shown.value !== null ? compare(shown, value, meta.polarity, shown.ci998 ? 2 : 1) : 'not-compared';
    return { code: b.code, name: b.name, value, comparison, note: row?.note ?? `No ${b.name} value in the source for ${latest ?? 'any period'}` };
  });
  const lists = latest ? listSizesAt(db, latest) : new Map<string, number>();
  const breakdown = practices.map((p) => {
    const m = members.find((x) => x.code === p.code);
    const e = m ? estimateOf(meta, [m]) : null;
    return {
      code: p.code,
      name: p.name,
      value: e?.value ?? null,
      ci95: e?.ci95 ?? null,
      numerator: m?.numerator ?? null,
      denominator: m?.denominator ?? null,
      listSize: lists.get(p.code) ?? p.listSize,
    };
  });
  return {
    id: meta.id,
    name: meta.name,
    shortName: meta.shortName,
    unit: meta.unit,
    period: latest,
    value: shown?.value ?? null,
    ci95: shown?.ci95 ?? null,
    ci998: shown?.ci998 ?? null,
    numerator: shown?.numerator ?? null,
    denominator: shown?.denominator ?? null,
    practicesWithValue: members.length,
    benchmarks,
    trend: trend.map((t) => ({ period: t.period, value: t.value, ci95: t.ci95 })),
    breakdown,
  };
}

/** QOF list sizes of an edition; Fingertips periods (2023/24) map to the nearest QOF edition only by their own denominators. */
function listSizesAt(db: Db, period: string): Map<string, number> {
  const qof = period.replace('/', '-');
  const rows = db.prepare(`SELECT practice_code, list_size FROM practice_list_size WHERE period = ?`).all(qof) as { practice_code: string; list_size: number }[];
  return new Map(rows.map((r) => [r.practice_code, r.list_size]));
}

export function practicesForArea(db: Db, resolved: ResolvedArea): AreaPractices {
  const { practices, detached } = areaPracticeSet(db, resolved);
  const pcns = new Map<string, { code: string | null; name: string; practices: number }>();
  for (const p of practices) {
    const key = p.pcnCode ?? '';
    const e = pcns.get(key) ?? { code: p.pcnCode, name: p.pcnName ?? 'No Primary Care Network recorded', practices: 0 };
    e.practices += 1;
    pcns.set(key, e);
  }
  const registered = practices.every((p) => p.listSize === null) ? null : practices.reduce((s, p) => s + (p.listSize ?? 0), 0);
  const n = practices.length;
  const label = `patients registered at ${resolved.label}'s ${n} GP ${n === 1 ? 'practice' : 'practices'}`;
  const attached = practices.filter((p) => p.how === 'attached').length;
  const description =
    n === 0
      ? `No GP practice lies in ${resolved.label}'s wards or is attached to it, so practice-based indicators have no value. Attach the practices that serve it (Places and access).`
      : `Practice-based indicators are for ${label}, not its residents: ${practices.map((p) => p.name).join(', ')}` +
        `${attached ? ` (${attached} attached by hand)` : ''}${detached.length ? `; detached by hand: ${detached.map((p) => p.name).join(', ')}` : ''}. ` +
        `Practices are chosen by where their surgery's postcode lies; their patients may live elsewhere.${registered !== null ? ` Registered patients (all ages, latest QOF list): ${registered.toLocaleString('en-GB')}.` : ''}`;
  const indicators = practiceIndicatorMetas(db).map((m) => practiceIndicator(db, m, practices));
  return {
    label,
    description,
    practices,
    detached,
    pcns: [...pcns.values()].sort((a, b) => compareNames(a.name, b.name)),
    registeredPatients: registered,
    indicators,
    attribution: BUILTIN_ATTRIBUTION,
  };
}

export function setLapPractice(db: Db, lapId: number, code: string, how: 'attached' | 'detached'): void {
  if (!db.prepare(`SELECT 1 FROM lap WHERE id = ?`).get(lapId)) throw new AppError('not-found', `There is no LAP with id ${lapId}.`);
  if (!db.prepare(`SELECT 1 FROM practice WHERE code = ?`).get(code)) throw new AppError('not-found', `There is no GP practice with code ${code} (see lap-insight practices).`);
  db.transaction(() => {
    const had = db.prepare(`SELECT how FROM lap_practice WHERE lap_id = ? AND practice_code = ?`).get(lapId, code) as { how: string } | undefined;
    // Attaching a detached practice (or detaching an attached one) undoes the hand change.
    if (had && had.how !== how) db.prepare(`DELETE FROM lap_practice WHERE lap_id = ? AND practice_code = ?`).run(lapId, code);
    else db.prepare(`INSERT OR REPLACE INTO lap_practice (lap_id, practice_code, how, changed_at) VALUES (?, ?, ?, ?)`).run(lapId, code, how, new Date().toISOString());
  }).immediate();
}
