/**
 * The checks of an import, after the file is read: indicator metadata (stored, or inferred from the file and the
 * mapping), every row against its indicator, duplicate keys, and clashes with values already stored.
 * Problems go to the Analysis's issues; rows with errors are flagged F_BAD. Nothing here writes to the database.
 */
import type { ImportFormat, IndicatorSpec } from '../../shared/contract/data.ts';
import { indicatorIdSchema } from '../../shared/contract/data.ts';
import type { ValueType } from '../../shared/indicators-meta.ts';
import { cleanName } from '../../shared/text.ts';
import type { Db } from '../db.ts';
import { fmt, plural, rowList } from '../io/numbers.ts';
import { finite, RATIO_TYPES, type Analysis, type Built, type IndMeta, type SrcIndicator } from './analysis.ts';
import { F_BAD, type Columns } from './columns.ts';
import { slugId, wideSpecs } from './formats.ts';
import { getIndicatorRow, type IndicatorRow } from './store.ts';

export function shortName(name: string): string {
  return name.length <= 60 ? name : `${name.slice(0, 57).trimEnd()}…`;
}

function perN(text: string): number | null {
  const m = /per\s+([\d,]+)/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isFinite(n) && n > 0 ? n : null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Guesses the value type and multiplier of a new indicator from its unit, name and numbers. */
function inferType(ind: SrcIndicator, format: ImportFormat): { valueType: ValueType; multiplier: number; unit: string; how: string } {
  const u = ind.unit.toLowerCase();
  const nm = ind.name.toLowerCase();
  const both = `${nm} ${u}`;
  const hasCounts = ind.withNum > 0 && ind.withDen >= ind.withNum;
  if (/decile|quintile|\brank\b/.test(u)) return { valueType: 'rank', multiplier: 1, unit: ind.unit, how: `a rank or decile (unit '${ind.unit}')` };
  if (/\bscore\b/.test(u)) return { valueType: 'mean-score', multiplier: 1, unit: ind.unit, how: `a score (unit '${ind.unit}')` };
  if (/life expectancy/.test(nm)) return { valueType: 'life-expectancy', multiplier: 1, unit: ind.unit || 'years', how: 'life expectancy (from its name)' };
  if (/standardi[sz]ed (admission |mortality |incidence )?ratio|\bsar\b|\bsmr\b|indirectly standardi/.test(both)) {
    return { valueType: 'isr', multiplier: 100, unit: ind.unit || 'ratio (England = 100)', how: 'an indirectly standardised ratio (from its name)' };
  }
  if (/directly (age[- ])?standardi[sz]ed|\bdsr\b|age[- ]standardi[sz]ed|mortality rate/.test(both)) {
    const m = perN(both) ?? 100000;
    return { valueType: 'dsr', multiplier: m, unit: ind.unit || `per ${fmt(m)}`, how: 'a directly standardised rate (from its name)' };
  }
  if (/^%|percent|proportion|^%$/.test(u)) {
    return { valueType: 'proportion', multiplier: 100, unit: ind.unit, how: `a percentage (unit '${ind.unit}')` };
  }
  const m = perN(u);
  if (m) return { valueType: 'crude-rate', multiplier: m, unit: ind.unit, how: `a rate per ${fmt(m)} (unit '${ind.unit}')` };
  if (/^(count|number|people|persons|households)\b/.test(u)) {
    if (hasCounts && ind.withDen > 0) {
      return { valueType: 'proportion', multiplier: 100, unit: '%', how: `a count with a denominator, read as a percentage (numerator ÷ denominator × 100)` };
    }
    return { valueType: 'count', multiplier: 1, unit: ind.unit, how: `a count (unit '${ind.unit}')` };
  }
  if (ind.ratios.length >= 1) {
    // value ÷ (count ÷ denominator): 100 for a percentage, 100,000 for a rate per 100,000. Most rows must agree.
    const r = median(ind.ratios);
    for (const c of [100, 1000, 10000, 100000, 1000000]) {
      const agree = ind.ratios.filter((x) => Math.abs(x / c - 1) < 0.02).length;
      if (Math.abs(r / c - 1) < 0.02 && agree >= 0.8 * ind.ratios.length) {
        if (c === 100) return { valueType: 'proportion', multiplier: 100, unit: ind.unit || '%', how: 'a percentage (the values are count ÷ denominator × 100)' };
        return { valueType: 'crude-rate', multiplier: c, unit: ind.unit || `per ${fmt(c)}`, how: `a rate per ${fmt(c)} (the values are count ÷ denominator × ${fmt(c)})` };
      }
    }
  }
  if (format !== 'fingertips' && ind.withNum > 0 && ind.withDen === 0 && ind.withVal <= ind.withNum) {
    return { valueType: 'count', multiplier: 1, unit: ind.unit || 'count', how: 'a count (numerators without denominators)' };
  }
  return { valueType: 'other', multiplier: 1, unit: ind.unit, how: 'not known' };
}


/** Indicator metadata: the stored indicator if it exists, else inferred from the file and the mapping. */
export function resolveIndicators(a: Analysis, db: Db): void {
  const overrides = a.mapping?.indicators ?? {};
  const wide = wideSpecs(a.mapping);
  const finalIds = new Map<string, string>();
  const guessed = new Map<string, string[]>();
  for (const ind of a.indList) {
    const over: IndicatorSpec = { ...(wide.get(ind.sourceId) ?? {}), ...(overrides[ind.sourceId] ?? {}) };
    delete (over as { period?: string }).period;
    delete (over as { denominatorColumn?: string }).denominatorColumn;
    let id = over.id ?? (a.format === 'fingertips' ? `fingertips-${ind.sourceId}` : ind.sourceId);
    if (!indicatorIdSchema.safeParse(id).success) {
      const slug = slugId(id);
      a.issues.info(`indicator '${id}' is stored as '${slug}' (ids use letters, digits, _ . : and -)`);
      id = slug;
    }
    const clash = finalIds.get(id);
    if (clash !== undefined) a.issues.error(ind.firstRow, null, `indicators '${clash}' and '${ind.sourceId}' would both be stored as '${id}'`);
    finalIds.set(id, ind.sourceId);
    const existing = getIndicatorRow(db, id);
    const givenKeys = Object.keys(over).filter((k) => k !== 'id' && k !== 'name');
    if (existing) {
      const bundled = existing.dataset_id !== null && (db.prepare('SELECT kind FROM dataset WHERE id = ?').get(existing.dataset_id) as { kind: string } | undefined)?.kind === 'bundled';
      const update = givenKeys.length > 0 && !bundled;
      if (givenKeys.length > 0 && bundled) a.issues.warning(null, null, `indicator '${id}' ships with LAP Insight: its description was not changed (the values are added to it)`);
      ind.meta = fromRow(existing, ind.sourceId, update ? over : {}, update);
    } else {
      const t = inferType(ind, a.format ?? 'tidy');
      const valueType = over.valueType ?? t.valueType;
      const multiplier = over.multiplier ?? (over.valueType && over.valueType !== t.valueType ? defaultMultiplier(over.valueType, ind.unit) : t.multiplier);
      const unit = over.unit ?? (over.valueType && over.valueType !== t.valueType ? ind.unit : t.unit);
      // From the file or the mapping: never a control or bidi character in a stored name (shared/text.ts).
      const name = cleanName(over.name ?? ind.name) || ind.sourceId;
      const how = over.valueType ? 'given in the mapping' : t.how;
      ind.meta = {
        id,
        sourceId: ind.sourceId,
        isNew: true,
        catalogueId: over.catalogueId ?? null,
        name,
        shortName: cleanName(over.shortName ?? '') || shortName(name),
        ambition: over.ambition ?? ind.ambition ?? a.mapping?.ambition ?? 'context',
        topic: cleanName(over.topic ?? ''),
        definition: over.definition ?? name,
        valueType,
        multiplier,
        unit: cleanName(unit),
        polarity: over.polarity ?? ind.polarity ?? a.mapping?.polarity ?? 'no-judgement',
        missingIsZero: over.missingIsZero ?? false,
        disclosureControlled: over.disclosureControlled ?? false,
        wardLevel: over.wardLevel ?? true,
        methodNote: over.methodNote ?? '',
        update: false,
        polarityGiven: over.polarity !== undefined || ind.polarity !== undefined || a.mapping?.polarity !== undefined,
        ambitionGiven: over.ambition !== undefined || ind.ambition !== undefined || a.mapping?.ambition !== undefined,
        how,
        decile: false,
        mostDeprivedFirst: false,
      };
      if (!over.valueType && (t.valueType === 'other' || a.format === 'fingertips')) {
        const l = guessed.get(t.how) ?? [];
        l.push(id);
        guessed.set(t.how, l);
      }
    }
    const m = ind.meta;
    m.decile = /decile/i.test(`${ind.unit} ${m.unit}`) || /decile/i.test(ind.sourceId);
    m.mostDeprivedFirst = /1\s*=\s*most deprived/i.test(`${ind.unit} ${m.unit} ${m.name}`);
  }
  const unasked = a.indList.filter((x) => x.meta && (!x.meta.polarityGiven || !x.meta.ambitionGiven)).map((x) => x.meta!.id);
  if (unasked.length > 0) {
    const shown = unasked.slice(0, 4).map((x) => `'${x}'`).join(', ') + (unasked.length > 4 ? ` and ${unasked.length - 4} more` : '');
    a.issues.info(
      `the file does not say whether a higher value is better or worse, nor which ambition ${unasked.length === 1 ? 'its indicator belongs' : 'its indicators belong'} to (${shown}): stored as 'no judgement' and 'context' unless you choose (in the import, or with --polarity and --ambition on the command line)`,
      unasked.length,
    );
  }
  for (const [how, ids] of guessed) {
    const shown = ids.slice(0, 4).map((x) => `'${x}'`).join(', ') + (ids.length > 4 ? ` and ${ids.length - 4} more` : '');
    const verb = how.startsWith('not known') ? 'has a value type that could not be worked out' : `was read as ${how}`;
    a.issues.info(`${plural(ids.length, 'indicator')} (${shown}) ${ids.length === 1 ? verb : verb.replace(/^has/, 'have').replace(/^was/, 'were')}; if that is wrong, give the value type in a mapping`, ids.length);
  }
}


/** Checks every stored row against its indicator (numerator within denominator, deciles 1-10, ...). */
export function checkRows(a: Analysis): void {
  const c = a.cols;
  const mismatch: { rows: number[]; n: number; example: string } = { rows: [], n: 0, example: '' };
  for (let i = 0; i < c.n; i++) {
    if (c.flags[i]! & F_BAD) continue;
    const meta = a.indList[c.ind[i]!]!.meta!;
    const row = c.row[i]!;
    const num = c.num[i]!;
    const den = c.den[i]!;
    const val = c.val[i]!;
    const t = meta.valueType;
    // Numerators and denominators are counts of people or events, whatever the value type: never negative.
    if (finite(num) && num < 0) {
      a.rowError(row, null, `row ${row}: numerator ${fmt(num)} is negative (a count cannot be below zero)`);
      c.flags[i]! |= F_BAD;
      continue;
    }
    if (finite(den) && den < 0) {
      a.rowError(row, null, `row ${row}: denominator ${fmt(den)} is negative (a count cannot be below zero)`);
      c.flags[i]! |= F_BAD;
      continue;
    }
    if (t === 'count' && finite(val) && val < 0) {
      a.rowError(row, null, `row ${row}: count ${fmt(val)} is negative (a count cannot be below zero)`);
      c.flags[i]! |= F_BAD;
      continue;
    }
    if ((t === 'proportion' || t === 'crude-rate') && finite(num) && finite(den) && den === 0) {
      a.rowError(row, null, `row ${row}: the denominator is 0, so no ${t === 'proportion' ? 'percentage' : 'rate'} can be worked out`);
      c.flags[i]! |= F_BAD;
      continue;
    }
    if ((t === 'proportion' || (t === 'count' && finite(den))) && finite(num) && finite(den) && num > den) {
      a.rowError(row, null, `row ${row}: numerator ${fmt(num)} is greater than denominator ${fmt(den)}`);
      c.flags[i]! |= F_BAD;
      continue;
    }
    if (finite(c.l95[i]!) && finite(c.u95[i]!) && c.l95[i]! > c.u95[i]!) {
      a.rowError(row, null, `row ${row}: the lower 95% limit ${fmt(c.l95[i]!)} is above the upper limit ${fmt(c.u95[i]!)}`);
      c.flags[i]! |= F_BAD;
      continue;
    }
    if (meta.decile && finite(val) && !(Number.isInteger(val) && val >= 1 && val <= 10)) {
      a.rowError(row, null, `row ${row}: decile ${fmt(val)} is not a whole number from 1 to 10`);
      c.flags[i]! |= F_BAD;
      continue;
    }
    if (RATIO_TYPES.has(t) && finite(val) && finite(num) && finite(den) && den > 0 && val !== num) {
      const computed = (num / den) * meta.multiplier;
      if (Math.abs(val - computed) > 0.01 * Math.abs(computed) + 0.051) {
        mismatch.n++;
        if (mismatch.rows.length < 5) mismatch.rows.push(row);
        mismatch.example ||= `row ${row}: ${fmt(val)}, while ${fmt(num)} ÷ ${fmt(den)} × ${fmt(meta.multiplier)} = ${fmt(Math.round(computed * 1000) / 1000)}`;
      }
    }
  }
  if (mismatch.n > 0) {
    a.issues.warning(
      mismatch.rows[0]!,
      null,
      `in ${plural(mismatch.n, 'row')} the value is not numerator ÷ denominator × multiplier (${mismatch.example}); the file's values are kept, but check the value type and multiplier`,
      mismatch.n,
    );
  }
}


/** Composite key per row (indicator, area, period, sex/age, band) in primary-key order; sorted; duplicates reported. */
export function checkDuplicates(a: Analysis): void {
  const c = a.cols;
  const n = c.n;
  if (n === 0) return;
  const indRank = new Int32Array(a.indList.length);
  a.indList
    .map((x, i) => [x.meta?.id ?? x.sourceId, i] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .forEach(([, i], r) => (indRank[i] = r));
  const areaRank = new Int32Array(a.areaList.length);
  a.areaList
    .map((area, i) => [area.code, i] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .forEach(([, i], r) => (areaRank[i] = r));
  const periodRank = a.periods.ranks();
  const saRank = a.sexAges.ranks();
  const bandRank = a.bands.ranks();
  const nI = a.indList.length;
  const nA = a.areaList.length;
  const nP = a.periods.size;
  const nS = a.sexAges.size;
  const nB = a.bands.size + 1;
  const keySpace = nI * nA * nP * nS * nB;
  const keyOf = (i: number) => ((indRank[c.ind[i]!]! * nA + areaRank[c.area[i]!]!) * nP + periodRank[c.period[i]!]!) * nS * nB + saRank[c.sexAge[i]!]! * nB + (c.band[i]! < 0 ? 0 : bandRank[c.band[i]!]! + 1);
  const dups: [number, number][] = [];
  let order: Uint32Array;
  if (keySpace * n < 2 ** 52) {
    // Packed numeric keys: one native typed-array sort.
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keyOf(i) * n + i;
    packed.sort();
    order = new Uint32Array(n);
    let prevKey = -1;
    let prevRow = -1;
    for (let k = 0; k < n; k++) {
      const p = packed[k]!;
      const key = Math.floor(p / n);
      const i = p - key * n;
      order[k] = i;
      if (key === prevKey) dups.push([prevRow, i]);
      else {
        prevKey = key;
        prevRow = i;
      }
    }
  } else {
    const keys = new Array<string>(n);
    for (let i = 0; i < n; i++) keys[i] = `${indRank[c.ind[i]!]}\u0000${areaRank[c.area[i]!]}\u0000${periodRank[c.period[i]!]}\u0000${saRank[c.sexAge[i]!]}\u0000${c.band[i]}`;
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
    order = Uint32Array.from(idx);
    for (let k = 1; k < n; k++) if (keys[idx[k]!] === keys[idx[k - 1]!]) dups.push([idx[k - 1]!, idx[k]!]);
  }
  a.order = order;
  let benign = 0;
  for (const [x, y] of dups) {
    if (a.format === 'fingertips' && sameNumbers(c, x, y) && c.hint[x] !== c.hint[y]) {
      // Fingertips lists a unitary council under two area types with the same numbers: keep one.
      c.flags[y]! |= F_BAD;
      benign++;
      continue;
    }
    c.flags[x]! |= F_BAD;
    c.flags[y]! |= F_BAD;
    const ind = a.indList[c.ind[x]!]!;
    const [sex, age] = a.sexAges.list[c.sexAge[x]!]!.split('\u0000');
    const breakdown = a.sexAges.size > 1 ? `, ${sex}, ${age}` : '';
    const band = c.band[x]! >= 0 ? `, age band ${a.bands.list[c.band[x]!]}` : '';
    const [r1, r2] = [c.row[x]!, c.row[y]!].sort((p, q) => p - q);
    const what = `indicator '${ind.sourceId}' for area ${a.areaList[c.area[x]!]!.code}, period ${a.periods.list[c.period[x]!]}${breakdown}${band}`;
    a.rowError(r1!, null, `rows ${r1} and ${r2} are duplicates: both give ${what}`);
    a.noteRejected(r2!, null, `rows ${r1} and ${r2} are duplicates: both give ${what}`);
  }
  if (benign > 0) a.issues.info(`${plural(benign, 'row')} repeated an area under a second area type with the same numbers; each was stored once`, benign);
}


/** Values that already exist in the store (from other datasets) for the same key. */
export function checkStoreClashes(a: Analysis, db: Db, replacing: number[]): void {
  const c = a.cols;
  const byInd = new Map<number, number[]>();
  for (let i = 0; i < c.n; i++) {
    if (c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
    const ind = a.indList[c.ind[i]!]!;
    if (ind.meta?.isNew) continue;
    let list = byInd.get(ind.idx);
    if (!list) byInd.set(ind.idx, (list = []));
    list.push(i);
  }
  const q = db.prepare('SELECT area_code, period, sex, age, dataset_id FROM value WHERE indicator_id = ?');
  for (const [indIdx, rows] of byInd) {
    const ind = a.indList[indIdx]!;
    const existing = new Map<string, number>();
    for (const r of q.all(ind.meta!.id) as { area_code: string; period: string; sex: string; age: string; dataset_id: number }[]) {
      if (replacing.includes(r.dataset_id)) continue;
      existing.set(`${r.area_code}\u0000${r.period}\u0000${r.sex}\u0000${r.age}`, r.dataset_id);
    }
    if (existing.size === 0) continue;
    for (const i of rows) {
      const key = `${a.areaList[c.area[i]!]!.code}\u0000${a.periods.list[c.period[i]!]}\u0000${a.sexAges.list[c.sexAge[i]!]}`;
      const ds = existing.get(key);
      if (ds === undefined) continue;
      c.flags[i]! |= F_BAD;
      const d = db.prepare('SELECT id, kind, name, file_name FROM dataset WHERE id = ?').get(ds) as { id: number; kind: string; name: string; file_name: string };
      const id = ind.meta!.id;
      a.rowErrorGroup(`clash:${id}:${ds}`, c.row[i]!, null, (rws, n) =>
        d.kind === 'bundled'
          ? `indicator '${id}' already has values from the bundled dataset '${d.name}' for ${plural(n, 'of these rows', 'of these rows')} (${rowList(rws, n)}): bundled values cannot be replaced; import these under a different indicator id`
          : `indicator '${id}' already has values from dataset ${d.id} ('${d.file_name}') for ${plural(n, 'of these rows', 'of these rows')} (${rowList(rws, n)}): delete that dataset first (lap-insight datasets delete ${d.id}), or use a different indicator id`,
        `indicator '${id}' already has a value for this area and period, from ${d.kind === 'bundled' ? `the bundled dataset '${d.name}'` : `dataset ${d.id} ('${d.file_name}')`}`,
      );
    }
  }
}

/**
 * Warns when an indicator has values for only some of the wards in a period ("values for 12 of 57 wards"):
 * the other wards, and LAPs that include them, then have no value for it.
 */
export function checkWardCoverage(a: Analysis, db: Db): void {
  const wards = db.prepare("SELECT a.code, a.parent_code AS lad, p.name AS ladName FROM area a LEFT JOIN area p ON p.code = a.parent_code WHERE a.type = 'ward'").all() as {
    code: string;
    lad: string | null;
    ladName: string | null;
  }[];
  if (wards.length === 0) return;
  const c = a.cols;
  const have = new Map<string, { id: string; period: string; codes: Set<string> }>();
  const entry = (id: string, period: string) => {
    const k = `${id}\u0000${period}`;
    let e = have.get(k);
    if (!e) have.set(k, (e = { id, period, codes: new Set() }));
    return e;
  };
  // The file's ward rows by indicator and period (numeric keys: a string key per row cost a fifth of the checks).
  const nP = a.periods.size;
  const wardRows = new Map<number, Set<number>>();
  let lastKey = -1;
  let last: Set<number> | undefined;
  for (let i = 0; i < c.n; i++) {
    if (c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
    const area = a.areaList[c.area[i]!]!;
    if (area.known?.type !== 'ward') continue; // suppressed values count: the suppression warning says which
    const key = c.ind[i]! * nP + c.period[i]!;
    if (key !== lastKey) {
      last = wardRows.get(key);
      if (!last) wardRows.set(key, (last = new Set()));
      lastKey = key;
    }
    last!.add(area.idx);
  }
  for (const [key, areas] of wardRows) {
    const meta = a.indList[Math.floor(key / nP)]!.meta;
    if (!meta) continue;
    const e = entry(meta.id, a.periods.list[key % nP]!);
    for (const x of areas) e.codes.add(a.areaList[x]!.code);
  }
  for (const b of a.built) if (b.areaType === 'ward') entry(b.ind.id, b.period).codes.add(b.area); // incomplete ones are warned about apart
  // One warning per coverage (the same wards for several indicators or periods say it once).
  const groups = new Map<string, { codes: Set<string>; items: string[] }>();
  for (const e of have.values()) {
    if (e.codes.size >= wards.length) continue;
    const key = [...e.codes].sort().join(' ');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { codes: e.codes, items: [] }));
    g.items.push(`'${e.id}' (${e.period})`);
  }
  for (const g of groups.values()) {
    const n = g.codes.size;
    const missing = wards.length - n;
    const councils = new Map<string, { name: string; total: number; covered: number }>();
    for (const w of wards) {
      const k = w.lad ?? '';
      const e = councils.get(k) ?? { name: w.ladName ?? 'no council', total: 0, covered: 0 };
      e.total++;
      if (g.codes.has(w.code)) e.covered++;
      councils.set(k, e);
    }
    const whole = [...councils.values()].filter((x) => x.covered === x.total);
    const none = [...councils.values()].filter((x) => x.covered === 0);
    const which = whole.length === 1 && whole.length + none.length === councils.size ? `: all ${whole[0]!.total} wards of ${whole[0]!.name}, none of ${none.map((x) => x.name).join(' or ')}` : '';
    const shown = g.items.slice(0, 4).join(', ') + (g.items.length > 4 ? ` and ${g.items.length - 4} more` : '');
    a.coverage.push({
      wards: n,
      of: wards.length,
      items: g.items,
      message: `values for ${n} of ${wards.length} wards${which} for ${shown}: the other ${plural(missing, 'ward')} will show no value, and neither will a LAP that includes any of them`,
    });
  }
}

/** Indicators with values for only some wards (see checkWardCoverage). */

/** Built ward and council values that would clash with values already stored (from other datasets). */
export function checkBuiltClashes(a: Analysis, db: Db, replacing: number[]): void {
  const byInd = new Map<string, Built[]>();
  for (const b of a.built) {
    const l = byInd.get(b.ind.id) ?? [];
    l.push(b);
    byInd.set(b.ind.id, l);
  }
  const q = db.prepare('SELECT area_code, period, sex, age, dataset_id FROM value WHERE indicator_id = ?');
  for (const [id, list] of byInd) {
    const existing = new Map<string, number>();
    for (const r of q.all(id) as { area_code: string; period: string; sex: string; age: string; dataset_id: number }[]) {
      if (!replacing.includes(r.dataset_id)) existing.set(`${r.area_code}\u0000${r.period}\u0000${r.sex}\u0000${r.age}`, r.dataset_id);
    }
    if (existing.size === 0) continue;
    let n = 0;
    let ds = 0;
    let example = '';
    for (const b of list) {
      const d = existing.get(`${b.area}\u0000${b.period}\u0000${b.sex}\u0000${b.age}`);
      if (d === undefined) continue;
      n++;
      ds = d;
      example ||= `${b.area}, ${b.period}`;
    }
    if (n > 0) {
      const d = db.prepare('SELECT id, kind, name, file_name FROM dataset WHERE id = ?').get(ds) as { id: number; kind: string; name: string; file_name: string };
      const src = a.indList.find((x) => x.meta?.id === id)?.sourceId ?? id;
      a.issues.error(
        null,
        null,
        d.kind === 'bundled'
          ? `indicator '${id}' ships with LAP Insight ('${d.name}') and already has the ${plural(n, 'ward or council value')} this file would build (e.g. ${example}): to import the file's values as well, give the indicator a new id in a mapping (e.g. "indicators": {"${src}": {"id": "${src}_imported"}})`
          : `indicator '${id}' already has the ${plural(n, 'ward or council value')} this file would build, from dataset ${d.id} ('${d.file_name}') (e.g. ${example}): delete that dataset first (lap-insight datasets delete ${d.id}), or use a different indicator id`,
      );
    }
  }
}


function sameNumbers(c: Columns, a: number, b: number): boolean {
  const eq = (x: number, y: number) => x === y || (x !== x && y !== y);
  return eq(c.num[a]!, c.num[b]!) && eq(c.den[a]!, c.den[b]!) && eq(c.val[a]!, c.val[b]!) && eq(c.l95[a]!, c.l95[b]!) && eq(c.u95[a]!, c.u95[b]!);
}

function defaultMultiplier(t: ValueType, unit: string): number {
  if (t === 'proportion' || t === 'isr') return 100;
  if (t === 'crude-rate' || t === 'dsr') return perN(unit) ?? 100000;
  return 1;
}

function fromRow(r: IndicatorRow, sourceId: string, over: IndicatorSpec, update: boolean): IndMeta {
  return {
    id: r.id,
    sourceId,
    isNew: false,
    catalogueId: over.catalogueId ?? r.catalogue_id,
    name: over.name ?? r.name,
    shortName: over.shortName ?? r.short_name,
    ambition: over.ambition ?? r.ambition,
    topic: over.topic ?? r.topic,
    definition: over.definition ?? r.definition,
    valueType: over.valueType ?? r.value_type,
    multiplier: over.multiplier ?? r.multiplier,
    unit: over.unit ?? r.unit,
    polarity: over.polarity ?? r.polarity,
    missingIsZero: over.missingIsZero ?? r.missing_is_zero === 1,
    disclosureControlled: over.disclosureControlled ?? r.disclosure_controlled === 1,
    wardLevel: over.wardLevel ?? r.ward_level === 1,
    methodNote: over.methodNote ?? r.method_note,
    update,
    polarityGiven: true,
    ambitionGiven: true,
    how: `an existing ${r.value_type} indicator`,
    decile: false,
    mostDeprivedFirst: false,
  };
}
