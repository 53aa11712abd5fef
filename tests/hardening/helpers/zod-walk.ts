/**
 * Walks the contract's zod schemas so the fuzz tests are generated from the contract itself: a valid sample for
 * any schema, and the list of every object field (with its path) to attack. Reads zod 4's `_zod.def`.
 */
import type { z } from 'zod';

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  keyType?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  defaultValue?: unknown;
}

export function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Whether the field may be left out (optional or defaulted). */
export function isOptional(schema: AnySchema): boolean {
  const t = defOf(schema).type;
  if (t === 'optional' || t === 'default' || t === 'prefault') return true;
  if (t === 'nullable' || t === 'readonly' || t === 'catch') return isOptional(defOf(schema).innerType!);
  if (t === 'pipe') return isOptional(defOf(schema).in!);
  return false;
}

/** The schema without optional/default/nullable/pipe wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else break;
  }
  return s;
}

/** Strings tried, in order, for a string field with checks (regex, min, refine) until one passes. */
const STRING_CANDIDATES = ['E05013246', 'E06000062', '#1b9e77', 'census21_usual_residents', 'data.csv', 'x', 'dGVzdA==', '2021', 'abc'];

/** A valid value for the schema: required fields only, unless `full` (then every optional field that keeps it valid). */
export function sample(schema: AnySchema, full = false): unknown {
  const s = unwrap(schema);
  const d = defOf(s);
  switch (d.type) {
    case 'string':
      return STRING_CANDIDATES.find((c) => s.safeParse(c).success) ?? 'x';
    case 'number':
    case 'int':
      return [1, 2, 0.5, 0].find((n) => s.safeParse(n).success) ?? 1;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'literal':
      return d.values?.[0];
    case 'array': {
      if (s.safeParse([]).success) return [];
      return [sample(d.element!, full)];
    }
    case 'record':
      return {};
    case 'union':
    case 'discriminatedUnion':
      return sample(d.options![0]!, full);
    case 'object': {
      const out: Record<string, unknown> = {};
      const shape = d.shape ?? {};
      for (const [k, field] of Object.entries(shape)) if (!isOptional(field)) out[k] = sample(field, full);
      if (!s.safeParse(out).success) {
        // a refine may need an optional field (e.g. an official set needs a council): add them one by one
        for (const [k, field] of Object.entries(shape)) {
          if (k in out) continue;
          out[k] = sample(field, full);
          if (s.safeParse(out).success) break;
        }
      }
      if (full) {
        for (const [k, field] of Object.entries(shape)) {
          if (k in out) continue;
          out[k] = sample(field, full);
          if (!s.safeParse(out).success) delete out[k]; // e.g. laps.export: a LAP or a set, not both
        }
      }
      return out;
    }
    case 'null':
      return null;
    default:
      return undefined;
  }
}

export interface FieldInfo {
  /** Path from the arguments object, e.g. ['mapping', 'dataset', 'name']. */
  path: string[];
  schema: AnySchema;
  optional: boolean;
  /** The unwrapped type: 'string', 'object', 'record', 'array', ... */
  kind: string;
}

/** The value of `sampleValue` at this level decides which union option is walked. */
function pickOption(options: AnySchema[], value: unknown): AnySchema | undefined {
  return options.find((o) => o.safeParse(value).success) ?? options[0];
}

/** Every field reachable in the sample (nested objects included), depth first. */
export function fields(schema: AnySchema, value: unknown, path: string[] = []): FieldInfo[] {
  let s = unwrap(schema);
  let d = defOf(s);
  if (d.type === 'union' || d.type === 'discriminatedUnion') {
    s = unwrap(pickOption(d.options!, value)!);
    d = defOf(s);
  }
  if (d.type !== 'object' || typeof value !== 'object' || value === null) return [];
  const out: FieldInfo[] = [];
  for (const [k, field] of Object.entries(d.shape ?? {})) {
    const inner = unwrap(field);
    const kind = defOf(inner).type;
    out.push({ path: [...path, k], schema: field, optional: isOptional(field), kind });
    const sub = (value as Record<string, unknown>)[k];
    if (sub !== undefined) out.push(...fields(field, sub, [...path, k]));
  }
  return out;
}

/** The object paths (the arguments themselves is []) where keys can be added or removed. */
export function objectPaths(all: FieldInfo[], value: unknown): string[][] {
  const paths: string[][] = [[]];
  for (const f of all) {
    const v = getAt(value, f.path);
    if (v && typeof v === 'object' && !Array.isArray(v) && (f.kind === 'object' || f.kind === 'discriminatedUnion' || f.kind === 'union')) paths.push(f.path);
  }
  return paths;
}

export function getAt(value: unknown, path: string[]): unknown {
  let v = value;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** A deep copy with `replacement` at `path` (or the key deleted when replacement is DELETE). */
export const DELETE = Symbol('delete');
export function withAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === DELETE) delete parent[last];
  else parent[last] = replacement;
  return copy;
}
