/**
 * Generated contract fuzzing: every channel of the Handlers contract (read from `channels`/`schemas`, so a new
 * verb is covered without touching this file) is sent malformed arguments through `dispatch`, with a real backend
 * on a temporary database:
 *
 *   wrong types, missing fields, extra fields, 1 MB strings, 10,000-deep nesting, NaN / ±Infinity / unsafe
 *   integers, arrays where objects belong, structured-clone exotics (Date, Map, Set, typed arrays, RegExp) that
 *   Electron IPC can deliver, and prototype-pollution keys (__proto__, constructor, prototype) as own properties
 *   made by JSON.parse, at the top level and inside every nested object.
 *
 * Every reply must be {ok:false, error:{kind:'invalid-input', channel, message, issues:[...]}}: never 'internal', never a
 * throw. No handler may run. Afterwards Object.prototype (and Array/Function prototypes) are unchanged, and so is
 * the database, table by table (SHA-256 of every row).
 *
 * An attack the schema itself accepts is not sent (it would run a real handler). It must be one of a short,
 * explained allow-list (fields meant to take big files); anything else fails the test, e.g. a new string field
 * without a max length.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import fc from 'fast-check';
import { channels, schemas, type Channel, type Handlers } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { tableChecksums } from '../../backend/safety/checksum.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';
import { DELETE, fields, getAt, objectPaths, sample, withAt } from './helpers/zod-walk.ts';

const MB = 1024 * 1024;
const HUGE = 'A'.repeat(MB);
const HUGE_SQL = "'); DROP TABLE lap;--".repeat(Math.ceil(MB / 21)).slice(0, MB);
const DEPTH = 10_000;
const deepObject = JSON.parse('{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH)) as unknown;
const deepArray = JSON.parse('['.repeat(DEPTH) + ']'.repeat(DEPTH)) as unknown;

/** Own-property prototype keys, as JSON.parse makes them from a hostile file or request body. */
const POLLUTERS: [string, string][] = [
  ['__proto__', '{"__proto__":{"polluted":"yes","isAdmin":true}}'],
  ['constructor', '{"constructor":{"prototype":{"polluted":"yes"}}}'],
  ['prototype', '{"prototype":{"polluted":"yes"}}'],
  ['nested __proto__', '{"a":{"__proto__":{"polluted":"yes"}}}'],
];

/** Adds a JSON-parsed own key to a (JSON-able) object: {"__proto__": ..., ...rest}. */
function withOwnKey(obj: unknown, json: string): unknown {
  const rest = JSON.stringify(obj ?? {}).slice(1, -1);
  return JSON.parse(`${json.slice(0, -1)}${rest ? `,${rest}` : ''}}`);
}

/**
 * Values put in place of each field. 'probe': an ordinary wrong type (a valid value where the field takes it, then
 * simply not sent). 'exotic': what only Electron's structured clone can deliver; the schema must reject it or turn
 * it into plain data. 'hostile': must be rejected (or be in ACCEPTED_BY_DESIGN).
 */
type Hostility = 'probe' | 'exotic' | 'hostile';
const VALUE_ATTACKS: [string, Hostility, () => unknown][] = [
  ['number', 'probe', () => 42],
  ['negative number', 'probe', () => -1],
  ['fraction', 'probe', () => 0.5],
  ['string', 'probe', () => 'not what you expected'],
  ['empty string', 'probe', () => ''],
  ['boolean', 'probe', () => true],
  ['null', 'probe', () => null],
  ['empty array', 'probe', () => []],
  ['empty object', 'probe', () => ({})],
  ['NaN', 'hostile', () => NaN],
  ['Infinity', 'hostile', () => Infinity],
  ['-Infinity', 'hostile', () => -Infinity],
  ['unsafe integer 2^53+2', 'hostile', () => 2 ** 53 + 2],
  ['1 MB string', 'hostile', () => HUGE],
  ['1 MB SQL-ish string', 'hostile', () => HUGE_SQL],
  ['10,000-deep object', 'hostile', () => deepObject],
  ['10,000-deep array', 'hostile', () => deepArray],
  ['100,000-element array', 'hostile', () => new Array(100_000).fill('E05013246')],
  ['Date', 'exotic', () => new Date(0)],
  ['Map', 'exotic', () => new Map([['a', 1]])],
  ['Set', 'exotic', () => new Set(['E05013246'])],
  ['Uint8Array', 'exotic', () => new Uint8Array(16)],
  ['RegExp', 'exotic', () => /x/],
  ...POLLUTERS.map(([name, json]) => [`object with ${name} key`, 'hostile', () => JSON.parse(json)] as [string, Hostility, () => unknown]),
];

/** Whole-argument attacks (what a hostile renderer could pass instead of an arguments object). */
const ARG_ATTACKS: [string, Hostility, (base: unknown) => unknown][] = [
  ['a string', 'hostile', () => 'x'],
  ['a number', 'hostile', () => 42],
  ['true', 'hostile', () => true],
  ['NaN', 'hostile', () => NaN],
  ['Infinity', 'hostile', () => Infinity],
  ['an array', 'hostile', () => []],
  ['the arguments in an array', 'hostile', (base) => [base]],
  ['a 1 MB string', 'hostile', () => HUGE],
  ['a 10,000-deep object', 'hostile', () => deepObject],
  ['a 10,000-deep array', 'hostile', () => deepArray],
  ['a Date', 'exotic', () => new Date(0)],
  ['a Map', 'exotic', () => new Map([['code', 'E05013246']])],
  ['a Uint8Array', 'exotic', () => new Uint8Array(8)],
];

/**
 * Attacks the schema accepts by design (not sent, since they would run real handlers), by field path.
 * Each must say why accepting it is right.
 */
const ACCEPTED_BY_DESIGN: Record<string, string> = {
  'laps.import content': 'the LAP file content itself: up to 20 MB of JSON or CSV text, parsed and checked by the importer',
  'import.preview contentBase64': 'a data file as base64: up to 150 MB (the contract limit); 1 MB of "A" is valid base64',
  'import.start contentBase64': 'as import.preview',
  'files.stage contentBase64': 'a data file staged once for later previews and the import: same limit as import.preview',
  'places.import contentBase64': 'a places file (CSV or GeoJSON) as base64, same limit as import.preview; the importer checks it',
  'places.import postcodes.contentBase64': 'a postcode lookup CSV (ONS Postcode Directory extract) as base64, same limit as import.preview; the importer checks it',
  'places.importCentres contentBase64': 'the ONS centroid CSV as base64, same limit as import.preview',
  'practices.import contentBase64': 'a Fingertips GP-level CSV as base64, same limit as import.preview; the importer checks it',
};

function hasOwnKeyDeep(value: unknown, key: string, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 50) return false;
  if (Object.prototype.hasOwnProperty.call(value, key)) return true;
  return Object.values(value).some((v) => hasOwnKeyDeep(v, key, depth + 1));
}

/** True when the value is plain JSON-like data: no Date, Map, typed array..., and only ordinary prototypes. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return proto === Array.prototype && value.every((v) => isPlainData(v, depth + 1));
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainData(v, depth + 1));
}

interface Figures {
  channels: number;
  attacksSent: number;
  perChannel: Record<string, number>;
  acceptedByDesign: Set<string>;
  exoticNormalised: number;
  /** zod records skip a '__proto__' key (without validating its value): accepted, but the key is gone. */
  protoKeysDropped: string[];
  probesValid: number;
  randomRejected: number;
  randomAccepted: number;
  unknownChannels: number;
}

let backend: Backend;
let cleanup: () => void;
let calls: Record<string, number>;
let counted: Handlers;
const figures: Figures = { channels: 0, attacksSent: 0, perChannel: {}, acceptedByDesign: new Set(), exoticNormalised: 0, protoKeysDropped: [], probesValid: 0, randomRejected: 0, randomAccepted: 0, unknownChannels: 0 };

beforeAll(() => {
  const t = tempDir('lap-fuzz-');
  cleanup = t.cleanup;
  backend = createBackend({ dbPath: seededDb(path.join(t.dir, 'fuzz.db')), transport: 'test' });
  calls = Object.fromEntries(channels.map((c) => [c, 0]));
  // The real handlers, counted: none may run for a rejected request.
  counted = Object.fromEntries(
    channels.map((c) => [
      c,
      async (args: unknown) => {
        calls[c]!++;
        return (backend.handlers[c] as (a: unknown) => Promise<unknown>)(args);
      },
    ]),
  ) as unknown as Handlers;
});

afterAll(() => {
  backend?.close();
  cleanup?.();
  const total = figures.attacksSent + figures.unknownChannels;
  console.log(
    `[contract-fuzz] ${figures.channels} channels attacked with ${figures.attacksSent} malformed inputs (+${figures.unknownChannels} unknown channel names) = ${total} requests, all rejected as 'invalid-input'; ` +
      `${figures.acceptedByDesign.size} field attacks accepted by design (${[...figures.acceptedByDesign].join('; ')}); ` +
      `${figures.protoKeysDropped.length} '__proto__' record keys dropped by zod (${figures.protoKeysDropped.join('; ')}); ` +
      `${figures.exoticNormalised} structured-clone exotics (Date, Map...) accepted only as plain data; ${figures.probesValid} ordinary probes were valid values and not sent.`,
  );
  console.log(`[contract-fuzz] fast-check: ${figures.randomRejected} random inputs rejected as 'invalid-input', ${figures.randomAccepted} happened to be valid and were not sent (seed 20261123).`);
  console.log(`[contract-fuzz] per channel: ${Object.entries(figures.perChannel).map(([c, n]) => `${c} ${n}`).join(', ')}`);
});

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype] as const;
const snapshotPrototypes = () => PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(','));

interface Attack {
  label: string;
  hostility: Hostility;
  /** For ACCEPTED_BY_DESIGN: '<channel> <field>'. */
  field: string;
  input: unknown;
}

/** Every attack on one channel. */
function attacksFor(channel: Channel): Attack[] {
  const schema = schemas[channel];
  const base = sample(schema, true);
  const out: Attack[] = [];
  for (const [name, hostility, make] of ARG_ATTACKS) out.push({ label: `arguments: ${name}`, hostility, field: `${channel} (arguments)`, input: make(base) });
  const all = fields(schema, base);
  for (const f of all) {
    const where = f.path.join('.');
    const field = `${channel} ${where}`;
    for (const [name, hostility, make] of VALUE_ATTACKS) out.push({ label: `${where}: ${name}`, hostility, field, input: withAt(base, f.path, make()) });
    if (!f.optional) out.push({ label: `${where}: missing`, hostility: 'hostile', field, input: withAt(base, f.path, DELETE) });
    const current = getAt(base, f.path);
    if (current && typeof current === 'object' && !Array.isArray(current)) out.push({ label: `${where}: object given as an array`, hostility: 'hostile', field, input: withAt(base, f.path, [current]) });
  }
  for (const p of objectPaths(all, base)) {
    const where = p.length ? p.join('.') : 'arguments';
    const field = `${channel} ${where}`;
    const obj = getAt(base, p);
    out.push({ label: `${where}: extra field`, hostility: 'hostile', field, input: withAt(base, p, { ...(obj as object), extra: 1 }) });
    out.push({ label: `${where}: extra 1 MB field`, hostility: 'hostile', field, input: withAt(base, p, { ...(obj as object), [HUGE.slice(0, 1000)]: HUGE }) });
    for (const [name, json] of POLLUTERS.slice(0, 3)) out.push({ label: `${where}: own ${name} key`, hostility: 'hostile', field, input: withAt(base, p, withOwnKey(obj, json)) });
  }
  return out;
}

describe('contract fuzzing through dispatch (real backend, temp database)', () => {
  it('builds a valid sample for every channel (so each attack breaks exactly one thing)', () => {
    const invalid = channels.filter((c) => !schemas[c].safeParse(sample(schemas[c], true)).success);
    expect(invalid).toEqual([]);
  });

  it('rejects every malformed input on every channel as validation, naming the channel, running no handler', async () => {
    const protoBefore = snapshotPrototypes();
    const dbBefore = tableChecksums(backend.db);
    const unexpectedAccepts: string[] = [];
    const wrongReplies: string[] = [];

    for (const channel of channels) {
      let sent = 0;
      for (const { label, hostility, field, input } of attacksFor(channel)) {
        const parsed = schemas[channel].safeParse(input);
        if (parsed.success) {
          if (hostility === 'probe') figures.probesValid++;
          else if (hostility === 'exotic' && isPlainData(parsed.data)) figures.exoticNormalised++;
          else if (ACCEPTED_BY_DESIGN[field] && /1 MB/.test(label)) figures.acceptedByDesign.add(field);
          else if (/__proto__ key/.test(label) && isPlainData(parsed.data) && !hasOwnKeyDeep(parsed.data, '__proto__')) figures.protoKeysDropped.push(`${channel} ${label}`);
          else unexpectedAccepts.push(`${channel} <- ${label}`);
          continue;
        }
        let reply: Awaited<ReturnType<typeof dispatch>>;
        try {
          reply = await dispatch(counted, channel, input);
        } catch (err) {
          wrongReplies.push(`${channel} <- ${label}: threw ${(err as Error).message}`);
          continue;
        }
        sent++;
        if (reply.ok || reply.error.kind !== 'invalid-input' || reply.error.channel !== channel || !reply.error.issues?.length || reply.error.message.length === 0) {
          wrongReplies.push(`${channel} <- ${label}: ${JSON.stringify(reply).slice(0, 300)}`);
        }
      }
      figures.perChannel[channel] = sent;
      figures.attacksSent += sent;
      if (sent > 0) figures.channels++;
    }

    expect(wrongReplies).toEqual([]);
    expect(unexpectedAccepts).toEqual([]);
    expect(figures.channels).toBe(channels.length);
    expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(0);
    // Nothing polluted, nothing written.
    expect(snapshotPrototypes()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(tableChecksums(backend.db)).toEqual(dbBefore);
  }, 120_000);

  it('property-based: random values (fast-check) as arguments, or in place of any field, never crash or slip through', async () => {
    const protoBefore = snapshotPrototypes();
    const dbBefore = tableChecksums(backend.db);
    const anything = fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf')),
    });
    let rejected = 0;
    let accepted = 0;
    const seed = 20261123;
    for (const channel of channels) {
      const base = sample(schemas[channel], true);
      const paths = [[], ...fields(schemas[channel], base).map((f) => f.path)];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), anything, async (p, value) => {
          const input = withAt(base, p, value);
          // As the dispatcher reads it: null or undefined arguments mean {} (by design).
          const parsed = schemas[channel].safeParse(input ?? {});
          if (parsed.success) {
            accepted++;
            expect(isPlainData(parsed.data)).toBe(true); // what a handler would get is plain data
            return;
          }
          const reply = await dispatch(counted, channel, input);
          expect(reply.ok).toBe(false);
          if (!reply.ok) {
            expect(reply.error.kind).toBe('invalid-input');
            expect(reply.error.channel).toBe(channel);
            expect(reply.error.issues?.length).toBeGreaterThan(0);
          }
          rejected++;
        }),
        { numRuns: 150, seed },
      );
    }
    figures.randomRejected = rejected;
    figures.randomAccepted = accepted;
    expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(0);
    expect(snapshotPrototypes()).toEqual(protoBefore);
    expect(tableChecksums(backend.db)).toEqual(dbBefore);
  }, 120_000);

  it('refuses unknown channel names, including prototype names, without running anything', async () => {
    const names = ['', ' ', 'app.info ', 'APP.INFO', 'app.info\u0000', 'lap:app.info', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'wards.drop', HUGE, "'); DROP TABLE lap;--"];
    const nonStrings: unknown[] = [42, null, undefined, true, {}, [], ['app.info'], NaN];
    for (const name of [...names, ...nonStrings]) {
      const reply = await dispatch(counted, name, {});
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.kind).toBe('invalid-input');
        expect(reply.error.message).toMatch(/^Unknown request '/);
        expect(reply.error.message.length).toBeLessThan(120); // a 1 MB name is not echoed back
      }
      figures.unknownChannels++;
    }
    expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('dispatch replies (not rejects) for a non-string channel, even one whose toString throws', async () => {
    const hostile = { toString: () => { throw new Error('boom'); } };
    for (const channel of [hostile, Object.create(null), 42, null, undefined, ['wards.list']]) {
      const reply = await dispatch(backend.handlers, channel, {});
      expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect(!reply.ok && reply.error.message).toMatch(/^Unknown request '(object|number|undefined)'\.$/);
    }
  });

  it('zod drops a "__proto__" record key instead of setting a prototype (import mappings use records)', () => {
    const raw = JSON.parse('{"fileName":"a.csv","contentBase64":"","mapping":{"columns":{"__proto__":{"name":"x"},"ok":{"name":"y"}}}}') as unknown;
    const parsed = schemas['import.preview'].safeParse(raw);
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      const columns = (parsed.data as { mapping: { columns: object } }).mapping.columns;
      expect(Object.getPrototypeOf(columns)).toBe(Object.prototype);
      expect(Object.keys(columns)).toEqual(['ok']);
    }
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});
